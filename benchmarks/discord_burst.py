"""A burst of /ask interactions from as many users at once, through the fake Discord, to the real bot
and answerer.

Discord drops an interaction that gets no first response within 3 s, so what matters under load
is the first-response latency (an answer, or a "thinking…" defer) and then the time to the
answer itself. Both are measured from the moment the fake gateway sends INTERACTION_CREATE to
the moment the bot's request reaches the fake REST API, with the fake and the bot sharing one
event loop (as conservative as it gets: the fake's own work delays the bot). The largest stall of
the event loop during the burst is printed too: a stall is what makes a bot miss heartbeats.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/discord_burst.py [--count 200] [--delay 0.2]

It prints how many were answered (the rest got "busy" or an error), and the median and 95th
percentile of the time to the first response (the deferral, or the answer itself when it was
ready first) and to the answer.

`--delay` adds that many seconds to every answer (a slower machine, a bigger index), which shows
the deferral at work: answers not ready in time get a "thinking…" first and are edited in later.

Exits 1 if any interaction missed 3 s to its first response or 10 s to its answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.answers.model import Answer
from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.respond import DEFER_AFTER
from bot.replies.discord import BUSY_MESSAGE, ERROR_MESSAGE

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIRST_RESPONSE_DEADLINE = 3.0
ANSWER_DEADLINE = 10.0
QUESTIONS = [
    "How many episodes does All of Us Are Dead have?",
    "Who plays Nam On-jo?",
    "Who directed the series?",
    "When was All of Us Are Dead released?",
    "Is there a second season?",
    "Which webtoon is the show based on?",
    "Who plays Lee Cheong-san?",
    "What is the name of the school?",
    "How many hours did the show top the Netflix charts?",
    "What is the recipe for kimchi stew?",
]


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{name:<16} p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
            f"max {ordered[-1] * 1000:7.1f} ms")


async def watch_loop(stalls: list[float], stop: asyncio.Event, interval: float = 0.01) -> None:
    """How late the event loop wakes up: the stall a heartbeat would suffer."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        start = loop.time()
        await asyncio.sleep(interval)
        stalls.append(loop.time() - start - interval)


class Delayed:
    """The real answerer, `delay` seconds slower per question."""

    def __init__(self, inner: Answering, delay: float) -> None:
        self.inner = inner
        self.delay = delay
        self.articles = inner.articles

    def ask(self, question: str) -> Answer:
        time.sleep(self.delay)
        return self.inner.ask(question)


async def burst(count: int, delay: float) -> int:
    from bot.answers.answerer import load_answerer
    from bot.settings import load_settings
    from tests.fake_discord import FakeDiscord, running_bot
    from tests.fake_discord import payloads as p
    from tests.fake_discord.harness import bot_settings

    started = time.perf_counter()
    answerer: Answering = load_answerer(load_settings())
    if delay:
        answerer = Delayed(answerer, delay)
    print(f"answerer loaded in {time.perf_counter() - started:.1f} s")
    bare = []  # the baseline, measured in the same run: one question answered directly, no Discord
    for question in QUESTIONS * 3:
        start = time.perf_counter()
        answerer.ask(question)
        bare.append(time.perf_counter() - start)
    fake = FakeDiscord()
    await fake.start()
    try:
        with tempfile.TemporaryDirectory() as state:
            async with running_bot(fake, bot_settings(fake, Path(state)), answerer):
                warm_up = await fake.slash("ask", question=QUESTIONS[0])
                await asyncio.wait_for(warm_up.final, ANSWER_DEADLINE)

                stalls: list[float] = []
                stop = asyncio.Event()
                watcher = asyncio.create_task(watch_loop(stalls, stop))
                users = [str(int(p.FAN_ID) + 1 + i) for i in range(count)]
                records = await asyncio.gather(*(
                    fake.slash("ask", question=QUESTIONS[i % len(QUESTIONS)], user_id=user)
                    for i, user in enumerate(users)))
                results = await asyncio.gather(*(asyncio.wait_for(r.final, 30) for r in records),
                                               return_exceptions=True)
                stop.set()
                await watcher
    finally:
        await fake.close()

    unanswered = sum(isinstance(r, BaseException) for r in results)
    first = [r.first.result().at - r.sent_at for r in records if r.first.done()]
    final = [r.final.result().at - r.sent_at for r in records if r.final.done()]
    deferred = sum(1 for r in records if r.first.done() and r.first.result().body["type"] == 5)
    failed = sum(1 for r in records if r.final.done() and ERROR_MESSAGE in str(r.final.result().body))
    busy = sum(1 for r in records if r.final.done() and BUSY_MESSAGE in str(r.final.result().body))
    answered = sum(r.final.done() for r in records) - failed - busy  # quotes, or "the articles don't say"
    print(f"{count} /ask interactions from {count} users at once: {answered} answered, {busy} told busy, "
          f"{failed} answered with the error notice, {unanswered} unanswered; {deferred} deferred "
          f"(answer not ready within {DEFER_AFTER} s)")
    print(summary("to deferral", first))  # the first response: "thinking…", or the answer when ready first
    print(summary("to answer", final))
    print(summary("bare answer", bare) + "   (baseline: answerer.ask alone, one at a time)")
    print(f"p50 to answer / bare answer p50: {statistics.median(final) / statistics.median(bare):.1f}x")
    print(f"largest event-loop stall during the burst: {max(stalls) * 1000:.1f} ms")
    missed = (unanswered + failed + sum(t > FIRST_RESPONSE_DEADLINE for t in first)
              + sum(t > ANSWER_DEADLINE for t in final))
    print("OK: every first response within 3 s and every answer within 10 s" if not missed
          else f"MISSED: {missed} failure(s) or missed deadline(s)")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="interactions in the burst (default 200)")
    parser.add_argument("--delay", type=float, default=0.0, help="extra seconds per answer (default 0)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.path.insert(0, str(PROJECT_ROOT))
    return asyncio.run(burst(args.count, args.delay))


if __name__ == "__main__":
    raise SystemExit(main())
