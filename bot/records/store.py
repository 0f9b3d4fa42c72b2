"""The moderators' records: each question asked in Discord, the quotes it got, and fans' votes.

One layer (SQLAlchemy Core, async) over two databases: the embedded SQLite file by default
(`BOT_DATABASE_PATH`, WAL mode) and PostgreSQL when several shard processes share one
(`BOT_DATABASE_URL`). Writes go through one queue drained by one writer task, in batches, each
batch one transaction: nothing runs on the event loop (aiosqlite works in its own thread, asyncpg
is asynchronous), and a burst of questions waits in the queue rather than fighting over the
database's write lock. A database that cannot be opened or written (corrupt, locked, unwritable)
disables the records with one log line; the bot goes on answering.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import and_, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.answers.model import Answer
from bot.records.schema import LATEST, meta, migrate, questions, quotes, votes
from bot.settings import Settings

log = logging.getLogger(__name__)

# How long a write waits for another process's lock before it counts as a failure.
BUSY_TIMEOUT_SECONDS = 5.0
BATCH_SIZE = 500
RETRY_DELAYS = (0.2, 1.0)
# Processes starting together on one new SQLite file queue for its write lock to migrate it; under load one
# may wait past the busy timeout, so opening a locked database is tried again after these pauses.
OPEN_RETRY_DELAYS = (1.0, 2.0, 4.0)
PRUNE_EVERY = timedelta(hours=6)
_KEY = re.compile(r"^([0-9a-f]{8,12})\.[0-9a-f]{12}$")

Job = Callable[[AsyncConnection], Awaitable[Any]]


class VoteResult(StrEnum):
    RECORDED = "recorded"
    CHANGED = "changed"  # the person had voted the other way
    SAME = "same"  # the person had already voted this way
    FORGOTTEN = "forgotten"  # the answer is older than the retention period, or unknown
    DISABLED = "disabled"  # the records are switched off or broken


class RecordsUnavailable(RuntimeError):
    """The records cannot be read; the message says why in one line."""


@dataclass(frozen=True)
class Asked:
    """Where a question came from, as the front end knows it."""

    via: str  # "slash", "mention", "reply", …
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None


def utcnow() -> datetime:
    """Naive UTC: one representation that SQLite and PostgreSQL compare the same way."""
    return datetime.now(UTC).replace(tzinfo=None)


def key_time(key: str) -> datetime | None:
    """When the answer with this key was given (the key starts with its Unix time), None if malformed."""
    match = _KEY.match(key)
    return datetime.fromtimestamp(int(match.group(1), 16), UTC).replace(tzinfo=None) if match else None


class Records:
    """The store. Build with `await Records.open(settings)`; `enabled` is False when it could not open."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock
        self.enabled = False
        self._engine: AsyncEngine | None = None
        self._salt = b""
        self._queue: asyncio.Queue[tuple[Job, asyncio.Future | None]] = asyncio.Queue()
        self._tasks: list[asyncio.Task] = []
        self._said = False

    @property
    def where(self) -> str:
        """The database, for log lines and messages (a URL without its password)."""
        if self.settings.database_url:
            return make_url(self.settings.database_url).render_as_string(hide_password=True)
        return str(self.settings.database_path)

    @classmethod
    async def open(cls, settings: Settings, clock: Callable[[], datetime] = utcnow) -> Records:
        """Connect, migrate, load the salt and start the writer; on failure, a disabled store."""
        records = cls(settings, clock)
        try:
            records._engine = _engine_for(settings)
            found = await _migrated(records._engine)
            if found > LATEST:
                raise RecordsUnavailable(f"its schema (version {found}) is newer than this bot's ({LATEST})")
            records._salt = await records._load_salt()
        except (SQLAlchemyError, OSError, RecordsUnavailable) as exc:
            records._disable(f"the database {records.where} cannot be used ({_reason(exc)})")
            await records._dispose()
            return records
        records.enabled = True
        records._tasks = [asyncio.create_task(records._writer(), name="records-writer"),
                          asyncio.create_task(records._pruner(), name="records-pruner")]
        log.info("Recording %s in %s, kept %d days", "questions and votes" if settings.record_questions
                 else "votes only", records.where, settings.retention_days)
        return records

    def new_key(self) -> str:
        """A fresh answer key: its Unix time in hex, a dot, 12 random hex digits (fits any custom_id)."""
        return f"{int(self.clock().replace(tzinfo=UTC).timestamp()):08x}.{secrets.token_hex(6)}"

    def user_hash(self, user_id: int) -> str:
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()

    def record(self, key: str, answer: Answer, asked: Asked) -> None:
        """Queue the question and its quotes (returns at once); nothing when questions are not recorded."""
        if not self.enabled or not self.settings.record_questions:
            return
        row = {"answer_key": key, "asked_at": self.clock(), "guild_id": asked.guild_id,
               "channel_id": asked.channel_id, "via": asked.via, "question": answer.question,
               "outcome": str(answer.outcome),
               "user_hash": self.user_hash(asked.user_id) if asked.user_id is not None else None}
        quoted = [{"position": i, "source_id": q.source_id, "text": q.text} for i, q in enumerate(answer.quotes)]

        async def job(conn: AsyncConnection) -> None:
            result = await conn.execute(questions.insert().values(row))
            if quoted:
                question_id = result.inserted_primary_key[0]
                await conn.execute(quotes.insert(), [{**q, "question_id": question_id} for q in quoted])

        self._queue.put_nowait((job, None))

    async def vote(self, key: str, user_id: int, helpful: bool) -> VoteResult:
        """Record or change one person's vote on one answer."""
        if not self.enabled:
            return VoteResult.DISABLED
        given = key_time(key)
        if given is None or given < self.clock() - timedelta(days=self.settings.retention_days):
            return VoteResult.FORGOTTEN
        user = self.user_hash(user_id)
        now = self.clock()

        async def job(conn: AsyncConnection) -> VoteResult:
            if self.settings.record_questions:
                known = await conn.execute(select(questions.c.id).where(questions.c.answer_key == key))
                if known.first() is None:
                    return VoteResult.FORGOTTEN
            previous = (await conn.execute(select(votes.c.helpful).where(
                and_(votes.c.answer_key == key, votes.c.user_hash == user)))).scalar()
            insert = _upsert(conn)(votes).values(answer_key=key, user_hash=user, helpful=helpful, voted_at=now)
            await conn.execute(insert.on_conflict_do_update(
                index_elements=[votes.c.answer_key, votes.c.user_hash],
                set_={"helpful": helpful, "voted_at": now}))
            if previous is None:
                return VoteResult.RECORDED
            return VoteResult.SAME if previous == helpful else VoteResult.CHANGED

        try:
            return await self._submit(job)
        except (SQLAlchemyError, RecordsUnavailable):
            return VoteResult.DISABLED

    async def prune(self) -> int:
        """Delete questions, quotes and votes older than the retention period; returns the rows deleted."""
        if not self.enabled:
            return 0
        cutoff = self.clock() - timedelta(days=self.settings.retention_days)

        async def job(conn: AsyncConnection) -> int:
            old = select(questions.c.id).where(questions.c.asked_at < cutoff).scalar_subquery()
            deleted = (await conn.execute(quotes.delete().where(quotes.c.question_id.in_(old)))).rowcount
            deleted += (await conn.execute(questions.delete().where(questions.c.asked_at < cutoff))).rowcount
            deleted += (await conn.execute(votes.delete().where(votes.c.voted_at < cutoff))).rowcount
            return deleted

        return await self._submit(job)

    async def flush(self) -> None:
        """Wait until everything queued so far is written."""
        if self.enabled:
            await self._queue.join()

    async def read(self, query: Callable[[AsyncConnection], Awaitable[Any]]) -> Any:
        """Run a read-only query (the report's) on its own connection, beside the writer."""
        if not self.enabled or self._engine is None:
            raise RecordsUnavailable(f"the records in {self.where} are not available; see the log")
        await self.flush()
        try:
            async with self._engine.connect() as conn:
                return await query(conn)
        except SQLAlchemyError as exc:
            raise RecordsUnavailable(f"the database {self.where} cannot be read ({_reason(exc)})") from None

    async def close(self) -> None:
        """Write what is queued, then stop the writer and close the connections."""
        if self.enabled:
            await self.flush()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self.enabled = False
        await self._dispose()

    async def _submit(self, job: Job) -> Any:
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((job, future))
        return await future

    async def _writer(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < BATCH_SIZE and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._write(batch)
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _write(self, batch: list[tuple[Job, asyncio.Future | None]]) -> None:
        """One transaction for the batch, retried on a busy database; a batch that still fails is
        written job by job, so one bad row cannot take the others with it."""
        for delay in (*RETRY_DELAYS, None):
            if not self.enabled:
                return _fail(batch, RecordsUnavailable("the records are disabled"))
            try:
                results = await self._transaction([job for job, _ in batch])
            except IntegrityError:
                break
            except SQLAlchemyError as exc:
                if delay is None:
                    break
                log.warning("Writing %d records to %s failed (%s); retrying", len(batch), self.where, _reason(exc))
                await asyncio.sleep(delay)
            else:
                for (_, future), result in zip(batch, results, strict=True):
                    if future is not None and not future.done():
                        future.set_result(result)
                return None
        written, last = 0, None
        for job, future in batch:
            try:
                result = (await self._transaction([job]))[0]
            except SQLAlchemyError as exc:
                log.error("Could not write a record to %s: %s", self.where, _reason(exc))
                _fail([(job, future)], exc)
                last = exc
            else:
                written += 1
                if future is not None and not future.done():
                    future.set_result(result)
        if not written:
            self._disable(f"the database {self.where} cannot be written ({_reason(last)})")
        return None

    async def _transaction(self, jobs: list[Job]) -> list[Any]:
        assert self._engine is not None
        async with self._engine.begin() as conn:
            return [await job(conn) for job in jobs]

    async def _pruner(self) -> None:
        while True:
            try:
                deleted = await self.prune()
            except (SQLAlchemyError, RecordsUnavailable):
                deleted = 0  # the writer has logged it
            if deleted:
                log.info("Pruned %d records older than %d days", deleted, self.settings.retention_days)
            await asyncio.sleep(PRUNE_EVERY.total_seconds())

    async def _load_salt(self) -> bytes:
        """SQLite: a file beside the database, so a copy of the database alone cannot be matched to
        user ids. PostgreSQL: a row in the database, which every shard process shares (the first one
        to start writes it; the others read the same one)."""
        if not self.settings.database_url:
            return _salt_file(self.settings.database_path.with_name(self.settings.database_path.name + ".salt"))
        assert self._engine is not None
        async with self._engine.begin() as conn:
            await conn.execute(postgresql.insert(meta).values(key="salt", value=secrets.token_hex(32))
                               .on_conflict_do_nothing(index_elements=[meta.c.key]))
            value = (await conn.execute(select(meta.c.value).where(meta.c.key == "salt"))).scalar_one()
        return bytes.fromhex(value)

    def _disable(self, reason: str) -> None:
        """Switch the records off, saying so once."""
        if not self._said:
            log.error("Feedback and question records are disabled: %s. The bot keeps answering.", reason)
            self._said = True
        self.enabled = False

    async def _dispose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None


def _fail(batch: list[tuple[Job, asyncio.Future | None]], exc: BaseException) -> None:
    for _, future in batch:
        if future is not None and not future.done():
            future.set_exception(exc)


def _upsert(conn: AsyncConnection) -> Callable:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def _reason(exc: BaseException) -> str:
    """The first line of the driver's own message: 'database is locked', 'file is not a database'…"""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


async def _migrated(engine: AsyncEngine) -> int:
    """Bring the schema up to date and return the version found, waiting out a database locked by another
    process starting at the same time."""
    async def once() -> int:
        async with engine.begin() as conn:
            return await conn.run_sync(migrate)

    for delay in OPEN_RETRY_DELAYS:
        try:
            return await once()
        except OperationalError as exc:
            if "locked" not in _reason(exc):
                raise
            await asyncio.sleep(delay)
    return await once()


def _engine_for(settings: Settings) -> AsyncEngine:
    if settings.database_url:
        url = make_url(settings.database_url).set(drivername="postgresql+asyncpg")
        return create_async_engine(url, pool_size=4, pool_pre_ping=True)
    path = settings.database_path
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun below (the driver's own would skip DDL and take the lock too late).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that must upgrade its lock can fail
        # at once with "database is locked" instead of waiting for the other writer.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _salt_file(path: Path) -> bytes:
    """Read the salt, or create it once: written beside and hard-linked into place, so two processes
    starting together both end up with the same one."""
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
            os.chmod(tmp, 0o600)
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            Path(tmp).unlink(missing_ok=True)
    return bytes.fromhex(path.read_text().strip())
