"""Command sync: on the first start, when the commands change, and on demand; never otherwise."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.frontends.discord_bot import client as client_module
from bot.frontends.discord_bot import sync_commands
from bot.frontends.discord_bot.client import AnswerBot, Answering
from bot.frontends.discord_bot.sync import STATE_FILE
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings

GLOBAL = rf"/applications/{p.APPLICATION_ID}/commands"
GUILD = rf"/applications/{p.APPLICATION_ID}/guilds/{p.GUILD_ID}/commands"


async def test_commands_are_synced_globally_and_to_the_guild_once(fake: FakeDiscord, state_dir: Path,
                                                                  answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, answerer):
        pass
    assert {c["name"] for c in fake.commands["global"]} == {"ask", "cast", "ranking", "sources", "help"}
    assert {c["name"] for c in fake.commands[p.GUILD_ID]} == {"ask", "cast", "ranking", "sources", "help"}
    ask = next(c for c in fake.calls_to("PUT", GLOBAL)[0].body if c["name"] == "ask")
    assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
        ("question", 3, True), ("private", 5, False)]
    assert (state_dir / STATE_FILE).is_file()

    async with running_bot(fake, settings, answerer):
        pass
    assert len(fake.calls_to("PUT", GLOBAL)) == 1 and len(fake.calls_to("PUT", GUILD)) == 1


class Trivia:
    """A feature module added in a later release."""

    @staticmethod
    def setup(client: AnswerBot) -> None:
        @client.tree.command(name="trivia", description="A question about the show.")
        async def trivia(interaction: discord.Interaction) -> None:
            """Never called: only its registration matters here."""


async def test_a_changed_command_set_is_synced_again(fake: FakeDiscord, state_dir: Path, answerer: Answering,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, answerer):
        pass
    monkeypatch.setattr(client_module, "FEATURES", (*client_module.FEATURES, Trivia))
    for _ in range(2):
        async with running_bot(fake, settings, answerer):
            pass
    syncs = fake.calls_to("PUT", GLOBAL)
    assert [len(c.body) for c in syncs] == [5, 6]  # the new set once, then nothing


async def test_without_a_guild_id_commands_are_synced_globally_only(fake: FakeDiscord, state_dir: Path,
                                                                    answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir, DISCORD_GUILD_ID=""), answerer):
        pass
    assert len(fake.calls_to("PUT", GLOBAL)) == 1 and not fake.calls_to("PUT", GUILD)


async def test_unsetting_the_guild_id_removes_the_guild_copies(fake: FakeDiscord, state_dir: Path,
                                                               answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        pass
    for _ in range(2):
        async with running_bot(fake, bot_settings(fake, state_dir, DISCORD_GUILD_ID=""), answerer):
            pass
    assert [len(c.body) for c in fake.calls_to("PUT", GUILD)] == [5, 0]
    assert len(fake.calls_to("PUT", GLOBAL)) == 2


async def test_a_failed_sync_is_logged_and_tried_again_at_the_next_start(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    fake.fail("PUT", GLOBAL, 403)
    async with running_bot(fake, settings, answerer):
        pass
    assert not (state_dir / STATE_FILE).exists()
    async with running_bot(fake, settings, answerer):
        pass
    assert [c.status for c in fake.calls_to("PUT", GLOBAL)] == [403, 200]


async def test_python_m_bot_sync_syncs_even_when_nothing_changed(fake: FakeDiscord, state_dir: Path,
                                                                 answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, answerer):
        pass
    assert await asyncio.to_thread(sync_commands, settings) == 0
    assert len(fake.calls_to("PUT", GLOBAL)) == 2 and len(fake.calls_to("PUT", GUILD)) == 2
