"""`/ranking`: the headline figures of the launch first, then every figure with the sentence it was
read from, cited and paged with buttons. Reads the stored facts only; never throttled."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.frontends.discord_bot import paginator
from bot.frontends.discord_bot.services import Services
from bot.replies.ranking import ranking_pages


def setup(bot: commands.Bot, services: Services) -> None:
    async def pages(interaction: discord.Interaction) -> paginator.Pages:
        return ranking_pages((await services.facts.get()).ranking)

    @bot.tree.command(name="ranking", description="How big is All of Us Are Dead? Its chart records and figures.")
    async def ranking(interaction: discord.Interaction) -> None:
        facts = await paginator.facts_for(interaction, services, ephemeral=False)
        await paginator.send_pages(interaction, "ranking", ranking_pages(facts.ranking), ephemeral=False)

    paginator.register(bot, "ranking", pages)
