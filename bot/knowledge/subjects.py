"""Which work each sentence speaks of: this series, or another show or film the articles name.

Articles about a K-drama compare it with others, and moderators add articles about other shows
altogether; their casts, dates and records must never become this series' facts or answers. So at
index time every sentence gets the work it is about, the way a reader follows an article:

- an article is about the work it names most (this series by its title or an alias in
  bot/data/series.toml, or another); one naming no work at all is not about this series;
- a sentence is about the work it names in its main clause (an opening "After Squid Game became…,"
  sets the scene, it is not the subject; nor is the show in "fans of …"), the article's own work
  winning when it is named beside others (a comparison);
- one that opens by referring back ("It", "Its", "She", "The Netflix drama") is about the work the
  sentences before it were about; "That series" and "the latter" point to the work named last;
- one naming none is about the work of the sentence before, or at a paragraph's start the article's.

Other works are recognised by how articles write titles: in quotation marks ("Squid Game"), or
after a word saying what they are ("the Netflix drama Sweet Home", "the webtoon Hellbound").
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from bot.knowledge.articles import Article
from bot.knowledge.passages import Sentence
from bot.settings import DATA_DIR

SERIES_FILE = DATA_DIR / "series.toml"
# What an article naming no work at all is taken to be about: a work called after the article.
UNNAMED_WORK = "the work of"

# Small words a title may hold between its capitalised ones: "All of Us Are Dead", "Train to Busan".
_SMALL = r"(?:of|the|a|an|at|in|on|and|are|us|to|for|with|from)\b"
_TITLE_WORD = r"[A-Z#][\w’'-]*"
MAX_TITLE_WORDS = 6
# A sentence naming this many works speaks of them together (a genre, a comparison), not of one of them.
LISTED_WORKS = 3
# A quoted title: "Squid Game", 'Hellbound', "Space, Sweepers" (a comma inside is allowed).
_QUOTED = re.compile(rf"[\"“'‘](?P<title>{_TITLE_WORD}(?:,?\s+(?:{_TITLE_WORD}|{_SMALL}))*?)[,.]?[\"”'’]")
# A title after the word for what it is: "the Netflix drama Sweet Home", "the webtoon Hellbound".
_KIND = r"series|drama|show|film|movie|webtoon|k-drama|K-drama|thriller|sequel|special|comic|manhwa"
_CUED = re.compile(rf"\b(?:{_KIND}),?\s+(?P<title>{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_SMALL}))*)")
# A title before what it is ("Sweet Home is a Netflix horror series") or its season ("Kingdom season 3").
_TITLE_RUN = rf"(?P<title>{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_SMALL}))*?)"
_DEFINED = re.compile(rf"(?:^|[.;]\s+|,\s+){_TITLE_RUN},?\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?"
                      rf"(?:{_KIND})\b")
_SEASON = re.compile(rf"(?<![\w'’]){_TITLE_RUN}\s+(?i:season)\s+(?:\d+|two|three|four|five)\b")
# A sentence opening with a list of titles that it then calls productions: "World War Z, The Walking Dead or
# Welcome to Zombieland, there are countless productions of the genre …". People's names are no titles.
_RUN = rf"(?![^,]*[A-Z][a-z]+-[A-Za-z])({_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_SMALL}))*?)"
_LISTED = re.compile(rf"^(?P<list>{_RUN}(?:,\s+{_RUN})*,?\s+(?:or|and)\s+{_RUN}),\s+[^.]*?"
                     rf"\b(?:productions?|films?|movies?|titles?|genre)\b")
_LIST_BREAK = re.compile(r",\s+|\s+(?:or|and)\s+")
# A short headline opening with a title and a colon: "Sweet Home: From Webtoon to Netflix Hit".
_HEADLINE_TITLE = re.compile(rf"^{_TITLE_RUN}:\s")
_TRAILING_SMALL = re.compile(rf"(?:\s+(?:{_SMALL}))+$")
# An opening subordinate clause sets the scene; the sentence's subject comes after its comma.
OPENING_CLAUSE = re.compile(r"^\W*(?:After|Before|Since|While|Following|Unlike|Like|Although|Though|As with|"
                            r"Apart from|Besides|Compared (?:with|to)|Shortly after|Just after|Even after|"
                            r"Months after|Days after|Weeks after|Years after)\b[^,]*,")
# Words that refer back to the work being talked about ("It", "The Netflix drama") …
_REFERS_BACK = re.compile(r"^\W*(?:(?:it|its|she|her)\b|(?:the|this)\s+(?:[\w'’-]+\s+){0,3}?"
                          r"(?:series|show|drama|k-drama|film|movie|thriller|title|production)\b(?!-))",
                          re.IGNORECASE)
# … and to the work named last ("That series", "the latter").
_REFERS_TO_LAST = re.compile(r"^\W*(?:the latter|the former|that\s+(?:series|show|drama|film|movie))\b",
                             re.IGNORECASE)
# People of a work ("fans of …", "… fans") talk about it without it being the sentence's subject.
_PEOPLE = r"(?:fans|viewers|audiences|lovers|admirers)"
_PEOPLE_OF = re.compile(rf"\b{_PEOPLE}\s+of\s+\W*$", re.IGNORECASE)
_ITS_PEOPLE = re.compile(rf"^\W*{_PEOPLE}\b", re.IGNORECASE)
# Words that open a sentence, not a title ("The show is a hit", "It was the first series").
_COMMON_OPENING = re.compile(r"^(?:The|This|That|It|Its|A|An|Another|Netflix|Korea|South Korea|Season|Episode)$")
# A title word right after another capitalised word is part of a longer name ("United Kingdom").
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")


@dataclass(frozen=True)
class Series:
    """This series' identity: its title, other spellings, and the works it adapts."""

    title: str
    aliases: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    origin_words: tuple[str, ...] = ()  # what fans call the work it adapts ("webtoon")

    @classmethod
    def load(cls, path: Path = SERIES_FILE) -> Series:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(data["title"], tuple(data.get("aliases", ())), tuple(data.get("origins", ())),
                   tuple(data.get("origin_words", ())))

    @cached_property
    def keys(self) -> frozenset[str]:
        """Folded forms of every name that means this series."""
        return frozenset(fold_title(t) for t in (self.title, *self.aliases, *self.origins))

    def names(self, title: str) -> bool:
        return fold_title(title) in self.keys


