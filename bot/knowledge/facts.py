"""What the extracted facts (bot.knowledge.cast, bot.knowledge.ranking) share: citations and number words.

A fact is only as good as its source, so every one carries the sentence it was read from, verbatim,
with the article's title and date. Which work a sentence is about is bot.knowledge.subjects' job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.knowledge.articles import Article
from bot.knowledge.passages import Sentence
from bot.knowledge.wordlists import NUMBER_WORDS, ORDINAL_WORDS, SCALES

# An unquoted title of three or more words, small words allowed inside: "All of Us Are Dead".
LONG_TITLE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|of|the|are|us|and|at|in|on))+\s+[A-Z][a-z]+\b")



def number_value(text: str, scale: str | None = None) -> float:
    """`12`, `1,200`, `seven`, `a` as a number, times its scale word ("million")."""
    word = text.casefold()
    value = float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(text.replace(",", ""))
    return value * SCALES.get((scale or "").casefold(), 1)


def ordinal_value(text: str) -> int:
    """`second` or `2nd` as 2."""
    word = text.casefold()
    return ORDINAL_WORDS[word] if word in ORDINAL_WORDS else int(re.sub(r"\D", "", word))


@dataclass(frozen=True)
class Citation:
    """One sentence quoted verbatim (with the sentence before when it points back), and its article."""

    source_id: str
    title: str | None
    label: str
    date: str | None
    text: str
    spoiler: bool

    @classmethod
    def of(cls, article: Article, sentence: Sentence) -> Citation:
        return cls(article.source_id, article.title, article.label, article.date, sentence.quote, sentence.spoiler)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(**data)


def unique_citations(citations: Iterable[Citation]) -> tuple[Citation, ...]:
    """Citations without repeats, in first-seen order."""
    return tuple(dict.fromkeys(citations))
