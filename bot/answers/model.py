"""What an answer is, independent of how it is shown (terminal, JSON, Discord)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """Why an answer looks the way it does; the replies layer words each one for people."""

    ANSWERED = "answered"
    NOT_A_QUESTION = "not_a_question"  # empty, emoji-only, gibberish
    NOT_ENGLISH = "not_english"  # e.g. Korean: the articles are English
    NOT_IN_ARTICLES = "not_in_articles"  # a real question the articles do not answer


@dataclass(frozen=True)
class Quote:
    """Verbatim text from one article, with what a citation needs."""

    text: str
    source_id: str
    title: str | None
    date: str | None
    spoiler: bool
    score: float
    label: str = ""  # the citation's display name: the title, or the article's opening words


@dataclass(frozen=True)
class Answer:
    """The reply to one question. `quotes` is empty unless `outcome` is ANSWERED."""

    question: str
    outcome: Outcome
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    about: str | None = None  # the other work the quotes are about, when the question asked about it
    missing: str | None = None  # when declining: what the articles don't say, if it can be named

    @property
    def answered(self) -> bool:
        return self.outcome is Outcome.ANSWERED

    def sources(self) -> list[Quote]:
        """One quote per cited article, in citation order: citation numbers follow this list."""
        seen: dict[str, Quote] = {}
        for quote in self.quotes:
            seen.setdefault(quote.source_id, quote)
        return list(seen.values())

    def citation_number(self, quote: Quote) -> int:
        return [q.source_id for q in self.sources()].index(quote.source_id) + 1
