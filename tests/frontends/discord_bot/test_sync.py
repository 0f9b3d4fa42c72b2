"""Command sync against what Discord has: fetched, compared field by field, written only when it
differs; in the background after READY, retried, never in the way of answering."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import discord
import pytest
from discord.ext import commands

from bot.frontends.discord_bot import client as client_module
from bot.frontends.discord_bot import sync_commands
from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.client import AnswerBot
from bot.frontends.discord_bot.services import Services
from bot.frontends.discord_bot.sync import differences
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import embed_of

GLOBAL = rf"/applications/{p.APPLICATION_ID}/commands"
GUILD = rf"/applications/{p.APPLICATION_ID}/guilds/{p.GUILD_ID}/commands"
NAMES = {"ask", "cast", "ranking", "sources", "help", "report", "articles"}


async def start_and_sync(fake: FakeDiscord, settings, answerer: Answering) -> None:
    """Start the bot, wait for its background sync to end, stop it."""
    async with running_bot(fake, settings, answerer) as bot:
        await asyncio.wait_for(fake.wait_for_call(lambda c: c.method == "GET" and "/commands" in c.path), 10)
        assert bot.sync_task is not None
        await asyncio.wait_for(bot.sync_task, 20)


async def test_commands_are_fetched_and_put_only_when_discord_lacks_them(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    await start_and_sync(fake, settings, answerer)
    assert {c["name"] for c in fake.commands["global"]} == NAMES
    assert {c["name"] for c in fake.commands[p.GUILD_ID]} == NAMES
    ask = next(c for c in fake.calls_to("PUT", GLOBAL)[0].body if c["name"] == "ask")
    assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
        ("question", 3, True), ("private", 5, False)]
    assert not any(state_dir.iterdir()) if state_dir.exists() else True  # nothing kept locally

    await start_and_sync(fake, settings, answerer)
    assert len(fake.calls_to("GET", GLOBAL)) == 2 and len(fake.calls_to("PUT", GLOBAL)) == 1
    assert len(fake.calls_to("PUT", GUILD)) == 1


async def test_commands_deleted_or_changed_on_discord_are_registered_again(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    await start_and_sync(fake, settings, answerer)
    fake.delete_commands("global")
    next(c for c in fake.commands[p.GUILD_ID] if c["name"] == "cast")["description"] = "changed elsewhere"
    await start_and_sync(fake, settings, answerer)
    assert len(fake.calls_to("PUT", GLOBAL)) == 2 and len(fake.calls_to("PUT", GUILD)) == 2
    assert {c["name"] for c in fake.commands["global"]} == NAMES


def test_differences_are_field_by_field() -> None:
    local = [{"name": "ask", "description": "Ask", "type": 1,
              "options": [{"name": "question", "type": 3, "description": "Q", "required": True}]}]
    same_but_filled_in = [{**local[0], "id": "1", "version": "2", "nsfw": False, "name_localizations": None,
                           "options": [{**local[0]["options"][0], "autocomplete": False, "choices": []}]}]
    assert differences(local, same_but_filled_in) == []
    optional = [{**local[0], "options": [{**local[0]["options"][0], "required": False}]}]
    assert differences(local, optional) == ["/ask: options differs"]
    assert differences(local, []) == ["/ask is missing on Discord"]


class Trivia:
    """A feature module added in a later release."""

    @staticmethod
    def setup(bot: commands.Bot, services: Services) -> None:
        @bot.tree.command(name="trivia", description="A question about the show.")
        async def trivia(interaction: discord.Interaction) -> None:
            """Never called: only its registration matters here."""


async def test_a_new_command_is_synced_once(fake: FakeDiscord, state_dir: Path, answerer: Answering,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    settings = bot_settings(fake, state_dir, DISCORD_GUILD_ID="")
    await start_and_sync(fake, settings, answerer)
    monkeypatch.setattr(client_module, "FEATURES", (*client_module.FEATURES, Trivia))
    for _ in range(2):
        await start_and_sync(fake, settings, answerer)
    assert [len(c.body) for c in fake.calls_to("PUT", GLOBAL)] == [len(NAMES), len(NAMES) + 1]
    assert not fake.calls_to("GET", GUILD)


async def test_a_rate_limited_sync_waits_and_answering_goes_on(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    fake.fail("GET", GLOBAL, 429, retry_after=1.5)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer) as bot:
        record = await fake.slash("ask", question="How many episodes are there?")
        answered = await asyncio.wait_for(record.final, 10)
        assert bot.sync_task is not None and not bot.sync_task.done()  # still waiting out the 429
        await asyncio.wait_for(bot.sync_task, 20)
    assert "12 episodes" in embed_of(answered)["description"]
    assert [c.status for c in fake.calls_to("GET", GLOBAL)] == [429, 200]
    assert len(fake.calls_to("PUT", GLOBAL)) == 1


async def test_a_guild_that_refuses_commands_is_logged_once(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.frontends.discord_bot.sync")
    fake.fail("PUT", GUILD, 403, times=5)
    await start_and_sync(fake, bot_settings(fake, state_dir), answerer)
    assert [c.status for c in fake.calls_to("PUT", GUILD)] == [403]
    assert caplog.text.count(f"Not allowed to register slash commands in guild {p.GUILD_ID}") == 1
    assert len(fake.calls_to("PUT", GLOBAL)) == 1


async def test_a_failed_sync_is_retried(fake: FakeDiscord, state_dir: Path, answerer: Answering,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.frontends.discord_bot.sync.RETRY_DELAYS", (0.2, 0.2))
    fake.fail("PUT", GLOBAL, 400)  # a failure discord.py does not retry by itself
    await start_and_sync(fake, bot_settings(fake, state_dir, DISCORD_GUILD_ID=""), answerer)
    assert [c.status for c in fake.calls_to("PUT", GLOBAL)] == [400, 200]


async def test_python_m_bot_sync_writes_the_commands_unconditionally(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    await start_and_sync(fake, settings, answerer)
    assert await asyncio.to_thread(sync_commands, settings) == 0
    assert len(fake.calls_to("PUT", GLOBAL)) == 2 and len(fake.calls_to("PUT", GUILD)) == 2


def test_no_feature_imports_the_client() -> None:
    """The seam: features get (bot, services) and never reach back into client.py."""
    import inspect

    for feature in client_module.FEATURES:
        assert "discord_bot.client" not in inspect.getsource(feature), feature.__name__  # type: ignore[arg-type]
    assert AnswerBot.__mro__[1] is commands.Bot
