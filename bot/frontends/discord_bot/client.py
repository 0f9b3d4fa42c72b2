"""The Discord client: one discord.py Client with its own command tree, features added by module.

A feature is a module with `setup(client)` that adds its slash commands (and listeners) to the
client; adding one (say `/cast`) means writing the module and listing it in FEATURES.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

import discord
from discord import app_commands

from bot.answers.model import Answer
from bot.frontends.discord_bot import ask, cast, messages, ranking, sources, sync
from bot.frontends.discord_bot import help as help_
from bot.frontends.discord_bot.cooldown import Cooldowns, OnCooldown
from bot.frontends.discord_bot.endpoints import use_endpoints
from bot.frontends.discord_bot.respond import NO_MENTIONS, notify
from bot.knowledge.articles import Article
from bot.replies.discord import ERROR_MESSAGE, cooldown_message
from bot.settings import Settings

log = logging.getLogger(__name__)

# The bot never joins voice, so discord.py's warnings about missing voice libraries are only noise.
discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False

FEATURES = (ask, cast, ranking, sources, help_, messages)
# Answer within this long or defer ("thinking…"): Discord drops interactions not answered in 3 s,
# and the budget leaves room for the network and a busy event loop.
DEFER_AFTER_SECONDS = 1.5
# Answering is CPU-bound (the embedding model): a thread per core, as more would only queue in torch.
ANSWER_THREADS = min(4, os.cpu_count() or 1)


class Answering(Protocol):
    """What the front end needs from bot.answers.answerer.Answerer."""

    def ask(self, question: str) -> Answer: ...

    @property
    def articles(self) -> Sequence[Article]: ...


def intents_for(settings: Settings) -> discord.Intents:
    """Only what the bot uses. Message content is privileged and needed only to read every message of
    the BOT_ANSWER_CHANNEL_IDS channels: mentions, DMs and replies that ping the bot carry it anyway."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = bool(settings.answer_channel_ids)
    return intents


class AnswerTree(app_commands.CommandTree):
    """A command tree whose errors reach the user as one short private line and the log in full."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, OnCooldown):
            text = cooldown_message(error.retry_after)
        else:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("/%s failed for user %s", command, interaction.user.id, exc_info=error)
            text = ERROR_MESSAGE
        try:
            await notify(interaction, text)
        except discord.HTTPException as exc:
            log.warning("Could not tell user %s about the error: %s", interaction.user.id, exc)


class AnswerBot(discord.Client):
    """Answers /ask, mentions and replies with quotes from the articles."""

    def __init__(self, settings: Settings, answerer: Answering | None = None, *,
                 defer_after: float = DEFER_AFTER_SECONDS, sync_on_login: bool = True) -> None:
        use_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)
        super().__init__(intents=intents_for(settings), allowed_mentions=NO_MENTIONS)
        self.settings = settings
        self.defer_after = defer_after
        self.sync_on_login = sync_on_login
        self.tree = AnswerTree(self)
        self.cooldowns = Cooldowns(settings.cooldown_seconds)
        # Looking up the cast or the ranking is not a question: it must not hold up the next /ask.
        self.fact_cooldowns = Cooldowns(settings.cooldown_seconds)
        self._answerer = answerer
        self._executor = ThreadPoolExecutor(max_workers=ANSWER_THREADS, thread_name_prefix="answer")
        for feature in FEATURES:
            feature.setup(self)

    @property
    def answerer(self) -> Answering:
        if self._answerer is None:
            raise RuntimeError("AnswerBot.use(answerer) must be called before the bot connects")
        return self._answerer

    def use(self, answerer: Answering) -> None:
        """Set the answerer once it is loaded (after login, so a bad token fails before the slow load)."""
        self._answerer = answerer

    async def answer(self, question: str) -> Answer:
        """Answer in a worker thread, so many questions at once never stall the gateway heartbeat."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.answerer.ask, question)

    def cooldown_check(self, interaction: discord.Interaction) -> bool:
        """An app-command check: one question per user per BOT_COOLDOWN_SECONDS."""
        return _check(self.cooldowns, interaction)

    def fact_cooldown_check(self, interaction: discord.Interaction) -> bool:
        """The same limit for /cast and /ranking, counted apart from questions."""
        return _check(self.fact_cooldowns, interaction)

    async def setup_hook(self) -> None:
        """Runs inside login(), before the gateway connects: the moment to sync changed commands."""
        if self.sync_on_login:
            await sync.sync_if_changed(self)

    async def close(self) -> None:
        await super().close()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _check(cooldowns: Cooldowns, interaction: discord.Interaction) -> bool:
    wait = cooldowns.hit(interaction.user.id)
    if wait > 0:
        raise OnCooldown(wait)
    return True
