"""`/sources`: the articles the bot quotes from, paged when there are many; from the stored facts."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.frontends.discord_bot import paginator
from bot.frontends.discord_bot.services import Services
from bot.replies.discord import sources_pages


def setup(bot: commands.Bot, services: Services) -> None:
    async def pages(interaction: discord.Interaction) -> paginator.Pages:
        return sources_pages((await services.facts.get()).articles)

    @bot.tree.command(name="sources", description="List the news articles I quote from.")
    async def sources(interaction: discord.Interaction) -> None:
        facts = await paginator.facts_for(interaction, services, ephemeral=True)
        await paginator.send_pages(interaction, "sources", sources_pages(facts.articles), ephemeral=True)

    paginator.register(bot, "sources", pages)
