"""`/ask question:<text> [private:<bool>]`: quotes and citations, deferred only when slow."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.frontends.discord_bot.respond import respond
from bot.replies.discord import answer_embed

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot

QUESTION_MAX_LENGTH = 6000  # Discord's own limit for a string option


def setup(client: AnswerBot) -> None:
    @client.tree.command(name="ask",
                         description="Ask about All of Us Are Dead: I answer with quotes from news articles.")
    @app_commands.describe(question="Your question, e.g. who plays Nam On-jo?",
                           private="Show the answer only to you (default: no)")
    @app_commands.check(client.cooldown_check)
    async def ask(interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, QUESTION_MAX_LENGTH], private: bool = False) -> None:
        await answer_interaction(client, interaction, question, private=private)


async def answer_interaction(client: AnswerBot, interaction: discord.Interaction, question: str, *,
                             private: bool) -> None:
    """Reply directly when the answer is ready within `client.defer_after`, else defer first.

    Answers usually take milliseconds, so most users never see "thinking…"; a burst of questions or
    a slow machine still meets Discord's 3-second deadline for the first response.
    """
    job = asyncio.ensure_future(client.answer(question))
    try:
        done, _ = await asyncio.wait({job}, timeout=client.defer_after)
        if not done:
            await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await job
    finally:
        job.cancel()  # only matters when deferring failed: nobody is left to read the answer
    await respond(interaction, answer_embed(answer), ephemeral=private)
