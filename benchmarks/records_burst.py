"""Many answers at once, each with a vote, from several processes: does the store lose a row?

Each worker process opens the store as the bot does, records COUNT answers (two quotes each) and a
vote on each, all at once, and prints how long that took. The parent then counts the rows. It runs
on an SQLite file and on a PostgreSQL server it starts itself (skipped, with the reason, when it
cannot), first with one process as the baseline, then with PROCESSES processes writing at once.

    HF_HUB_OFFLINE=1 PYTHONPATH=. .venv/bin/python benchmarks/records_burst.py [--count 200] [--processes 2]

Exits 1 if any row is missing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bot.answers.model import Answer, Outcome, Quote
from bot.records import Asked, Records, VoteResult
from bot.records.schema import questions, quotes, votes
from bot.settings import Settings

QUOTES_PER_ANSWER = 2


def _settings(database: str) -> Settings:
    if database.startswith("postgresql://"):
        return Settings(database_url=database)
    return Settings(database_path=Path(database))


async def worker(database: str, count: int, tag: int) -> dict:
    """One bot process's burst: COUNT answers recorded and voted on concurrently."""
    records = await Records.open(_settings(database))
    if not records.enabled:
        raise SystemExit(f"worker {tag}: the store did not open")
    latencies: list[float] = []

    async def one(i: int) -> VoteResult:
        key = records.new_key()
        quoted = tuple(Quote(f"Sentence {n}.", f"00{n}_seed", None, None, False, 0.5) for n in range(QUOTES_PER_ANSWER))
        records.record(key, Answer(f"process {tag} question {i}?", Outcome.ANSWERED, quoted),
                       Asked("slash", 1, 2, tag * 1_000_000 + i))
        start = time.perf_counter()
        result = await records.vote(key, tag * 1_000_000 + i, i % 2 == 0)
        latencies.append(time.perf_counter() - start)
        return result

    start = time.perf_counter()
    results = await asyncio.gather(*(one(i) for i in range(count)))
    await records.close()
    return {"seconds": time.perf_counter() - start, "median_vote_ms": 1000 * statistics.median(latencies),
            "recorded": sum(r is VoteResult.RECORDED for r in results)}


async def count_rows(database: str) -> tuple[int, int, int]:
    records = await Records.open(_settings(database))

    async def query(conn):
        return tuple([(await conn.execute(select(func.count()).select_from(t))).scalar_one()
                      for t in (questions, quotes, votes)])

    try:
        return await records.read(query)
    finally:
        await records.close()


def run_processes(database: str, processes: int, count: int) -> list[dict]:
    """Start the workers together and collect what each printed."""
    children = [subprocess.Popen([sys.executable, __file__, "--worker", database, "--count", str(count),
                                  "--tag", str(tag)], stdout=subprocess.PIPE, text=True)
                for tag in range(processes)]
    reports = []
    for child in children:
        out, _ = child.communicate(timeout=300)
        if child.returncode != 0:
            raise SystemExit(f"a worker failed (exit {child.returncode})")
        reports.append(json.loads(out))
    return reports


def measure(name: str, database_for: callable, processes: int, count: int) -> bool:
    """Baseline (one process) then PROCESSES at once, each on a fresh database; True when nothing is lost."""
    ok = True
    baseline = None
    for n in (1, processes):
        database = database_for(f"{name}_{n}")
        start = time.perf_counter()
        reports = run_processes(database, n, count)
        wall = time.perf_counter() - start
        found = asyncio.run(count_rows(database))
        expected = (n * count, n * count * QUOTES_PER_ANSWER, n * count)
        ok &= found == expected
        median_ms = statistics.median(r["median_vote_ms"] for r in reports)
        baseline = baseline or median_ms
        print(f"{name:10s} {n} process(es) × {count} answers+votes: questions {found[0]}/{expected[0]}, "
              f"quotes {found[1]}/{expected[1]}, votes {found[2]}/{expected[2]}; "
              f"wall {wall:.2f} s, median vote {median_ms:.1f} ms ({median_ms / baseline:.2f}× one process)"
              f"{'' if found == expected else '  ROWS LOST'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--worker", metavar="DATABASE", help=argparse.SUPPRESS)
    parser.add_argument("--tag", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(asyncio.run(worker(args.worker, args.count, args.tag))))
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests import postgres_server

    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ok &= measure("sqlite", lambda name: str(Path(folder) / f"{name}.sqlite3"), args.processes, args.count)
    try:
        server = postgres_server.start()
    except postgres_server.PostgresUnavailable as exc:
        print(f"postgresql skipped: {exc}")
        return 0 if ok else 1
    try:
        import asyncpg

        async def create(name: str) -> str:
            conn = await asyncpg.connect(server.url)
            await conn.execute(f"CREATE DATABASE {name}")
            await conn.close()
            return server.database_url(name)

        ok &= measure("postgresql", lambda name: asyncio.run(create(name)), args.processes, args.count)
    finally:
        server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
