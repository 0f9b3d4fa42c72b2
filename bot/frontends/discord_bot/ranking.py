"""`/ranking`: the chart positions and audience figures of the launch, cited, paged with buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.frontends.discord_bot.facts import knowledge_of
from bot.frontends.discord_bot.paginator import send_pages
from bot.replies.ranking import ranking_pages

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot


def setup(client: AnswerBot) -> None:
    @client.tree.command(name="ranking", description="How big is All of Us Are Dead? Its chart records and figures.")
    @app_commands.check(client.fact_cooldown_check)
    async def ranking(interaction: discord.Interaction) -> None:
        await send_pages(interaction, ranking_pages(knowledge_of(client).ranking), ephemeral=False)
