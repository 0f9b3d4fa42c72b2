"""Every setting in one typed place, read from the environment and `.env` (python-dotenv).

Each setting is one row of `RULES`: its variable, its field, how its text becomes a value (and
what the value must be), and, for what depends on the machine (folders, files), a check run by
`check_settings` before a command starts. A bad value is reported naming the variable, never
echoing a secret. New settings are new rows.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_ALIASES_FILE = DATA_DIR / "aliases.txt"
DEFAULT_API_BASE_URL = "https://discord.com/api/v10"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MEGABYTE = 1_000_000
DEFAULT_MAX_SEED_MB = 2.0
# A bot token as the Developer Portal shows it: three base64url parts joined by dots.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
# Byte-order marks of the encodings a .env may be saved in (Windows editors like UTF-16).
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable, never its value."""


@dataclass(frozen=True)
class Settings:
    """What the bot needs to know about its surroundings; built once by `load_settings`."""

    seeds_dir: Path = PROJECT_ROOT / "seeds"
    index_dir: Path = PROJECT_ROOT / "index"
    aliases_file: Path = DEFAULT_ALIASES_FILE
    synonyms_file: Path = DATA_DIR / "synonyms.txt"
    model_path: str = ""
    min_confidence: float | None = None  # None: the fitted default of bot.answers.answerer.Weights
    discord_token: str | None = field(default=None, repr=False)
    discord_guild_id: int | None = None
    discord_api_base_url: str = DEFAULT_API_BASE_URL
    discord_gateway_url: str | None = None
    answer_channel_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    # State that changes while the bot runs (command-sync record, databases); never index/ or seeds/.
    data_dir: Path = PROJECT_ROOT / "data"
    max_seed_mb: float = DEFAULT_MAX_SEED_MB  # a bigger seed file is skipped with a warning naming the limit
    # Discord front end: limits, answer workers, sharding (README "Limits that fit people").
    question_burst: int = 3  # questions a user may ask at once; 0 turns the limits off
    question_refill_seconds: float = 5.0  # one more question every this many seconds
    flood_count: int = 10  # this many questions within flood_seconds is a flood: ignored quietly
    flood_seconds: float = 12.0
    answer_workers: int = 2  # threads answering at once (the model's own threads are set to match)
    answer_queue_size: int = 100  # questions waiting for a worker; beyond that "busy, try again"
    shutdown_grace_seconds: float = 5.0  # on SIGTERM, time for questions in flight to be answered
    shard_count: int | None = None  # total shards of the application
    shard_ids: tuple[int, ...] | None = None  # the shards this process runs
    # Moderators' records: questions, votes and the report.
    database_path: Path = PROJECT_ROOT / "data" / "bot.sqlite3"  # the embedded SQLite file (default: in data_dir)
    database_url: str | None = field(default=None, repr=False)  # postgresql://… for shard processes
    retention_days: int = 90
    record_questions: bool = True  # False: only votes are kept

    @property
    def max_seed_bytes(self) -> int:
        return int(self.max_seed_mb * MEGABYTE)


def _number(low: float, high: float, *, low_open: bool = False) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        value = float(raw)
        if not (low < value if low_open else low <= value) or value > high:
            raise ValueError(raw)
        return value
    return parse


