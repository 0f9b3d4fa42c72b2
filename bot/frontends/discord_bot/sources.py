"""`/sources`: the articles the bot quotes from, paged when there are many."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.frontends.discord_bot.paginator import send_pages
from bot.replies.discord import sources_pages

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot


def setup(client: AnswerBot) -> None:
    @client.tree.command(name="sources", description="List the news articles I quote from.")
    async def sources(interaction: discord.Interaction) -> None:
        await send_pages(interaction, sources_pages(client.answerer.articles), ephemeral=True)
