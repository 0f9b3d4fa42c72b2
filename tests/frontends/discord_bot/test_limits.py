"""Limits that fit people, end to end: a per-user bucket for questions, a flood guard above it,
repeats answered once, refunds for what failed or was refused; look-ups never throttled."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from bot.answers.model import Answer
from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.limits import Limits, Verdict
from bot.knowledge.articles import Article
from bot.replies.discord import BUSY_MESSAGE, ERROR_MESSAGE, REPEAT_MESSAGE
from tests.fake_discord import FakeDiscord, InteractionRecord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import EPHEMERAL, Slow, embed_of, message_body, quotes_in

QUESTIONS = ["How many episodes are there?", "Who plays Nam On-jo?", "Who directed the series?",
             "When was it released?", "Is there a second season?"]
LIMITS = {"BOT_QUESTION_BURST": "3", "BOT_QUESTION_REFILL_SECONDS": "5"}


def quotes_in_or_none(body: dict) -> list:
    """The embeds of a reply that quote the articles (an answer, not a notice)."""
    embeds = (body.get("data") or body).get("embeds") or []
    return [e for e in embeds if e.get("description", "").startswith("> ")]


async def final_of(record: InteractionRecord) -> dict:
    return (await asyncio.wait_for(record.final, 10)).body


def test_the_bucket_lets_three_through_then_one_every_5_s() -> None:
    limits = Limits(burst=3, refill_seconds=5, flood_count=100, flood_seconds=12)
    now = 1000.0
    assert [limits.admit(1, q, now).verdict for q in QUESTIONS[:4]] == [Verdict.ANSWER] * 3 + [Verdict.SLOW_DOWN]
    assert limits.admit(1, QUESTIONS[4], now).verdict is Verdict.QUIET  # told once already
    assert limits.admit(2, QUESTIONS[0], now).verdict is Verdict.ANSWER  # others are not held up
    assert limits.admit(1, QUESTIONS[4], now + 5).verdict is Verdict.ANSWER
    assert limits.admit(1, QUESTIONS[0], now + 6).verdict is Verdict.SLOW_DOWN
    limits.refund(1, now + 6)
    assert limits.admit(1, QUESTIONS[0], now + 6).verdict is Verdict.ANSWER


def test_the_flood_guard_silences_a_flood_even_with_tokens_left() -> None:
    limits = Limits(burst=100, refill_seconds=1, flood_count=10, flood_seconds=12)
    verdicts = [limits.admit(1, f"question {i}", 1000.0 + i / 10).verdict for i in range(20)]
    assert verdicts[:10] == [Verdict.ANSWER] * 10
    assert verdicts[10] is Verdict.SLOW_DOWN and set(verdicts[11:]) == {Verdict.QUIET}
    assert limits.admit(1, "later", 1013.0).verdict is Verdict.ANSWER


def test_the_same_question_twice_in_a_row_is_not_charged() -> None:
    limits = Limits(burst=1, refill_seconds=60, flood_count=100, flood_seconds=12)
    assert limits.admit(1, "Who plays On-jo?", 1000.0).verdict is Verdict.ANSWER
    assert limits.admit(1, "who plays  on-jo?", 1001.0).verdict is Verdict.REPEAT


async def test_a_fan_at_a_human_pace_is_never_stopped(fake: FakeDiscord, state_dir: Path,
                                                      answerer: Answering) -> None:
    """/cast, /ranking, /sources, then questions: look-ups cost nothing, three questions fit the bucket."""
    async with running_bot(fake, bot_settings(fake, state_dir, **LIMITS), answerer):
        looked_up = [await final_of(await fake.slash(command))
                     for command in ("cast", "ranking", "sources", "cast", "ranking")]
        answers = [await final_of(await fake.slash("ask", question=q)) for q in QUESTIONS[:3]]
    assert all(b["data"]["embeds"][0].get("title") for b in looked_up)  # listings, not "slow down"
    assert all(quotes_in(b["data"]["embeds"][0]) for b in answers)


async def test_a_flood_is_acknowledged_told_once_and_then_ignored_quietly(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir, **LIMITS), answerer):
        records = [await fake.slash("ask", question=f"{QUESTIONS[i % 5]} ({i})") for i in range(20)]
        firsts = [await asyncio.wait_for(r.first, 10) for r in records]
        await asyncio.gather(*(asyncio.wait_for(r.final, 10) for r in records[:4]))
        other = await final_of(await fake.slash("ask", question=QUESTIONS[0], user_id=str(int(p.FAN_ID) + 1)))
    assert all(f.status in (200, 204) for f in firsts)  # every interaction acknowledged
    assert all(quotes_in_or_none(r.final.result().body) for r in records[:3])
    slow_down = embed_of(records[3].final.result())["description"]
    assert "Slow down" in slow_down and message_body(records[3].final.result())["flags"] & EPHEMERAL
    for record in records[4:]:  # quiet: a private "thinking…" taken back at once
        assert [(c.method, c.body and c.body.get("type")) for c in record.calls] == [("POST", 5), ("DELETE", None)]
    assert quotes_in_or_none(other)


async def test_the_same_question_twice_is_answered_once(fake: FakeDiscord, state_dir: Path,
                                                        answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir, **LIMITS), answerer):
        first = await final_of(await fake.slash("ask", question=QUESTIONS[0]))
        again = await asyncio.wait_for((await fake.slash("ask", question=QUESTIONS[0])).final, 10)
    assert quotes_in_or_none(first)
    assert embed_of(again)["description"] == REPEAT_MESSAGE and message_body(again)["flags"] & EPHEMERAL


@dataclass
class FailsFirst:
    """The real answerer, failing its first question."""

    inner: Answering
    failed: list[str] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        if not self.failed:
            self.failed.append(question)
            raise RuntimeError("a passing hiccup")
        return self.inner.ask(question)

    @property
    def articles(self) -> list[Article]:
        return list(self.inner.articles)


async def test_a_failed_answer_is_refunded(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_QUESTION_BURST="1", BOT_QUESTION_REFILL_SECONDS="60")
    async with running_bot(fake, settings, FailsFirst(answerer)):
        failed = await asyncio.wait_for((await fake.slash("ask", question=QUESTIONS[0])).final, 10)
        retried = await final_of(await fake.slash("ask", question=QUESTIONS[0]))
    assert embed_of(failed)["description"] == ERROR_MESSAGE
    assert quotes_in_or_none(retried)  # neither slowed down nor taken for a repeat


async def test_a_full_queue_says_busy_instead_of_answering_late(fake: FakeDiscord, state_dir: Path,
                                                                answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_ANSWER_WORKERS="1", BOT_ANSWER_QUEUE_SIZE="1")
    async with running_bot(fake, settings, Slow(answerer, 1.0)):
        records = [await fake.slash("ask", question=QUESTIONS[0], user_id=str(int(p.FAN_ID) + i))
                   for i in range(3)]
        finals = [await asyncio.wait_for(r.final, 10) for r in records]
    descriptions = [embed_of(f)["description"] for f in finals]
    assert descriptions.count(BUSY_MESSAGE) == 1 and descriptions[2] == BUSY_MESSAGE
    assert all(quotes_in(embed_of(f)) for f in finals[:2])