def fold_title(title: str) -> str:
    """A title's comparable form: letters and digits only, lower case ("All Of Us Are Dead" = "all of us are dead")."""
    return re.sub(r"[\W_]+", "", title.casefold())


def _titles_in(text: str) -> Iterable[str]:
    """Titles a text writes as titles: quoted, named after or before the word for what they are, or
    before the number of a season."""
    listed = _LISTED.match(text)
    found = [m.group("title") for pattern in (_QUOTED, _CUED, _DEFINED, _SEASON) for m in pattern.finditer(text)]
    for title in (*found, *(_LIST_BREAK.split(listed.group("list")) if listed else ())):
        title = _TRAILING_SMALL.sub("", title.rstrip(","))
        if len(title.split()) <= MAX_TITLE_WORDS:
            yield title


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    work: str  # the work's display title; the series' own title for any of its names


class Works:
    """The works the articles name, and where a text names them."""

    def __init__(self, series: Series, others: Iterable[str] = ()) -> None:
        self.series = series
        spellings: dict[str, str] = {}
        for title in (series.title, *series.aliases, *series.origins, *others):
            spellings.setdefault(fold_title(title), title)
        self.others = tuple(t for key, t in spellings.items() if key not in series.keys)
        self._patterns = [(self.canonical(t), _title_pattern(t)) for t in (series.title, *series.aliases,
                                                                           *series.origins, *self.others)]

    @classmethod
    def of(cls, series: Series, texts: Iterable[str], headlines: Iterable[str] = (), known: Iterable[str] = (),
           ) -> Works:
        """The series and every other title the texts name, each spelt as most often written; a headline
        opening with "Title:" names one too, and so do the `known` titles (of attributed sentences)."""
        found = [t for text in texts for t in _titles_in(text)]
        found += [m.group("title") for h in headlines if (m := _HEADLINE_TITLE.match(h))]
        spellings: dict[str, Counter[str]] = {}
        for title in (*found, *known):
            if not _COMMON_OPENING.match(title):
                spellings.setdefault(fold_title(title), Counter())[title] += 1
        return cls(series, (c.most_common(1)[0][0] for c in spellings.values()))

    def canonical(self, title: str) -> str:
        return self.series.title if self.series.names(title) else title

    def is_series(self, work: str | None) -> bool:
        return work is None or work == self.series.title

    def mentions(self, text: str) -> list[Mention]:
        """Every named work in `text`, in order, longest first where names overlap."""
        found: list[Mention] = []
        for work, pattern in self._patterns:
            for m in pattern.finditer(text):
                one_word = " " not in m.group(0).strip()
                if one_word and _CAPITALISED_BEFORE.search(text[:m.start()]):
                    continue
                found.append(Mention(m.start(), m.end(), work))
        found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept

    def work_at(self, text: str, position: int, default: str | None) -> str | None:
        """The work the text at `position` is about: the one named last before it in the same clause
        of the sentence (so "her role in Squid Game, where she played …" is about Squid Game), else
        `default`."""
        before = [m for m in self.mentions(text) if m.end <= position]
        if before and not re.search(r"[.;]\s", text[before[-1].end:position]):
            return before[-1].work
        return default


