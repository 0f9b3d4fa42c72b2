"""The black-box check: `python -m bot run` as a moderator starts it, against the fake Discord.

One process per start, with the real model and index and the default limits, as deployed:
- one fan at a human pace (/cast, /ranking, two questions 3 s apart): everything answered;
- 50 fans asking at once: each answered;
- one user flooding 20 questions in a second: each acknowledged, most not answered;
- SIGTERM just after ten questions: each answered or told the bot restarts; exit code 0, no traceback;
- commands deleted on Discord's side are registered again at the next start.
It takes two model loads (about half a minute on a busy CI machine); questions asked while the model
still loads are deferred and answered, which this check relies on.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.replies.discord import BUSY_MESSAGE, ERROR_MESSAGE, RESTARTING_MESSAGE
from bot.settings import PROJECT_ROOT, Settings
from tests.fake_discord import FakeDiscord, InteractionRecord
from tests.fake_discord import payloads as p
from tests.frontends.discord_bot.helpers import embed_of

GLOBAL = rf"/applications/{p.APPLICATION_ID}/commands"
QUESTIONS = ["How many episodes are there?", "Who plays Nam On-jo?", "Who directed the series?",
             "When was All of Us Are Dead released?", "Is there a second season?",
             "Which webtoon is the show based on?", "Who plays Lee Cheong-san?", "Where is the school?",
             "How many hours did people watch it?", "Who wrote the series?"]
START_TIMEOUT = 120.0  # a cold model load on a loaded CI machine


def answered(record: InteractionRecord) -> bool:
    """The fan got an answer: quotes, or the articles don't say (not a notice about the bot)."""
    if not record.final.done():
        return False
    description = embed_of(record.final.result()).get("description", "")
    return not any(notice in description for notice in (BUSY_MESSAGE, ERROR_MESSAGE, RESTARTING_MESSAGE)) \
        and "Slow down" not in description


async def start(fake: FakeDiscord, settings: Settings, log: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, **fake.env(), "BOT_INDEX_DIR": str(settings.index_dir), "HF_HUB_OFFLINE": "1",
           "BOT_DATABASE_PATH": str(settings.index_dir.parent / "data" / "bot.sqlite3")}  # not the project's
    env.pop("BOT_QUESTION_BURST", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=log.open("ab"))
    await asyncio.wait_for(fake.connected.wait(), START_TIMEOUT)
    return process


async def stop(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), 30)


async def final(record: InteractionRecord) -> None:
    await asyncio.wait_for(record.final, START_TIMEOUT)


async def test_python_m_bot_run_end_to_end(fake: FakeDiscord, settings: Settings, answerer: object,
                                           tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    try:
        await run_the_check(fake, settings, log)
    finally:
        print(log.read_text(encoding="utf-8", errors="replace"))  # shown by pytest when the check fails


async def run_the_check(fake: FakeDiscord, settings: Settings, log: Path) -> None:
    process = await start(fake, settings, log)
    try:
        # One fan at a human pace (the first look-up may arrive while the index still loads).
        pace = [await fake.slash("cast")]
        await final(pace[-1])
        pace.append(await fake.slash("ranking"))
        await final(pace[-1])
        pace.append(await fake.slash("ask", question=QUESTIONS[0]))
        await final(pace[-1])
        await asyncio.sleep(3)  # the fan reads the answer, then asks again
        pace.append(await fake.slash("ask", question=QUESTIONS[1]))
        await final(pace[-1])
        assert all(answered(r) for r in pace)
        assert embed_of(pace[1].final.result())["description"].startswith("**Hours viewed:**")

        # 50 fans at once.
        crowd = await asyncio.gather(*(fake.slash("ask", question=QUESTIONS[i % 10], user_id=str(200 + i))
                                       for i in range(50)))
        await asyncio.gather(*(final(r) for r in crowd))
        assert sum(answered(r) for r in crowd) == 50

        # One user flooding 20 questions within a second.
        flood = []
        for i in range(20):
            flood.append(await fake.slash("ask", question=f"{QUESTIONS[i % 10]} #{i}", user_id="999"))
            await asyncio.sleep(0.04)
        await asyncio.gather(*(asyncio.wait_for(r.first, 10) for r in flood))
        assert all(r.first.done() and r.first.result().status in (200, 204) for r in flood)  # acknowledged
        await asyncio.gather(*(final(r) for r in flood[:4]))
        assert sum(answered(r) for r in flood) <= 4

        # SIGTERM just after ten questions.
        last = await asyncio.gather(*(fake.slash("ask", question=q, user_id=str(500 + i))
                                      for i, q in enumerate(QUESTIONS)))
        code = await stop(process)
        assert code == 0
        for record in last:
            assert answered(record) or embed_of(record.final.result())["description"] == RESTARTING_MESSAGE
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    # Commands deleted on Discord's side come back at the next start.
    assert len(fake.calls_to("PUT", GLOBAL)) == 1
    fake.delete_commands("global")
    fake.connected.clear()
    process = await start(fake, settings, log)
    try:
        await fake.wait_for_call(lambda c: c.method == "PUT" and c.path == GLOBAL and len(fake.calls_to(
            "PUT", GLOBAL)) == 2, timeout=START_TIMEOUT)
        assert {c["name"] for c in fake.commands["global"]} == {"ask", "cast", "ranking", "sources", "help",
                                                                "report", "articles"}
        assert await stop(process) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output and fake.token not in output
