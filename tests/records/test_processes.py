"""Two bot processes writing to one database at once lose no row (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import subprocess
import sys

from bot.records import Records
from bot.records.schema import questions, quotes, votes
from bot.settings import PROJECT_ROOT
from tests.records.test_store import count

BURST = PROJECT_ROOT / "benchmarks" / "records_burst.py"


async def test_two_processes_with_200_answers_and_votes_each_lose_no_row(make_settings):
    settings = make_settings()
    database = settings.database_url or str(settings.database_path)
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    workers = [subprocess.Popen([sys.executable, str(BURST), "--worker", database, "--count", "200",
                                 "--tag", str(tag)], stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT)
               for tag in (1, 2)]
    reports = [json.loads(w.communicate(timeout=240)[0]) for w in workers]
    assert [w.returncode for w in workers] == [0, 0]
    assert [r["recorded"] for r in reports] == [200, 200]
    records = await Records.open(settings)
    try:
        assert (await count(records, questions), await count(records, quotes), await count(records, votes)) \
            == (400, 800, 400)
    finally:
        await records.close()
