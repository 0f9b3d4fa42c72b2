"""The settings: each bad value stops every command before any work, with one line naming the
variable (never a token's value) and the configuration exit code; .env files as Windows saves them."""

from __future__ import annotations

import asyncio
import codecs
import os
from pathlib import Path

import pytest

from bot.exits import ExitCode
from bot.settings import Settings, SettingsError, check_settings, load_settings, read_dotenv
from tests.fake_discord import FakeDiscord
from tests.robustness.conftest import assert_one_clear_line, bot, snapshot

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.a-secret_token-value"


@pytest.mark.parametrize(("variable", "value"), [
    ("BOT_LOG_LEVEL", "VERBOSE"),
    ("BOT_MODEL_PATH", "/no/such/model"),
    ("BOT_SEEDS_DIR", "/no/such/seeds"),
    ("BOT_INDEX_DIR", "/etc/hostname"),
    ("BOT_DATA_DIR", "/etc/hostname"),
    ("BOT_ALIASES_FILE", "/no/such/aliases.txt"),
    ("BOT_MIN_CONFIDENCE", "1.5"),
    ("BOT_MIN_CONFIDENCE", "high"),
    ("BOT_MAX_SEED_MB", "0"),
    ("BOT_QUESTION_REFILL_SECONDS", "-1"),
    ("BOT_ANSWER_WORKERS", "0"),
    ("BOT_SHARD_IDS", "0,x"),
    ("BOT_DATABASE_URL", "mysql://db/bot"),
    ("BOT_RECORD_QUESTIONS", "maybe"),
    ("DISCORD_API_BASE_URL", "discord.com/api"),
    ("DISCORD_GATEWAY_URL", "https://gateway.discord.gg"),
    ("DISCORD_GUILD_ID", "my-server"),
    ("BOT_ANSWER_CHANNEL_IDS", "12,general"),
    ("DISCORD_TOKEN", "not a token"),
])
def test_a_bad_setting_is_one_line_naming_it(variable: str, value: str):
    run = bot("ask", "who plays Lomon?", env={variable: value}, timeout=60)
    assert_one_clear_line(run, ExitCode.CONFIGURATION, "Configuration error", variable)
    assert not run.out  # stopped before anything ran


@pytest.mark.parametrize("command", ["chat", "index", "run", "sync", "cast", "sources"])
def test_every_command_checks_the_settings_first(command: str):
    run = bot(command, env={"BOT_MAX_SEED_MB": "lots"}, timeout=60)
    assert_one_clear_line(run, ExitCode.CONFIGURATION, "Configuration error", "BOT_MAX_SEED_MB")


def test_a_token_is_never_shown_in_its_error(tmp_path: Path):
    run = bot("ask", "hi", env={"DISCORD_TOKEN": TOKEN.replace(".", " ")}, timeout=60)
    assert_one_clear_line(run, ExitCode.CONFIGURATION, "DISCORD_TOKEN")
    assert "secret" not in run.err


def test_a_well_formed_token_passes(monkeypatch: pytest.MonkeyPatch):
    check_settings(load_settings(env={"DISCORD_TOKEN": TOKEN}))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-8"])
def test_a_dotenv_saved_as_utf16_or_with_a_bom_is_read(tmp_path: Path, encoding: str):
    dotenv = tmp_path / ".env"
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    dotenv.write_bytes(bom + "BOT_LOG_LEVEL=debug\nBOT_QUESTION_REFILL_SECONDS=3\n".encode(encoding))
    assert read_dotenv(dotenv) == {"BOT_LOG_LEVEL": "debug", "BOT_QUESTION_REFILL_SECONDS": "3"}
    settings = load_settings(env=read_dotenv(dotenv))
    assert settings.log_level == "DEBUG" and settings.question_refill_seconds == 3


@pytest.mark.parametrize(("content", "message"), [
    ("BOT_LOG_LEVEL=DEBUG\n".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ("BOT_LOG_LEVEL=caf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
])
def test_a_dotenv_that_cannot_be_read_is_one_clear_error(tmp_path: Path, content: bytes, message: str):
    dotenv = tmp_path / ".env"
    dotenv.write_bytes(content)
    with pytest.raises(SettingsError, match=message):
        read_dotenv(dotenv)


def test_settings_default_to_folders_of_the_project_and_data_is_not_the_index():
    settings = Settings()
    assert settings.data_dir != settings.index_dir and settings.max_seed_bytes == 2_000_000
    check_settings(settings)


def _unwritable(tmp_path: Path) -> Path:
    """A folder this process may not write: read-only for a user; for root, where the kernel refuses."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "index"
    folder = Path("/sys/aouad-bot-index")
    try:
        folder.mkdir()
    except PermissionError:
        return folder
    folder.rmdir()
    pytest.skip("running as root on a machine where /sys is writable: no folder is read-only")


def test_an_index_folder_that_cannot_be_written_is_a_permission_line(tmp_path: Path, seeds: Path):
    index = _unwritable(tmp_path)
    before = snapshot(seeds)
    run = bot("ask", "who plays Lomon?", env={"BOT_INDEX_DIR": str(index), "BOT_SEEDS_DIR": str(seeds)})
    assert_one_clear_line(run, ExitCode.PERMISSION, str(index))
    assert "network" not in run.err.lower() and snapshot(seeds) == before


def test_run_blames_the_index_folder_not_the_network(tmp_path: Path, seeds: Path):
    index = _unwritable(tmp_path)

    async def scenario():
        fake = FakeDiscord()
        await fake.start()
        try:
            env = {**fake.env(), "BOT_INDEX_DIR": str(index), "BOT_SEEDS_DIR": str(seeds), "DISCORD_GUILD_ID": ""}
            return await asyncio.to_thread(bot, "run", env=env)
        finally:
            await fake.close()

    run = asyncio.run(scenario())
    assert "Traceback" not in run.err and run.code == ExitCode.PERMISSION, run.err
    assert str(index) in run.err.splitlines()[-1] and "Could not reach Discord" not in run.err


def test_a_wrong_api_url_is_a_configuration_line(tmp_path: Path):
    async def scenario():
        fake = FakeDiscord()
        await fake.start()
        try:
            env = {**fake.env(), "DISCORD_API_BASE_URL": fake.api_base_url + "/wrong", "BOT_DATA_DIR": str(tmp_path)}
            return await asyncio.to_thread(bot, "run", env=env)
        finally:
            await fake.close()

    run = asyncio.run(scenario())
    assert "Traceback" not in run.err and run.code == ExitCode.CONFIGURATION, run.err
    assert "DISCORD_API_BASE_URL answered HTTP 404" in run.err.splitlines()[-1]
