"""`run_bot` failing the way a moderator can act on: one line naming the setting, no traceback,
the token never shown."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.exits import ExitCode
from bot.frontends.discord_bot import run_bot
from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.runner import BAD_TOKEN, INTENT_MISSING, MALFORMED_TOKEN, NO_TOKEN, SHARDING_REQUIRED
from bot.frontends.discord_bot.services import facts_of
from bot.settings import PROJECT_ROOT
from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings


async def run_in_subprocess(env: dict[str, str]) -> tuple[int, str, str]:
    """`python -m bot run`, as the README says to start the bot."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_an_invalid_token_exits_with_one_clear_line(fake: FakeDiscord, tmp_path: Path) -> None:
    wrong = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.wrong.token-for-the-test"
    env = {**fake.env(), "DISCORD_TOKEN": wrong, "BOT_INDEX_DIR": str(tmp_path)}
    code, out, err = await run_in_subprocess(env)
    assert code != 0
    assert err.strip().splitlines()[-1] == BAD_TOKEN  # after the log lines of the default INFO level
    assert [line for line in (out + err).splitlines() if "DISCORD_TOKEN" in line] == [BAD_TOKEN]
    assert "Traceback" not in out + err and wrong not in out + err
    assert [c.status for c in fake.calls] == [401]


@pytest.mark.parametrize(("token", "line"), [("", NO_TOKEN), ("not a token\n", MALFORMED_TOKEN)])
def test_a_missing_or_malformed_token_is_named_without_connecting(
        token: str, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = bot_settings(FakeDiscord(), tmp_path, DISCORD_TOKEN=token)
    assert run_bot(settings) == 1
    err = capsys.readouterr().err
    assert err == line + "\n" and (not token.strip() or token.strip() not in err)


async def test_answer_channels_without_the_message_content_intent_say_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        answerer: Answering) -> None:
    fake = FakeDiscord(allow_message_content=False)
    await fake.start()
    monkeypatch.setattr("bot.frontends.discord_bot.runner.load_core",
                        lambda settings, on_facts: (facts_of(answerer), answerer))
    try:
        settings = bot_settings(fake, tmp_path, BOT_ANSWER_CHANNEL_IDS=p.ANSWER_CHANNEL_ID)
        assert await asyncio.to_thread(run_bot, settings) == 1
    finally:
        await fake.close()
    assert capsys.readouterr().err == INTENT_MISSING + "\n"


async def test_an_unreachable_discord_is_one_line_too(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fake = FakeDiscord()
    await fake.start()
    await fake.close()  # nothing listens on its port any more
    assert await asyncio.to_thread(run_bot, bot_settings(fake, tmp_path)) == ExitCode.NETWORK
    err = capsys.readouterr().err
    assert err.startswith("Could not reach Discord at http://127.0.0.1:") and err.count("\n") == 1


async def test_close_code_4011_says_sharding_is_required(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        answerer: Answering) -> None:
    fake = FakeDiscord(close_code=4011)
    await fake.start()
    monkeypatch.setattr("bot.frontends.discord_bot.runner.load_core",
                        lambda settings, on_facts: (facts_of(answerer), answerer))
    try:
        assert await asyncio.to_thread(run_bot, bot_settings(fake, tmp_path)) == 1
    finally:
        await fake.close()
    assert capsys.readouterr().err == SHARDING_REQUIRED + "\n"