def _title_pattern(title: str) -> re.Pattern[str]:
    # A pasted page may run a title into the next word ("Squid Gamewhich"), so only its start needs a
    # word boundary; its first letter must be written as a capital, so "stay alive" is not "Alive".
    # A hashtag of the title ("#Alive") names it too.
    title = title.removeprefix("#")
    rest = re.escape(title[1:]).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w#])#?{re.escape(title[0])}(?i:{rest})")


def _main_clause(text: str) -> int:
    """Where the sentence's main clause starts (after an opening "After …," clause)."""
    opening = OPENING_CLAUSE.match(text)
    return opening.end() if opening else 0


class _Reader:
    """Follows one article sentence by sentence, as its reader would."""

    def __init__(self, works: Works, main: str) -> None:
        self.works = works
        self.main = main
        self.salient = main
        self.last_named = main

    def paragraph(self) -> None:
        self.salient = self.main

    def read(self, text: str) -> str:
        start = _main_clause(text)
        clause = text[start:]
        mentions = self.works.mentions(text)
        named = [m.work for m in mentions if m.start >= start and not _PEOPLE_OF.search(text[:m.start])
                 and not _ITS_PEOPLE.match(text[m.end:])]
        to_last, back = _REFERS_TO_LAST.match(clause), _REFERS_BACK.match(clause)
        appositive = back and any(m.start - start - back.end() <= 2 for m in mentions if m.start >= start)
        if to_last:
            work = self.last_named
        elif back and not appositive:
            work = self.salient
        elif self.main in named:
            work = self.main
        elif named and len(set(named)) < LISTED_WORKS:
            work = named[0]
        else:
            work = self.salient
        self.salient = work
        if mentions:
            self.last_named = mentions[-1].work
        return work


def main_work(works: Works, article: Article, sentences: Sequence[Sentence]) -> str:
    """The work an article is about: the one it names most, the headline's breaking ties, then this
    series; an article naming none is about a work called after it."""
    counts: Counter[str] = Counter()
    for text in (article.title or "", *(s.text for s in sentences)):
        counts.update(m.work for m in works.mentions(text))
    if not counts:
        return f"{UNNAMED_WORK} “{article.label}”"
    headline = {m.work for m in works.mentions(article.title or "")}
    return max(counts, key=lambda w: (counts[w], w in headline, w == works.series.title))


def attribute(articles: Sequence[Article], sentences: Sequence[Sentence], series: Series | None = None,
              ) -> list[Sentence]:
    """The sentences with `work` set: None for this series, else the title of the work they are about."""
    series = series or Series.load()
    works = Works.of(series, (s.text for s in sentences), (a.title for a in articles if a.title))
    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.source_id, []).append(sentence)
    attributed: dict[int, str] = {}
    for article in articles:
        own = by_article.get(article.source_id, [])
        reader = _Reader(works, main_work(works, article, own))
        paragraph = None
        for sentence in own:
            if sentence.paragraph != paragraph:
                reader.paragraph()
                paragraph = sentence.paragraph
            attributed[sentence.id] = reader.read(sentence.text)
    return [replace(s, work=None if works.is_series(attributed.get(s.id)) else attributed[s.id])
            for s in sentences]


def about_series(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences facts about this series may be read from: those about it, in articles about it
    (an article about another show that mentions this one is no source of this one's facts)."""
    works: dict[str, Counter[str | None]] = {}
    for sentence in sentences:
        works.setdefault(sentence.source_id, Counter())[sentence.work] += 1
    own = {source for source, counts in works.items() if counts[None] and counts.most_common(1)[0][0] is None}
    return [s for s in sentences if s.work is None and s.source_id in own]
