"""What the extracted facts (bot.knowledge.cast, bot.knowledge.ranking) share: citations and show titles.

A fact is only as good as its source, so every one carries the sentence it was read from, verbatim,
with the article's title and date. Show titles are found in the text itself: the series the articles
are about is the title they name most often; other shows (for comparisons) are the titles they put
in quotation marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from bot.knowledge.articles import Article
from bot.knowledge.passages import Sentence

# A quoted title: "Squid Game", 'Hellbound', "Space, Sweepers" — a few capitalised words, small ones allowed.
_QUOTED_TITLE = re.compile(
    r"[\"“'‘](?P<title>[A-Z][\w’'-]*(?:,?\s+(?:[A-Z][\w’'-]*|of|the|a|an|at|in|on|and|are|us|to))*?)[,.]?[\"”'’]"
)
# An unquoted title of three or more words, small words allowed inside: "All of Us Are Dead".
LONG_TITLE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|of|the|are|us|and|at|in|on))+\s+[A-Z][a-z]+\b")
MAX_TITLE_WORDS = 6


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


@dataclass(frozen=True)
class Titles:
    """The series the articles are about, and the other shows they name."""

    series: str | None
    others: tuple[str, ...]

    @cached_property
    def _patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        # A title may run into the next word in a pasted page ("Squid Gamewhich"), so only its start
        # needs a word boundary; the first letter must be a capital, so "stay alive" is not "Alive".
        found = []
        for title in (self.series, *self.others):
            if title:
                rest = re.escape(title[1:]).replace(r"\ ", r"\s+")
                found.append((title, re.compile(rf"(?<!\w){re.escape(title[0])}(?i:{rest})")))
        return found

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of every show title in `text`, in order."""
        spans = [(m.start(), m.end(), title) for title, pattern in self._patterns for m in pattern.finditer(text)]
        return sorted(spans)


def find_titles(sentences: Sequence[Sentence]) -> Titles:
    """The series (the most often named title) and the other quoted titles, spelt as most often written."""
    spellings: dict[str, Counter[str]] = {}
    quoted: set[str] = set()
    for sentence in sentences:
        for match in _QUOTED_TITLE.finditer(sentence.text):
            title = match.group("title").rstrip(",")
            if len(title.split()) <= MAX_TITLE_WORDS:
                quoted.add(title.casefold())
                spellings.setdefault(title.casefold(), Counter())[title] += 1
        for match in LONG_TITLE.finditer(sentence.text):
            spellings.setdefault(match.group(0).casefold(), Counter())[match.group(0)] += 1
    counts = Counter({key: sum(c.values()) for key, c in spellings.items()})
    if not counts:
        return Titles(None, ())
    series_key = counts.most_common(1)[0][0]
    others = tuple(spellings[k].most_common(1)[0][0] for k in sorted(quoted) if k != series_key)
    return Titles(spellings[series_key].most_common(1)[0][0], others)