def _discord_id(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError(raw)
    return value


def _ids(raw: str) -> frozenset[int]:
    return frozenset(_discord_id(part) for part in raw.replace(",", " ").split())


def _url(*schemes: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        parts = urlsplit(raw)
        if parts.scheme not in schemes or not parts.hostname:
            raise ValueError(raw)
        return raw.rstrip("/")
    return parse


def _whole(least: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        value = int(raw)
        if value < least:
            raise ValueError(raw)
        return value
    return parse


def _shard_ids(raw: str) -> tuple[int, ...]:
    return tuple(_whole(0)(part) for part in raw.replace(",", " ").split())


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _flag(raw: str) -> bool:
    if raw.lower() not in _TRUE | _FALSE:
        raise ValueError(raw)
    return raw.lower() in _TRUE


def _database_url(raw: str) -> str:
    """Only PostgreSQL is taken from a URL; SQLite is chosen by BOT_DATABASE_PATH."""
    if not raw.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
        raise ValueError("not a PostgreSQL URL")
    return raw


def _log_level(raw: str) -> str:
    if raw.upper() not in LOG_LEVELS:
        raise ValueError(raw)
    return raw.upper()


def _path(raw: str) -> Path:
    return Path(raw).expanduser()


def _folder(must_exist: bool) -> Callable[[Path], str | None]:
    """A folder that exists (seeds), or one that may be created but is not a file (index, data)."""
    def check(path: Path) -> str | None:
        if path.exists() and not path.is_dir():
            return f"{path} is a file, not a folder"
        if must_exist and not path.exists():
            return f"{path} does not exist"
        return None
    return check


def _file(path: Path) -> str | None:
    return None if path.is_file() else f"{path} is not a file"


def _model(path: str) -> str | None:
    if path and not (Path(path) / "modules.json").is_file() and not (Path(path) / "config.json").is_file():
        return f"{path} holds no modules.json or config.json"
    return None


def _token(token: str | None) -> str | None:
    if _TOKEN_SHAPE.fullmatch(token or ""):
        return None
    return "copy it again from the Developer Portal (Bot → Reset Token)"


@dataclass(frozen=True)
class Rule:
    """One setting: `env` read into `field` by `parse` (ValueError: not `must`), then `check`ed."""

    env: str
    field: str
    must: str
    parse: Callable[[str], Any] = str
    check: Callable[[Any], str | None] | None = None


RULES: tuple[Rule, ...] = (
    Rule("BOT_SEEDS_DIR", "seeds_dir", "an existing folder of article files", _path, _folder(must_exist=True)),
    Rule("BOT_INDEX_DIR", "index_dir", "a folder for the built index", _path, _folder(must_exist=False)),
    Rule("BOT_DATA_DIR", "data_dir", "a folder for the bot's run-time state", _path, _folder(must_exist=False)),
    Rule("BOT_ALIASES_FILE", "aliases_file", "an existing text file", _path, _file),
    Rule("BOT_SYNONYMS_FILE", "synonyms_file", "an existing text file", _path, _file),
    Rule("BOT_MODEL_PATH", "model_path", "a sentence-transformers model folder", str, _model),
    Rule("BOT_MIN_CONFIDENCE", "min_confidence", "a number from 0 to 1", _number(0, 1)),
    Rule("BOT_MAX_SEED_MB", "max_seed_mb", "a number of megabytes above 0 and at most 1000",
         _number(0, 1000, low_open=True)),
    Rule("BOT_LOG_LEVEL", "log_level", f"one of {', '.join(LOG_LEVELS)}", _log_level),
    Rule("DISCORD_TOKEN", "discord_token", "a bot token (three parts joined by dots)", str, _token),
    Rule("DISCORD_GUILD_ID", "discord_guild_id", "a Discord server ID (a positive number)", _discord_id),
    Rule("DISCORD_API_BASE_URL", "discord_api_base_url", "an http:// or https:// URL", _url("http", "https")),
    Rule("DISCORD_GATEWAY_URL", "discord_gateway_url", "a ws:// or wss:// URL", _url("ws", "wss")),
    Rule("BOT_ANSWER_CHANNEL_IDS", "answer_channel_ids", "a comma-separated list of channel IDs", _ids),
    Rule("BOT_QUESTION_BURST", "question_burst", "a whole number of questions, 0 or more", _whole(0)),
    Rule("BOT_QUESTION_REFILL_SECONDS", "question_refill_seconds", "a number of seconds above 0 and at most 3600",
         _number(0, 3600, low_open=True)),
    Rule("BOT_FLOOD_COUNT", "flood_count", "a whole number of questions, 1 or more", _whole(1)),
    Rule("BOT_FLOOD_SECONDS", "flood_seconds", "a number of seconds above 0 and at most 3600",
         _number(0, 3600, low_open=True)),
    Rule("BOT_ANSWER_WORKERS", "answer_workers", "a whole number of threads, 1 or more", _whole(1)),
    Rule("BOT_ANSWER_QUEUE_SIZE", "answer_queue_size", "a whole number, 0 or more", _whole(0)),
    Rule("BOT_SHUTDOWN_GRACE_SECONDS", "shutdown_grace_seconds", "a number of seconds above 0 and at most 600",
         _number(0, 600, low_open=True)),
    Rule("BOT_SHARD_COUNT", "shard_count", "a whole number of shards, 1 or more", _whole(1)),
    Rule("BOT_SHARD_IDS", "shard_ids", "a comma-separated list of shard numbers", _shard_ids),
    Rule("BOT_DATABASE_PATH", "database_path", "a path for the SQLite database file", _path),
    Rule("BOT_DATABASE_URL", "database_url", "a postgresql:// URL", _database_url),
    Rule("BOT_RETENTION_DAYS", "retention_days", "a whole number of days, 1 or more", _whole(1)),
    Rule("BOT_RECORD_QUESTIONS", "record_questions", "true or false", _flag),
)


def read_dotenv(path: Path) -> dict[str, str]:
    """The values of a `.env` file saved as UTF-8 or, with its byte-order mark, UTF-16."""
    if not path.is_file():
        return {}
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"{path} cannot be read ({exc.strerror})") from None
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise SettingsError(f"{path} looks like UTF-16 without a byte-order mark: save it as UTF-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise SettingsError(f"{path} is not UTF-8 text: save it as UTF-8") from None
    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}


def load_settings(env: Mapping[str, str] | None = None, dotenv_path: Path | None = None) -> Settings:
    """Merge `.env` under the real environment (the environment wins) and type every value."""
    if env is None:
        env = {**read_dotenv(dotenv_path or PROJECT_ROOT / ".env"), **os.environ}
    values: dict[str, Any] = {}
    for rule in RULES:
        raw = (env.get(rule.env) or "").strip()
        if not raw:
            continue
        try:
            values[rule.field] = rule.parse(raw)
        except ValueError:
            raise SettingsError(f"{rule.env} must be {rule.must}") from None
    if "data_dir" in values and "database_path" not in values:
        values["database_path"] = values["data_dir"] / Settings.database_path.name
    settings = replace(Settings(), **values)
    if settings.shard_ids and not (settings.shard_count and all(i < settings.shard_count for i in settings.shard_ids)):
        raise SettingsError("BOT_SHARD_IDS must be shard numbers from 0 to BOT_SHARD_COUNT - 1")
    return settings


def check_settings(settings: Settings) -> None:
    """Raise SettingsError for the first setting the machine cannot honour (a missing folder or file)
    ."""
    for rule in RULES:
        value = getattr(settings, rule.field)
        problem = rule.check(value) if rule.check and value is not None else None
        if problem:
            raise SettingsError(f"{rule.env} must be {rule.must}: {problem}")
