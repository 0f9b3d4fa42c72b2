"""Fixtures for the Discord front end: a fake Discord per test (the real answerer comes from
tests/conftest.py, loaded once per session)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fake_discord import FakeDiscord
from tests.fake_discord.checks import body_errors


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A fake Discord on 127.0.0.1; afterwards every body the bot sent it must pass the checks
    (Discord's OpenAPI schema for its route where the spec is present, and the limits it leaves out)."""
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()
    errors = body_errors(server.calls)
    assert not errors, "\n".join(errors)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """Where the bot keeps the hash of the last command sync (BOT_INDEX_DIR)."""
    return tmp_path / "index"
