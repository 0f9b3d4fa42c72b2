"""Which article a question points at, when it names one: "the February 7 article", "Joel Kurian's piece",
"according to the 'what is this hit series' article", "the article about the FlixPatrol record".

Fans who read the sources cite them by date, author or headline. Such a question is answered from that
article alone, and the words that point at it (the author's name, the date) are no part of what it asks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.answers.questions import ARTICLE
from bot.knowledge.articles import Article
from bot.knowledge.text import terms
from bot.knowledge.wordlists import MONTHS

# A question speaks of an article when it uses one of these words.
_ARTICLE_WORD = re.compile(rf"\b{ARTICLE}\b")
# A quoted headline ("the 'what is this hit series' article"): at least two words between quotation marks, which
# are no apostrophes ("who's").
_QUOTED = re.compile(r"(?<![a-z])['\"“‘](?P<text>[^'\"”’]+\s[^'\"”’]+)['\"”’](?![a-z])")
# … or one joined by hyphens, as a link's last part ("the what-is-this-hit-series article").
_JOINED = re.compile(r"\b(?P<text>[a-z0-9]+(?:-[a-z0-9]+){3,})\b")
# "According to the February 7 article": where the answer is to come from, not what is asked.
_ACCORDING = re.compile(rf"\b(?:according to|as per|per)\s+[^,?]*?\b{ARTICLE}\b,?")
# "The article about the FlixPatrol record": what it is about, up to a clause's end.
_ABOUT = re.compile(rf"\b(?:(?:in|from|by) )?(?:the|that|this) {ARTICLE} (?:about|on|covering) (?P<topic>[^,?!.]+)")
# How close a quoted text must be to a headline (or an untitled article's opening words) to point at it.
MIN_HEADLINE_MATCH = 85


@dataclass(frozen=True)
class Reference:
    """The article a question points at, and the terms of the words pointing at it."""

    source_id: str
    terms: frozenset[str]
    phrases: tuple[str, ...] = ()  # the words pointing at it, as typed (lower case)


class ArticleReferences:
    """Reads a question for the article it names, against the articles' dates, bylines and headlines."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = list(articles)
        self._authors = {a.source_id: a.author for a in articles if a.author}
        self._terms = {a.source_id: frozenset(terms(" ".join((a.title or "", *(p.text for p in a.paragraphs)))))
                       for a in articles}

    def find(self, lowered: str) -> Reference | None:
        """The one article the (lower-cased) question points at, if it points at exactly one."""
        if not _ARTICLE_WORD.search(lowered):
            return None
        found: dict[str, list[str]] = {}
        for article in self._articles:
            for pointer in (self._author(article, lowered), _date(article, lowered), _headline(article, lowered)):
                if pointer:
                    found.setdefault(article.source_id, []).append(pointer)
        topic = self._topic(lowered)
        if topic:
            found.setdefault(topic[0], []).append(topic[1])
        if len(found) != 1:
            return None
        (source_id, pointers), = found.items()
        return Reference(source_id, frozenset(t for p in pointers for t in terms(p)), tuple(pointers))

    @staticmethod
    def without(text: str, reference: Reference) -> str:
        """The question without the words pointing at the article: what the model is to match in it."""
        for phrase in reference.phrases:
            text = re.sub(re.escape(phrase), " ", text, flags=re.I)
        return " ".join(text.split())

    @staticmethod
    def asking(lowered: str) -> str:
        """The question without its "according to the … article": what it asks of the article it points at."""
        return " ".join(_ACCORDING.sub(" ", lowered).split())

    def _topic(self, lowered: str) -> tuple[str, str] | None:
        """The article the question says is about something ("the article about the FlixPatrol record"), when it
        alone uses all the words of it, and the words pointing at it."""
        match = _ABOUT.search(lowered)
        topic = frozenset(terms(match.group("topic"))) if match else frozenset()
        using = [source_id for source_id, words in self._terms.items() if topic <= words] if topic else []
        return (using[0], match.group(0)) if match and len(using) == 1 else None

    def _author(self, article: Article, lowered: str) -> str | None:
        author = self._authors.get(article.source_id)
        return author if author and re.search(rf"\b{re.escape(author)}\b", lowered) else None


def _date(article: Article, lowered: str) -> str | None:
    """The words giving the article's date ("february 7", "feb 7th", "7 feb"), if the question has them."""
    if not article.date:
        return None
    _, month, day = (int(part) for part in article.date.split("-"))
    name = MONTHS[month - 1].lower()
    spelt = rf"(?:{name}|{name[:3]})"
    match = re.search(rf"\b{spelt}\.?\s+{day}(?:st|nd|rd|th)?\b|\b{day}(?:st|nd|rd|th)?\s+{spelt}\b", lowered)
    return match.group(0) if match else None


def _headline(article: Article, lowered: str) -> str | None:
    """A quoted or hyphen-joined text ("the what-is-this-hit-series article") close to the article's headline, or
    to its opening words when it has none."""
    for match in (*_QUOTED.finditer(lowered), *_JOINED.finditer(lowered)):
        text = match.group("text")
        if fuzz.partial_ratio(text.replace("-", " "), article.label.lower()) >= MIN_HEADLINE_MATCH:
            return text
    return None
