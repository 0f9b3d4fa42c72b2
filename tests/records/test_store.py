"""The records store on SQLite and PostgreSQL: what it keeps, for how long, and how it fails."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.answers.model import Answer, Outcome, Quote
from bot.records import Asked, Records, VoteResult
from bot.records import store as store_module
from bot.records.schema import LATEST, questions, quotes, schema_version, votes
from bot.records.store import utcnow
from bot.settings import Settings, SettingsError, load_settings

USER = 123456789012345678


def answered(question: str, *sources: str) -> Answer:
    quoted = tuple(Quote(f"Quoted sentence {i}.", s, "Title", "2022-02-01", False, 0.5) for i, s in enumerate(sources))
    return Answer(question, Outcome.ANSWERED, quoted)


async def count(records: Records, table) -> int:
    async def query(conn):
        return (await conn.execute(select(func.count()).select_from(table))).scalar_one()

    return await records.read(query)


async def test_first_start_creates_the_database_at_the_latest_schema(make_settings):
    settings = make_settings()
    records = await Records.open(settings)
    try:
        assert records.enabled

        async def version(conn):
            return (await conn.execute(select(schema_version.c.version))).scalars().all()

        assert await records.read(version) == [LATEST]
    finally:
        await records.close()
    if not settings.database_url:
        assert settings.database_path.is_file()
        with sqlite3.connect(settings.database_path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        salt = settings.database_path.with_name("bot.sqlite3.salt")
        assert salt.stat().st_mode & 0o777 == 0o600


async def test_the_salt_survives_a_restart_and_user_ids_are_never_stored(make_settings):
    settings = make_settings()
    first = await Records.open(settings)
    key = first.new_key()
    first.record(key, answered("who plays On-jo?", "000_a"), Asked("slash", 1, 2, USER))
    assert await first.vote(key, USER, True) is VoteResult.RECORDED
    hashed = first.user_hash(USER)
    await first.close()

    again = await Records.open(settings)
    try:
        assert again.user_hash(USER) == hashed  # the same person is still one person
        assert await again.vote(key, USER, True) is VoteResult.SAME

        async def hashes(conn):
            rows = (await conn.execute(select(questions.c.user_hash))).scalars().all()
            return rows + (await conn.execute(select(votes.c.user_hash))).scalars().all()

        stored = await again.read(hashes)
        assert stored == [hashed, hashed] and str(USER) not in hashed
    finally:
        await again.close()
    if not settings.database_url:
        assert str(USER).encode() not in settings.database_path.read_bytes()


async def test_one_vote_per_person_and_a_second_press_changes_it(make_settings):
    records = await Records.open(make_settings())
    try:
        key = records.new_key()
        records.record(key, answered("how many episodes?", "001_b"), Asked("mention", 1, 2, USER))
        assert await records.vote(key, USER, True) is VoteResult.RECORDED
        assert await records.vote(key, USER, False) is VoteResult.CHANGED
        assert await records.vote(key, USER + 1, False) is VoteResult.RECORDED
        assert await count(records, votes) == 2

        async def opinions(conn):
            return sorted((await conn.execute(select(votes.c.helpful))).scalars().all())

        assert await records.read(opinions) == [False, False]
        assert await count(records, quotes) == 1
    finally:
        await records.close()


async def test_unknown_and_expired_answers_are_forgotten(make_settings):
    now = utcnow()
    clock = [now]
    records = await Records.open(make_settings(retention_days=90), clock=lambda: clock[0])
    try:
        assert await records.vote("not-a-key", USER, True) is VoteResult.FORGOTTEN
        assert await records.vote(records.new_key(), USER, True) is VoteResult.FORGOTTEN  # never recorded
        key = records.new_key()
        records.record(key, answered("who directed it?", "002_c"), Asked("reply", 1, 2, USER))
        assert await records.vote(key, USER, True) is VoteResult.RECORDED

        clock[0] = now + timedelta(days=91)
        assert await records.prune() == 3  # the question, its quote and its vote
        assert await count(records, questions) == 0
        assert await records.vote(key, USER, False) is VoteResult.FORGOTTEN
    finally:
        await records.close()


async def test_with_questions_off_only_votes_are_kept(make_settings):
    records = await Records.open(make_settings(record_questions=False))
    try:
        key = records.new_key()
        records.record(key, answered("is there a season 2?", "003_d"), Asked("slash", 1, 2, USER))
        assert await records.vote(key, USER, False) is VoteResult.RECORDED
        assert (await count(records, questions), await count(records, quotes), await count(records, votes)) \
            == (0, 0, 1)
    finally:
        await records.close()


async def test_a_burst_of_answers_each_with_a_vote_loses_no_row(make_settings):
    records = await Records.open(make_settings())
    try:
        keys = [records.new_key() for _ in range(200)]

        async def one(i: int, key: str) -> VoteResult:
            records.record(key, answered(f"question {i}?", "000_a", "001_b"), Asked("slash", 1, 2, USER + i))
            await asyncio.sleep(0)
            return await records.vote(key, USER + i, i % 3 != 0)

        results = await asyncio.gather(*(one(i, key) for i, key in enumerate(keys)))
        assert set(results) == {VoteResult.RECORDED}
        assert (await count(records, questions), await count(records, quotes), await count(records, votes)) \
            == (200, 400, 200)
    finally:
        await records.close()


async def test_a_corrupt_database_file_disables_feedback_with_one_log_line(tmp_path, caplog):
    settings = Settings(database_path=tmp_path / "data" / "bot.sqlite3")
    settings.database_path.parent.mkdir(parents=True)
    settings.database_path.write_bytes(b"this is no database " * 500)
    with caplog.at_level(logging.ERROR, logger="bot.records.store"):
        records = await Records.open(settings)
        assert not records.enabled
        key = records.new_key()
        records.record(key, answered("who plays Su-hyeok?", "000_a"), Asked("slash", 1, 2, USER))
        assert await records.vote(key, USER, True) is VoteResult.DISABLED
        await records.close()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert "disabled" in lines[0] and str(settings.database_path) in lines[0]
    assert "not a database" in lines[0]


async def test_a_locked_database_file_disables_feedback(tmp_path, caplog, monkeypatch):
    settings = Settings(database_path=tmp_path / "data" / "bot.sqlite3")
    settings.database_path.parent.mkdir(parents=True)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(store_module, "OPEN_RETRY_DELAYS", (0.05, 0.05))
    holder = sqlite3.connect(settings.database_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.ERROR, logger="bot.records.store"):
            records = await Records.open(settings)
        assert not records.enabled
        assert any("locked" in r.getMessage() and "disabled" in r.getMessage() for r in caplog.records)
    finally:
        holder.close()


async def test_a_database_locked_while_another_process_starts_is_waited_for(tmp_path, monkeypatch):
    """Two processes starting on one new file: the one that waits past the busy timeout tries again."""
    settings = Settings(database_path=tmp_path / "data" / "bot.sqlite3")
    settings.database_path.parent.mkdir(parents=True)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(store_module, "OPEN_RETRY_DELAYS", (0.3, 0.3, 0.3))
    holder = sqlite3.connect(settings.database_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    asyncio.get_running_loop().call_later(0.5, holder.close)
    records = await Records.open(settings)
    try:
        assert records.enabled
    finally:
        await records.close()


async def test_an_unreachable_postgresql_disables_feedback_without_showing_the_password(tmp_path, caplog):
    settings = Settings(database_path=tmp_path / "x.sqlite3", database_url="postgresql://bot:s3cret@127.0.0.1:9/none")
    with caplog.at_level(logging.ERROR, logger="bot.records.store"):
        records = await Records.open(settings)
    assert not records.enabled
    assert "s3cret" not in caplog.text and "disabled" in caplog.text


@pytest.mark.parametrize("value", ["0", "-3", "ninety"])
def test_a_bad_retention_setting_names_the_variable(value):
    with pytest.raises(SettingsError, match="BOT_RETENTION_DAYS"):
        load_settings({"BOT_RETENTION_DAYS": value})
