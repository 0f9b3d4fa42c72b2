"""The moderators' report: how many questions, how many answered, what the articles miss, which
answers fans found unhelpful, and which articles are quoted most.

Declined questions are grouped when they ask the same thing in other words: the same kind of
answer expected (who / when / how many …) and embeddings at
least DUPLICATE_SIMILARITY apart (the answer path's own encoder; anything with `encode`). The
threshold is fitted by benchmarks/fit_duplicate_threshold.py on labelled question pairs.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Protocol

import numpy as np
from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.answers.model import Outcome
from bot.answers.questions import Question, analyse
from bot.knowledge.articles import fold_ws
from bot.records.schema import questions, quotes, votes
from bot.records.store import Records

DUPLICATE_SIMILARITY = 0.83  # fitted: accuracy 0.75, precision 1.00, recall 0.50 on the held-back pairs
TOP = 10  # rows per list


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Declined:
    question: str  # the group's most asked wording
    count: int


@dataclass(frozen=True)
class QuotedText:
    source_id: str
    text: str


@dataclass(frozen=True)
class Disliked:
    question: str
    quotes: list[QuotedText]
    count: int  # Not helpful votes


@dataclass(frozen=True)
class SourceUse:
    source_id: str
    quoted: int


@dataclass(frozen=True)
class Report:
    days: int
    questions: int
    answered: int
    helpful: int
    not_helpful: int
    declined: list[Declined]
    disliked: list[Disliked]
    sources: list[SourceUse]

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Rows:
    totals: tuple[int, int, int, int]
    declined: list[tuple[str, int]]
    disliked: list[tuple[str, list[QuotedText], int]]
    sources: list[tuple[str, int]]


async def build_report(records: Records, days: int, encoder: Encoder | None) -> Report:
    """Read the last `days` days; `encoder` groups the declined questions (None: exact wording only),
    in a worker thread since the model is CPU work. RecordsUnavailable when the records cannot be read."""
    cutoff = records.clock() - timedelta(days=days)
    rows: _Rows = await records.read(lambda conn: _read(conn, cutoff))
    asked, answered, helpful, not_helpful = rows.totals
    declined = await asyncio.to_thread(group_questions, rows.declined, encoder)
    return Report(
        days=days, questions=asked, answered=answered, helpful=helpful, not_helpful=not_helpful,
        declined=declined[:TOP],
        disliked=[Disliked(q, quoted, n) for q, quoted, n in rows.disliked],
        sources=[SourceUse(s, n) for s, n in rows.sources],
    )


async def _read(conn: AsyncConnection, cutoff) -> _Rows:
    recent = questions.c.asked_at >= cutoff
    asked, answered = (await conn.execute(select(
        func.count(), func.coalesce(func.sum(case((questions.c.outcome == str(Outcome.ANSWERED), 1), else_=0)), 0),
    ).where(recent))).one()
    helpful, not_helpful = (await conn.execute(select(
        func.coalesce(func.sum(case((votes.c.helpful, 1), else_=0)), 0),
        func.coalesce(func.sum(case((votes.c.helpful, 0), else_=1)), 0),
    ).where(votes.c.voted_at >= cutoff))).one()
    declined = (await conn.execute(
        select(questions.c.question, func.count()).where(
            and_(recent, questions.c.outcome == str(Outcome.NOT_IN_ARTICLES)))
        .group_by(questions.c.question))).all()
    unhelpful = func.count().label("unhelpful")
    disliked = (await conn.execute(
        select(questions.c.id, questions.c.question, unhelpful)
        .join(votes, votes.c.answer_key == questions.c.answer_key)
        .where(and_(votes.c.helpful.is_(False), votes.c.voted_at >= cutoff))
        .group_by(questions.c.id, questions.c.question)
        .order_by(unhelpful.desc(), questions.c.id.desc()).limit(TOP))).all()
    quoted: dict[int, list[QuotedText]] = {row.id: [] for row in disliked}
    if quoted:
        for row in await conn.execute(select(quotes.c.question_id, quotes.c.source_id, quotes.c.text)
                                      .where(quotes.c.question_id.in_(quoted)).order_by(quotes.c.position)):
            quoted[row.question_id].append(QuotedText(row.source_id, row.text))
    uses = func.count().label("uses")
    sources = (await conn.execute(
        select(quotes.c.source_id, uses).join(questions, questions.c.id == quotes.c.question_id).where(recent)
        .group_by(quotes.c.source_id).order_by(uses.desc(), quotes.c.source_id).limit(TOP))).all()
    return _Rows((int(asked), int(answered), int(helpful), int(not_helpful)),
                 [(q, int(n)) for q, n in declined],
                 [(row.question, quoted[row.id], int(row.unhelpful)) for row in disliked],
                 [(s, int(n)) for s, n in sources])


def _kind(text: str) -> str:
    """The kind of answer a question expects (a person, a date, a number …): "where" and "when" differ."""
    analysed = analyse(text, frozenset())
    return str(analysed.expects) if isinstance(analysed, Question) else ""


def group_questions(asked: list[tuple[str, int]], encoder: Encoder | None) -> list[Declined]:
    """Questions with counts, near-duplicates merged; most asked first. Each group is shown by its
    most asked wording. Greedy: a question joins the first (larger) group it is close enough to."""
    wordings: dict[str, Counter[str]] = {}
    for text, n in asked:
        wordings.setdefault(fold_ws(text).casefold().rstrip("?!. "), Counter())[text] += n
    keys = sorted(wordings, key=lambda k: (-wordings[k].total(), k))
    vectors = encoder.encode(keys) if encoder is not None and keys else None
    kinds = [_kind(k) for k in keys]
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in range(len(keys)):
        home = next((j for j in leaders if kinds[j] == kinds[i] and vectors is not None
                     and float(vectors[i] @ vectors[j]) >= DUPLICATE_SIMILARITY), None)
        if home is None:
            leaders.append(i)
            members[i] = [i]
        else:
            members[home].append(i)
    groups = []
    for leader in leaders:
        counts = sum((wordings[keys[m]] for m in members[leader]), Counter())
        example = max(counts, key=lambda text: (counts[text], text))  # ties: one fixed choice
        groups.append(Declined(example, counts.total()))
    return sorted(groups, key=lambda g: -g.count)
