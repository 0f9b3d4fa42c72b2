"""Helpful / Not helpful buttons under every answer, recorded in the moderators' records.

The buttons are discord.py DynamicItems: their custom_id (`vote:y:<answer key>`) carries all they
need, and the class is registered at start-up, so a press on an answer sent before a restart still
reaches the store. One vote per person per answer; a second press changes it; the reply is private.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import discord
from discord.ext import commands

from bot.answers.model import Answer, Outcome
from bot.frontends.discord_bot.respond import defer_budget, notify
from bot.frontends.discord_bot.services import Services
from bot.records import Asked, Records, VoteResult
from bot.replies.moderation import HELPFUL, NOT_HELPFUL, vote_line

TEMPLATE = r"vote:(?P<vote>[yn]):(?P<key>[0-9a-f]{8,12}\.[0-9a-f]{12})"


class Feedback:
    """The records as the Discord features see them: buttons for a new answer, votes from presses.

    Built with the services; the records are opened after start-up (`use`), and until then, or when
    they could not be opened, answers simply carry no buttons."""

    def __init__(self, records: Records | None = None) -> None:
        self.records = records
        self.button = _button_class(self)

    def use(self, records: Records) -> None:
        self.records = records

    @property
    def enabled(self) -> bool:
        return self.records is not None and self.records.enabled

    def view_for(self, answer: Answer, asked: Asked) -> discord.ui.View | None:
        """Record the question (queued, not awaited) and return the buttons to send with its answer.
        Chatter ("thanks!", an emoji) is no question: neither recorded nor voted on."""
        if self.records is None or not self.enabled or answer.outcome is Outcome.NOT_A_QUESTION:
            return None
        key = self.records.new_key()
        self.records.record(key, answer, asked)
        view = discord.ui.View(timeout=None)
        view.add_item(self.button(key, True))
        view.add_item(self.button(key, False))
        return view

    async def vote(self, key: str, user_id: int, helpful: bool) -> VoteResult:
        if self.records is None:
            return VoteResult.DISABLED
        return await self.records.vote(key, user_id, helpful)

    async def close(self) -> None:
        if self.records is not None:
            await self.records.close()


def _button_class(feedback: Feedback) -> type[discord.ui.DynamicItem[discord.ui.Button]]:
    """A button class bound to one Feedback (discord.py registers the class, not an instance)."""

    class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
        def __init__(self, key: str, helpful: bool) -> None:
            super().__init__(discord.ui.Button(
                label=HELPFUL if helpful else NOT_HELPFUL, emoji="👍" if helpful else "👎",
                style=discord.ButtonStyle.secondary, custom_id=f"vote:{'y' if helpful else 'n'}:{key}"))
            self.key = key
            self.helpful = helpful

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                                 match: re.Match[str], /) -> VoteButton:
            return cls(match["key"], match["vote"] == "y")

        async def callback(self, interaction: discord.Interaction) -> None:
            # A vote waits behind the queued writes; in a burst that can near Discord's 3 s.
            vote = asyncio.ensure_future(feedback.vote(self.key, interaction.user.id, self.helpful))
            done, _ = await asyncio.wait({vote}, timeout=defer_budget(interaction))
            if not done:
                await interaction.response.defer(ephemeral=True, thinking=True)
            await notify(interaction, vote_line(await vote, self.helpful))

    return VoteButton


def feedback_view(services: Services, answer: Answer, asked: Asked) -> discord.ui.View | None:
    """The buttons for this answer (recording its question), or None when there is no feedback store."""
    return services.store.view_for(answer, asked) if isinstance(services.store, Feedback) else None


def setup(bot: commands.Bot, services: Services) -> None:
    """Register the button class, so presses on answers sent before a restart are handled too."""
    if isinstance(services.store, Feedback):
        bot.add_dynamic_items(services.store.button)
