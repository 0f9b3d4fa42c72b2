"""`/help`: how to ask, listing every slash command the tree has (so new features show up by themselves)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.frontends.discord_bot.respond import respond
from bot.replies.discord import help_embed

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot


def setup(client: AnswerBot) -> None:
    @client.tree.command(name="help", description="How to ask me about All of Us Are Dead.")
    async def help_(interaction: discord.Interaction) -> None:
        commands = [(c.name, c.description) for c in client.tree.get_commands()
                    if isinstance(c, app_commands.Command)]
        mention = client.user.mention if client.user else None
        await respond(interaction, help_embed(commands, mention), ephemeral=True)
