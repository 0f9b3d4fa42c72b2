"""`/ask question:<text> [private:<bool>]`: quotes and citations, deferred only when slow."""

from __future__ import annotations

from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.model import Answer
from bot.frontends.discord_bot import questions
from bot.frontends.discord_bot.respond import acknowledge_quietly, defer_budget, notify, respond
from bot.frontends.discord_bot.services import Services
from bot.records import Asked
from bot.replies.discord import answer_embed

QUESTION_MAX_LENGTH = 6000  # Discord's own limit for a string option


def setup(bot: commands.Bot, services: Services) -> None:
    @bot.tree.command(name="ask",
                      description="Ask about All of Us Are Dead: I answer with quotes from news articles.")
    @app_commands.describe(question="Your question, e.g. who plays Nam On-jo?",
                           private="Show the answer only to you (default: no)")
    async def ask(interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, QUESTION_MAX_LENGTH], private: bool = False) -> None:
        await questions.ask(services, InteractionEdge(interaction, private), question)


@dataclass
class InteractionEdge:
    """A question asked with /ask: notices are private, the answer public unless `private`."""

    interaction: discord.Interaction
    private: bool

    @property
    def user_id(self) -> int:
        return self.interaction.user.id

    def defer_budget(self) -> float | None:
        return defer_budget(self.interaction)

    async def thinking(self) -> None:
        await self.interaction.response.defer(ephemeral=self.private, thinking=True)

    async def notice(self, text: str, *, repeat: bool = False) -> None:
        await notify(self.interaction, text)

    async def quiet(self) -> None:
        await acknowledge_quietly(self.interaction)

    async def answer(self, answer: Answer, view: discord.ui.View | None = None) -> None:
        await respond(self.interaction, answer_embed(answer), ephemeral=self.private, view=view)

    @property
    def asked(self) -> Asked:
        return Asked("slash", self.interaction.guild_id, self.interaction.channel_id, self.user_id)
