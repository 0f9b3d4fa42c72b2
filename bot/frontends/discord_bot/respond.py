"""Sending replies: every message goes out with allowed mentions = none, whichever way it is sent,
within Discord's clock (3 s to the first response of an interaction, 15 minutes for its token), and
only where the bot may speak (permissions are read before a message reply is sent)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import discord

from bot.replies.discord import embed_text, notice_embed

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
ANSWERED = "answered"  # key in Interaction.extras: the final reply has replaced any "thinking…"

# Discord's clock: an interaction gets no response after 3 s, and its token lasts 15 minutes.
RESPONSE_WINDOW = 3.0
TOKEN_LIFETIME = 15 * 60.0
# Answer within this long or defer ("thinking…"); also the room left for the network before 3 s.
DEFER_AFTER = 1.0
NETWORK_MARGIN = 0.5


def to_embed(data: dict[str, Any]) -> discord.Embed:
    return discord.Embed.from_dict(data)


def age(interaction: discord.Interaction) -> float:
    """Seconds since Discord created the interaction (its ID says when)."""
    return (discord.utils.utcnow() - interaction.created_at).total_seconds()


def defer_budget(interaction: discord.Interaction, defer_after: float = DEFER_AFTER) -> float:
    """How long an answer may take before "thinking…" must be sent to meet the 3 s window."""
    return max(0.0, min(defer_after, RESPONSE_WINDOW - NETWORK_MARGIN - age(interaction)))


def too_late(interaction: discord.Interaction) -> bool:
    """An interaction Discord no longer takes a first response for (replayed, or queued too long)."""
    late = age(interaction) > RESPONSE_WINDOW - NETWORK_MARGIN / 5
    if late:
        log.warning("Skipping interaction %s: it is %.1f s old, past Discord's %.0f s window",
                    interaction.id, age(interaction), RESPONSE_WINDOW)
    return late


def token_expired(interaction: discord.Interaction) -> bool:
    expired = age(interaction) > TOKEN_LIFETIME - NETWORK_MARGIN
    if expired:
        log.warning("Not replying to interaction %s: its token expired (%.0f s old)", interaction.id, age(interaction))
    return expired


async def respond(interaction: discord.Interaction, embed: dict[str, Any], *, ephemeral: bool,
                  view: discord.ui.View | None = None) -> None:
    """The final reply: the first response, or the edit of the deferred "thinking…" message."""
    kwargs: dict[str, Any] = {"embed": to_embed(embed), "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        if token_expired(interaction):
            return
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
    if token_expired(interaction):
        return
    if (interaction.response.type is discord.InteractionResponseType.deferred_channel_message
            and not interaction.extras.get(ANSWERED)):
        await interaction.delete_original_response()
    await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def acknowledge_quietly(interaction: discord.Interaction) -> None:
    """Take the interaction (so the user's client shows no error) and say nothing: a private
    "thinking…" that is removed at once."""
    if interaction.response.is_done():
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    await interaction.delete_original_response()


@dataclass(frozen=True)
class Voice:
    """What the bot may do in a channel: send at all, with embeds, as a reply to a message."""

    send: bool
    embeds: bool
    replies: bool


def voice_in(channel: discord.abc.Messageable, me: discord.abc.Snowflake | None) -> Voice:
    """The bot's permissions in `channel` (a thread counts its own Send Messages in Threads)."""
    if not isinstance(channel, discord.abc.GuildChannel | discord.Thread) or not isinstance(me, discord.Member):
        return Voice(True, True, True)  # DMs, or a channel the cache does not know: try and see
    permissions = channel.permissions_for(me)
    send = permissions.send_messages_in_threads if isinstance(channel, discord.Thread) else permissions.send_messages
    return Voice(send and permissions.view_channel, permissions.embed_links, permissions.read_message_history)


async def reply_to(message: discord.Message, embed: dict[str, Any], voice: Voice,
                   view: discord.ui.View | None = None) -> discord.Message:
    """Answer a message in place, as a reply that pings nobody (not even its author); still sent if
    the question was deleted meanwhile. Plain text where embeds are not allowed, a plain message where
    replies are not (the caller checks `voice.send`)."""
    channel = message.channel
    content = {"embed": to_embed(embed)} if voice.embeds else {"content": embed_text(embed)}
    reference = {"reference": message.to_reference(fail_if_not_exists=False)} if voice.replies else {}
    buttons = {"view": view} if view is not None else {}
    return await channel.send(**content, **reference, **buttons, mention_author=False, allowed_mentions=NO_MENTIONS)


async def edit_reply(reply: discord.Message, embed: dict[str, Any], voice: Voice,
                     view: discord.ui.View | None = None) -> None:
    """Replace an earlier answer (the question was edited)."""
    content: dict[str, Any] = {"embed": to_embed(embed), "content": None} if voice.embeds else {
        "content": embed_text(embed), "embeds": []}
    buttons = {"view": view} if view is not None else {}
    await reply.edit(**content, **buttons, allowed_mentions=NO_MENTIONS)
