"""The Discord client: a discord.py Bot whose features are added by module, each given the services.

A feature is a module with `setup(bot, services)` that adds its slash commands, listeners and
buttons; adding one (say `/trivia`) means writing the module and listing it in FEATURES. Features
never import this module: they receive the bot and the services (bot.frontends.discord_bot.services).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Protocol

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord_bot import ask, cast, feedback, messages, moderation, ranking, sources, sync
from bot.frontends.discord_bot import help as help_
from bot.frontends.discord_bot.endpoints import use_endpoints
from bot.frontends.discord_bot.respond import NO_MENTIONS, notify, too_late
from bot.frontends.discord_bot.services import Services
from bot.replies.discord import ERROR_MESSAGE
from bot.settings import Settings

log = logging.getLogger(__name__)

# The bot never joins voice, so discord.py's warnings about missing voice libraries are only noise.
discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False


class Feature(Protocol):
    def setup(self, bot: commands.Bot, services: Services) -> None: ...


FEATURES: tuple[Feature, ...] = (ask, cast, ranking, sources, help_, messages, feedback, moderation)


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
    """A command tree that skips interactions past Discord's window, and whose errors reach the user
    as one short private line and the log in full."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return not too_late(interaction)

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("/%s failed for user %s", command, interaction.user.id, exc_info=error)
        try:
            await notify(interaction, ERROR_MESSAGE)
        except discord.HTTPException as exc:
            log.warning("Could not tell user %s about the error: %s", interaction.user.id, exc)


class AnswerBot(commands.Bot):
    """Answers /ask, mentions and replies with quotes from the articles; /cast, /ranking, /sources."""

    def __init__(self, services: Services, *, sync_commands: bool = True, **options: Any) -> None:
        settings = services.settings
        use_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)
        super().__init__(command_prefix=commands.when_mentioned, help_command=None, tree_cls=AnswerTree,
                         intents=intents_for(settings), allowed_mentions=NO_MENTIONS, **options)
        self.services = services
        self.sync_task: asyncio.Task[None] | None = None  # the background sync, once READY
        for feature in FEATURES:
            feature.setup(self, services)
        if sync_commands:
            self.add_listener(self._sync_once, "on_ready")

    async def on_message(self, message: discord.Message, /) -> None:
        """Questions by message are a feature's listener; the Bot's prefix commands are not used."""

    async def _sync_once(self) -> None:
        """After the first READY, in the background: answering never waits for it."""
        if self.sync_task is None:
            self.sync_task = asyncio.create_task(
                sync.sync_in_background(self, self.services.settings.discord_guild_id))

    async def close(self) -> None:
        if self.sync_task is not None:
            self.sync_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.sync_task
        await super().close()
        self.services.answers.close()


class ShardedAnswerBot(AnswerBot, commands.AutoShardedBot):
    """The same bot running several shards (BOT_SHARD_COUNT, BOT_SHARD_IDS) in one process."""


def make_bot(services: Services, **options: Any) -> AnswerBot:
    """The bot for these settings: sharded when BOT_SHARD_COUNT is set."""
    settings = services.settings
    if settings.shard_count is None:
        return AnswerBot(services, **options)
    ids = list(settings.shard_ids) if settings.shard_ids else None
    return ShardedAnswerBot(services, shard_count=settings.shard_count, shard_ids=ids, **options)
