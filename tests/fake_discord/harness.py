"""Starting the real bot against a FakeDiscord, the way `python -m bot run` does, minus the model load."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.frontends.discord_bot.client import AnswerBot, Answering
from bot.settings import Settings, load_settings
from tests.fake_discord.server import FakeDiscord


def bot_settings(fake: FakeDiscord, state_dir: Path, **env: str) -> Settings:
    """Settings read from environment variables only, as a deployment would set them."""
    defaults = {"BOT_INDEX_DIR": str(state_dir), "BOT_COOLDOWN_SECONDS": "0"}
    return load_settings(env={**fake.env(), **defaults, **env})


@contextlib.asynccontextmanager
async def running_bot(fake: FakeDiscord, settings: Settings, answerer: Answering,
                      **options: Any) -> AsyncIterator[AnswerBot]:
    """Log in (syncing commands if changed), connect the gateway, and wait for READY."""
    client = AnswerBot(settings, answerer, **options)
    await client.login(settings.discord_token or "")
    connection = asyncio.create_task(client.connect())
    try:
        await asyncio.wait_for(fake.connected.wait(), 10)
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(connection, 10)
