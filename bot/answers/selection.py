"""Order and restraint: the sentence that answers first, others only when they add something."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answers.evidence import Evidence
from bot.answers.model import Quote
from bot.answers.weights import MAX_QUOTED_CHARS, MAX_QUOTES, REDUNDANT_SIMILARITY, Weights
from bot.knowledge.passages import Sentence


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    evidence: Evidence
    score: float


def rank(found: list[tuple[Sentence, Evidence]], weights: Weights) -> list[Candidate]:
    """The candidates weighed, best first."""
    scored = [Candidate(s, e, e.score(weights)) for s, e in found]
    return sorted(scored, key=lambda c: c.score, reverse=True)


def select(candidates: list[Candidate], weights: Weights, vectors: np.ndarray) -> list[Candidate]:
    """The best sentence, and up to two more that come close to it without repeating it: a near
    duplicate (by embedding), a sentence sharing a quote with one chosen or one without what is asked adds nothing."""
    best = candidates[0]
    chosen = [best]
    for other in candidates[1:]:
        if len(chosen) >= MAX_QUOTES or other.score < best.score * weights.companion:
            break
        # A sentence without what the question asks for (a date, a name, a number …) adds no fact.
        if not other.evidence.has_slot or \
                sum(len(c.sentence.quote) for c in chosen) + len(other.sentence.quote) > MAX_QUOTED_CHARS:
            continue
        if any(float(vectors[c.sentence.id] @ vectors[other.sentence.id]) > REDUNDANT_SIMILARITY
               or _overlaps(c.sentence, other.sentence) for c in chosen):
            continue
        chosen.append(other)
    return chosen


def _overlaps(a: Sentence, b: Sentence) -> bool:
    """Whether two quotes share a sentence (one is the other's lead)."""
    return a.source_id == b.source_id and a.paragraph == b.paragraph and abs(a.position - b.position) <= 1 \
        and (a.lead is not None or b.lead is not None)


def merge(answers: list[tuple[Quote, ...]], limit: int) -> tuple[Quote, ...]:
    """The quotes of several answers (one per question a message asks): each answer's first quote first,
    then their others in turn, each quote once, at most `limit` and MAX_QUOTED_CHARS in all."""
    merged: dict[str, Quote] = {}
    length = 0
    for position in range(max(len(quotes) for quotes in answers)):
        for quotes in answers:
            if position >= len(quotes) or quotes[position].text in merged or len(merged) >= limit:
                continue
            quote = quotes[position]
            if merged and length + len(quote.text) > MAX_QUOTED_CHARS:
                continue
            merged[quote.text] = quote
            length += len(quote.text)
    return tuple(merged.values())
