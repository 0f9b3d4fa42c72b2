"""The records' tables and their forward migrations, one list that runs the same on SQLite and PostgreSQL.

A migration is a function of a (synchronous) connection; `migrate` applies the ones newer than the
stored version inside one transaction that holds the database's write lock (BEGIN IMMEDIATE on
SQLite, an advisory lock on PostgreSQL), so two processes starting at once never both migrate.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
)

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

# Settings the processes sharing one database must agree on (PostgreSQL keeps its hashing salt here).
meta = Table("meta", metadata, Column("key", String(40), primary_key=True), Column("value", Text, nullable=False))

# One row per question answered or declined; `answer_key` is what the feedback buttons carry.
questions = Table(
    "questions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("answer_key", String(40), nullable=False, unique=True),
    Column("asked_at", DateTime, nullable=False, index=True),
    Column("guild_id", BigInteger),
    Column("channel_id", BigInteger),
    Column("user_hash", String(64)),  # a salted hash, never the Discord user id
    Column("via", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("outcome", String(32), nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("source_id", String(255), nullable=False),
    Column("text", Text, nullable=False),
)

# Votes refer to an answer by key, not by row: with BOT_RECORD_QUESTIONS=false there is no row.
votes = Table(
    "votes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("answer_key", String(40), nullable=False),
    Column("user_hash", String(64), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("voted_at", DateTime, nullable=False, index=True),
    UniqueConstraint("answer_key", "user_hash", name="one_vote_per_person"),
)
Index("votes_by_answer", votes.c.answer_key)


def _v1(conn: Connection) -> None:
    for table in (meta, questions, quotes, votes):
        table.create(conn)


MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = ((1, _v1),)
LATEST = MIGRATIONS[-1][0]
_PG_MIGRATION_LOCK = 0x4A4F4E  # any constant shared by every process of this bot


def migrate(conn: Connection) -> int:
    """Bring the schema to LATEST inside the caller's transaction; returns the version found."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    schema_version.create(conn, checkfirst=True)
    found = conn.execute(select(func.max(schema_version.c.version))).scalar() or 0
    for version, step in MIGRATIONS:
        if version > found:
            step(conn)
    if found < LATEST:
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=LATEST))
    return found
