"""Every setting in one typed place, read from the environment and `.env` (python-dotenv)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_ALIASES_FILE = DATA_DIR / "aliases.txt"
DEFAULT_API_BASE_URL = "https://discord.com/api/v10"


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable, never its value."""


def _int_or_none(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number (a Discord ID)") from None


def _float(env: Mapping[str, str], name: str, default: float | None) -> float | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number") from None


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = (env.get(name) or "").replace(",", " ").split()
    try:
        return frozenset(int(part) for part in raw)
    except ValueError:
        raise SettingsError(f"{name} must be a comma-separated list of channel IDs") from None


def _path(env: Mapping[str, str], name: str, default: Path) -> Path:
    raw = (env.get(name) or "").strip()
    return Path(raw).expanduser() if raw else default


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
    # ----- Discord front end: limits, answer workers, sharding (README "Limits that fit people") -----
    question_burst: int = 3  # questions a user may ask at once; 0 turns the limits off
    question_refill_seconds: float = 5.0  # one more question every this many seconds
    flood_count: int = 10  # this many questions within flood_seconds is a flood: ignored quietly
    flood_seconds: float = 12.0
    answer_workers: int = 2  # threads answering at once (the model's own threads are set to match)
    answer_queue_size: int = 100  # questions waiting for a worker; beyond that "busy, try again"
    shutdown_grace_seconds: float = 5.0  # on SIGTERM, time for questions in flight to be answered
    shard_count: int | None = None  # BOT_SHARD_COUNT: total shards of the application
    shard_ids: tuple[int, ...] | None = None  # BOT_SHARD_IDS: the shards this process runs
    # --- Moderators' records (issue 13): questions, votes and the report -------------------------
    database_path: Path = PROJECT_ROOT / "data" / "bot.sqlite3"  # the embedded SQLite file
    database_url: str | None = field(default=None, repr=False)  # postgresql://… for shard processes
    retention_days: int = 90
    record_questions: bool = True  # False: only votes are kept


def load_settings(env: Mapping[str, str] | None = None, dotenv_path: Path | None = None) -> Settings:
    """Merge `.env` under the real environment (the environment wins) and type every value."""
    if env is None:
        dotenv_file = dotenv_path or PROJECT_ROOT / ".env"
        values = {k: v for k, v in dotenv_values(dotenv_file).items() if v is not None}
        env = {**values, **os.environ}
    base = Settings()
    return Settings(
        seeds_dir=_path(env, "BOT_SEEDS_DIR", base.seeds_dir),
        index_dir=_path(env, "BOT_INDEX_DIR", base.index_dir),
        aliases_file=_path(env, "BOT_ALIASES_FILE", base.aliases_file),
        synonyms_file=_path(env, "BOT_SYNONYMS_FILE", base.synonyms_file),
        model_path=(env.get("BOT_MODEL_PATH") or "").strip(),
        min_confidence=_float(env, "BOT_MIN_CONFIDENCE", None),
        discord_token=(env.get("DISCORD_TOKEN") or "").strip() or None,
        discord_guild_id=_int_or_none(env, "DISCORD_GUILD_ID"),
        discord_api_base_url=(env.get("DISCORD_API_BASE_URL") or "").strip().rstrip("/")
        or DEFAULT_API_BASE_URL,
        discord_gateway_url=(env.get("DISCORD_GATEWAY_URL") or "").strip() or None,
        answer_channel_ids=_ids(env, "BOT_ANSWER_CHANNEL_IDS"),
        log_level=(env.get("BOT_LOG_LEVEL") or base.log_level).strip().upper(),
        **_discord_front_end(env, base),
        **_records(env, base),
    )


def _count(env: Mapping[str, str], name: str, default: int, least: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number") from None
    if value < least:
        raise SettingsError(f"{name} must be at least {least}")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = _float(env, name, default)
    if value is None or value <= 0:
        raise SettingsError(f"{name} must be a number of seconds above 0")
    return value


def _discord_front_end(env: Mapping[str, str], base: Settings) -> dict:
    """The Discord front end's limits, workers and shards (BOT_SHARD_IDS needs BOT_SHARD_COUNT)."""
    shard_count = _count(env, "BOT_SHARD_COUNT", 0, 1) or None
    raw_ids = (env.get("BOT_SHARD_IDS") or "").replace(",", " ").split()
    try:
        shard_ids = tuple(int(part) for part in raw_ids) or None
    except ValueError:
        raise SettingsError("BOT_SHARD_IDS must be a comma-separated list of shard numbers") from None
    if shard_ids and (shard_count is None or not all(0 <= i < shard_count for i in shard_ids)):
        raise SettingsError("BOT_SHARD_IDS must be shard numbers from 0 to BOT_SHARD_COUNT - 1")
    return {
        "question_burst": _count(env, "BOT_QUESTION_BURST", base.question_burst, 0),
        "question_refill_seconds": _seconds(env, "BOT_QUESTION_REFILL_SECONDS", base.question_refill_seconds),
        "flood_count": _count(env, "BOT_FLOOD_COUNT", base.flood_count, 1),
        "flood_seconds": _seconds(env, "BOT_FLOOD_SECONDS", base.flood_seconds),
        "answer_workers": _count(env, "BOT_ANSWER_WORKERS", base.answer_workers, 1),
        "answer_queue_size": _count(env, "BOT_ANSWER_QUEUE_SIZE", base.answer_queue_size, 0),
        "shutdown_grace_seconds": _seconds(env, "BOT_SHUTDOWN_GRACE_SECONDS", base.shutdown_grace_seconds),
        "shard_count": shard_count,
        "shard_ids": shard_ids,
    }


# --- Moderators' records (issue 13) --------------------------------------------------------------
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in _TRUE | _FALSE:
        raise SettingsError(f"{name} must be true or false")
    return raw in _TRUE


def _database_url(env: Mapping[str, str], name: str) -> str | None:
    """Only PostgreSQL is taken from a URL; SQLite is chosen by BOT_DATABASE_PATH."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
        raise SettingsError(f"{name} must be a postgresql:// URL")
    return raw


def _records(env: Mapping[str, str], base: Settings) -> dict:
    """Where questions and votes are kept, for how long, and whether questions are kept at all."""
    return {
        "database_path": _path(env, "BOT_DATABASE_PATH", base.database_path),
        "database_url": _database_url(env, "BOT_DATABASE_URL"),
        "retention_days": _count(env, "BOT_RETENTION_DAYS", base.retention_days, 1),
        "record_questions": _flag(env, "BOT_RECORD_QUESTIONS", base.record_questions),
    }
