"""Starting the real bot against a FakeDiscord, the way `python -m bot run` does, minus the model load."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.client import AnswerBot, make_bot
from bot.frontends.discord_bot.services import Facts, Services, build_services, facts_of
from bot.settings import Settings, load_settings
from tests.fake_discord.server import FakeDiscord


def bot_settings(fake: FakeDiscord, state_dir: Path, **env: str) -> Settings:
    """Settings read from environment variables only, as a deployment would set them; the question
    limits are off unless a test sets them."""
    defaults = {"BOT_INDEX_DIR": str(state_dir), "BOT_QUESTION_BURST": "0",
                "BOT_DATABASE_PATH": str(state_dir.parent / "data" / "bot.sqlite3")}  # never the project's data/
    return load_settings(env={**fake.env(), **defaults, **env})


def services_for(settings: Settings, answerer: Answering | None, facts: Facts | None = None) -> Services:
    """The services with an answerer already loaded (None: still loading, see Services.answers)."""
    if facts is None and answerer is not None and hasattr(answerer, "knowledge"):
        facts = facts_of(answerer)
    return build_services(settings, answerer, facts)


@contextlib.asynccontextmanager
async def running_bot(fake: FakeDiscord, settings: Settings, answerer: Answering | None = None, *,
                      services: Services | None = None, **options: Any) -> AsyncIterator[AnswerBot]:
    """Log in, connect the gateway, and wait for READY; the command sync runs in the background."""
    bot = make_bot(services or services_for(settings, answerer), **options)
    await bot.login(settings.discord_token or "")
    connection = asyncio.create_task(bot.connect())
    try:
        await asyncio.wait_for(fake.connected.wait(), 10)
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(connection, 10)
