"""Sending replies: every message goes out with allowed mentions = none, whichever way it is sent."""

from __future__ import annotations

from typing import Any

import discord

from bot.replies.discord import notice_embed

NO_MENTIONS = discord.AllowedMentions.none()
ANSWERED = "answered"  # key in Interaction.extras: the final reply has replaced any "thinking…"


def to_embed(data: dict[str, Any]) -> discord.Embed:
    return discord.Embed.from_dict(data)


async def respond(interaction: discord.Interaction, embed: dict[str, Any], *, ephemeral: bool,
                  view: discord.ui.View | None = None) -> None:
    """The final reply: the first response, or the edit of the deferred "thinking…" message."""
    kwargs: dict[str, Any] = {"embed": to_embed(embed), "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
    interaction.extras[ANSWERED] = True


async def notify(interaction: discord.Interaction, text: str) -> None:
    """A short notice only the user sees, whatever state the interaction is in.

    A "thinking…" message that is still showing may be public (and the first followup would only
    replace it, keeping it public), so it is deleted before the private followup is sent.
    """
    embed = to_embed(notice_embed(text))
    if not interaction.response.is_done():
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return
    if (interaction.response.type is discord.InteractionResponseType.deferred_channel_message
            and not interaction.extras.get(ANSWERED)):
        await interaction.delete_original_response()
    await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


class _Reference(discord.MessageReference):
    """A reply reference whose IDs are strings, as Discord's API spec types every snowflake
    (discord.py sends integers, which Discord tolerates but its own schema rejects)."""

    def to_dict(self) -> Any:
        return {key: str(value) if key.endswith("_id") and value is not None else value
                for key, value in super().to_dict().items()}

    to_message_reference_dict = to_dict


async def reply_to(message: discord.Message, embed: dict[str, Any]) -> discord.Message:
    """Answer a message in place, as a reply that pings nobody (not even its author); still sent
    if the question was deleted meanwhile."""
    return await message.channel.send(
        embed=to_embed(embed),
        reference=_Reference.from_message(message, fail_if_not_exists=False),
        mention_author=False,
        allowed_mentions=NO_MENTIONS,
    )
