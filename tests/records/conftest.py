"""The store's tests run twice: on an SQLite file and on a real PostgreSQL server started here."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import asyncpg
import pytest

from bot.settings import Settings
from tests import postgres_server

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.Postgres]:
    try:
        server = postgres_server.start()
    except postgres_server.PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for the store tests: {exc}")
    yield server
    server.stop()


async def fresh_database(server: postgres_server.Postgres) -> str:
    name = f"records_{next(_names)}"
    conn = await asyncpg.connect(server.url)
    try:
        await conn.execute(f"CREATE DATABASE {name}")
    finally:
        await conn.close()
    return server.database_url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
async def make_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a new, empty database of the parametrised kind; keyword arguments override fields."""
    base = Settings(database_path=tmp_path / "data" / "bot.sqlite3")
    if request.param == "postgresql":
        base = replace(base, database_url=await fresh_database(request.getfixturevalue("postgres")))

    def make(**fields: object) -> Settings:
        return replace(base, **fields)

    return make
