"""`/help`: how to ask, listing every slash command the tree has (so new features show up by themselves)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord_bot.respond import respond
from bot.frontends.discord_bot.services import Services
from bot.replies.discord import help_embed


def setup(bot: commands.Bot, services: Services) -> None:
    @bot.tree.command(name="help", description="How to ask me about All of Us Are Dead.")
    async def help_(interaction: discord.Interaction) -> None:
        commands_ = [(c.name, c.description) for c in bot.tree.get_commands() if isinstance(c, app_commands.Command)]
        mention = bot.user.mention if bot.user else None
        await respond(interaction, help_embed(commands_, mention), ephemeral=True)
