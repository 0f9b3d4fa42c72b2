"""The launch in figures: chart positions and audience numbers read from the sentences that carry them.

A figure is a number in a sentence together with what it counts, recognised by its shape rather
than listed by hand: a chart position ("No. 1", "#1", "first place", "topped <chart>"), a place in
a top N ("within the top 10"), a quantity with a chart or audience unit ("679 points",
"25 countries", "124 million hours", "200 per cent"), a time span to an event ("7 days after its
release", "four days to reach…"), or a record ("the second Korean series to reach No. 1 …").
Numbers without such a unit (episode counts, years, dates) are not figures of the launch.

Only sentences about the series are read (bot.knowledge.subjects), so another show's record is never
this one's. Within them each figure says which show it is about (the title named before it, else the
series when the sentence refers back to it: "It", "the drama", "its release"; a comparison names
Squid Game), what it measures (its unit with the chart, source or time window the sentence names),
and the sentence it came from.

Order, chosen to read as the story of the launch: by the day after the series' release that the
text places the figure at — a day the sentence states ("premiered", "a day after its release",
"7 days after its release", "in its first week"), else the article's date counted from the release
date the articles give, else (for an undated article) the latest day that article states — then by
article and sentence. Articles report things by the day they are written, so the article date is a
fair upper bound; ordering by article date alone would scatter one day's news across the undated
articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from bot.knowledge.articles import Article
from bot.knowledge.facts import Citation, number_value, ordinal_value
from bot.knowledge.passages import Sentence
from bot.knowledge.subjects import OPENING_CLAUSE, Series, Works, about_series
from bot.knowledge.wordlists import MONTHS, NUMBER_WORDS, ORDINAL_WORDS

_NUMBER = r"\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORDINAL = r"\d+(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))

# A run of text within one clause; "No. 1" and "U.S." do not end it.
_RUN = r"(?:No\.\s?\d+|U\.S\.?|[^,.;])*"
_CHART_NOUN = r"(?:Top\s+(?:10|ten)(?:\s+list)?|lists?|charts?|rankings?)"
_CHART = (r"(?:(?:the|this|its)\s+)?(?:(?!(?:top|of|the|in|on|and|with|to|at)\b)[\w.'’-]+\s+){0,5}?"
          rf"{_CHART_NOUN}(?:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,6}}?(?:series|shows|titles|dramas|films))?"
          r"(?:\s+worldwide)?")
_CHART_AFTER_RANK = re.compile(rf"(?:\s+(?:spot|mark|position|place))?\s+(?:on|in|of|at|atop)\s+(?P<chart>{_CHART})")
_CHART_ANYWHERE = re.compile(rf"(?<![\w-])(?P<chart>{_CHART})")

# One row per kind of quantity: (kind, the units that make a number one of that kind).
QUANTITY_RULES = (
    ("points", r"points?"),
    ("countries", r"countries|territories|markets"),
    ("hours", r"hours?"),
    ("audience", r"views|viewers|households|accounts|subscribers"),
    ("percent", r"%|per\s?cent|percent"),
    ("time", r"days?|weeks?|months?"),
)
_QUANTITY = re.compile(
    rf"(?:\b(?:just|only)\s+)?(?P<value>(?:(?:more than|over|nearly|almost|about|around|at least|some)\s+)?"
    rf"\b(?P<num>{_NUMBER})(?:\s+(?P<scale>thousand|million|billion))?\s*"
    rf"(?P<unit>{'|'.join(f'(?P<{kind}>{units})' for kind, units in QUANTITY_RULES)}))(?![\w])", re.IGNORECASE)
_RANKS = (
    re.compile(r"(?P<value>(?:No\.|#)\s?(?P<num>\d+))"),
    re.compile(rf"(?P<value>(?P<ord>{_ORDINAL})\s+(?:place|spot|position))", re.IGNORECASE),
    re.compile(r"(?P<value>top\s+spot)", re.IGNORECASE),
    re.compile(rf"(?P<value>\b(?:topped|tops|top)\b)(?=\s+(?P<chart>{_CHART}))"),
    # "climbed to the top of Netflix's daily Top 10" (one article drops the p: "to the to of").
    re.compile(rf"\bto\s+(?P<value>the\s+top?)\s+of\s+(?P<chart>{_CHART})"),
)
_TOP_RANGE = re.compile(r"\b(?:within|in|into|inside|reach(?:ed)?|entered|make it to|made it to)\s+"
                        r"(?P<value>the\s+(?i:top)\s+(?P<num>\d+|ten))\b(?P<rest>[^,.;]*)")
_RECORD = re.compile(rf"\b(?:the|its|their)\s+(?P<value>{_ORDINAL})\s+(?P<what>(?:[\w’'-]+\s+){{0,5}}?"
                     rf"(?:to\s+\w+{_RUN}|No\.\s?\d+\s+\w+))", re.IGNORECASE)
_CHART_WORDS = re.compile(r"\b(?:top|No\.\s?\d|chart|charts|list|rank\w*|milestone|record|spot|place)\b|#\d",
                          re.IGNORECASE)
_AFTER = re.compile(rf"\s+after\s+(?P<after>{_RUN})")
_TO_REACH = re.compile(rf"\s+to\s+(?P<to>(?:reach|top|hit|become|climb|get){_RUN})")
_RELEASE_EVENT = re.compile(r"^(?:(?:the|its|their)\s+)*(?P<event>release|premiere|debut|launch)\b", re.IGNORECASE)
_WINDOW = re.compile(rf"\b(?:in|over|during|within)\s+(?:its|the|their)\s+first\s+(?:(?P<num>{_NUMBER})\s+)?"
                     r"(?P<unit>days?|weeks?|months?)\b", re.IGNORECASE)
_PREMIERE = re.compile(r"\b(?:premiered|debuted|opening day|premiere day|first day)\b", re.IGNORECASE)
_DAYS_AFTER_RELEASE = re.compile(rf"\b(?P<num>{_NUMBER})\s+(?P<unit>days?|weeks?)\s+after\s+(?:(?:the|its|their)\s+)*"
                                 r"(?:release|premiere|debut|launch)\b", re.IGNORECASE)
_RELEASED_ON = re.compile(rf"\b(?:released|release|premiered|premiere|debuted|debut|launched|hit|hits|arrived)\b"
                          rf"[^.]{{0,30}}?\bon\s+(?:last\s+)?(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})"
                          r"(?:,?\s+(?P<year>\d{4}))?")
_GROWTH = re.compile(r"^(?:[^,]{0,60},\s*)?(?P<subject>.+?)\s+(?:has\s+|have\s+|had\s+)?"
                     r"(?:grown|grew|grow|rose|risen|increased|jumped|climbed)\s+(?:by\s+)?$", re.IGNORECASE)
_SOURCE = re.compile(r"\b(?:data|figures|numbers|rankings?)\s+(?:from|by|of)\s+(?P<source>[A-Z][\w-]+(?:\.[\w-]+)*)")
_CLAUSE_BREAK = re.compile(r",\s+(?:while|whereas|but|compared|and)\b|;")
_REFERS_TO_SERIES = (
    re.compile(r"^(?:[^,]{0,60},\s*)?(?:It|Its|This|That)\b"),
    re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}?(?:series|show|drama|k-drama|K-drama|film)\b(?!s)"),
    re.compile(r"\bits\s+(?:release|premiere|debut|first)\b"),
)


@dataclass(frozen=True)
class Figure:
    """One number of the launch, what it measures, which show it is about, and where it was read."""

    value: str  # as it reads: "679 points", "No. 1", "more than 124 million hours", "second"
    number: int | float  # its numeric value: 679, 1, 124000000, 2
    kind: str  # chart_position | top_range | record | points | countries | hours | audience | time | percent
    measure: str  # what it counts, in words: "FlixPatrol points at its premiere"
    show: str | None  # the show it is about; None when the sentence is about something else (a country, K-dramas)
    day: int | None  # the day after the series' release it belongs to, as far as the text says (for ordering)
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "number": self.number, "kind": self.kind, "measure": self.measure,
                "show": self.show, "day": self.day, "citation": vars(self.citation).copy()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(**{**data, "citation": Citation.from_dict(data["citation"])})


@dataclass(frozen=True)
class Ranking:
    """The series' figures in the order of its launch."""

    series: str | None
    release_date: str | None
    figures: tuple[Figure, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"series": self.series, "release_date": self.release_date,
                "figures": [f.to_dict() for f in self.figures]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranking:
        return cls(data["series"], data["release_date"], tuple(Figure.from_dict(f) for f in data["figures"]))


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


@dataclass(frozen=True)
class _Raw:
    """A figure found in a quote, before ordering: its span there, to keep figures from overlapping."""

    start: int
    end: int
    value: str
    number: float
    kind: str
    measure: str
    covers: tuple[int, int] | None = None  # text this figure explains (a record's phrase, an "after …")


class _Reader:
    """Finds the figures of one quote: a sentence, with the one before when it points back."""

    def __init__(self, quote: str, offset: int, works: Works, paragraph: str, previous: str | None) -> None:
        self.quote = quote
        self.offset = offset  # where the sentence itself starts within the quote
        self.works = works
        self.paragraph = paragraph
        self.previous = previous

    def figures(self) -> list[_Raw]:
        """The quote's figures in reading order, less those inside a phrase another figure explains."""
        found = [*self._records(), *self._ranks(), *self._ranges(), *self._quantities()]
        covered = [f.covers for f in found if f.covers]
        kept = [f for f in found if not any(s <= f.start and f.end <= e for s, e in covered)]
        return sorted(kept, key=lambda f: f.start)

    def show_at(self, position: int) -> str | None:
        """The show the text at `position` is about: the title named last before it, else the series when
        the sentence refers back to it, else None."""
        sentence_start = self.offset if position >= self.offset else 0
        sentence = self.quote[sentence_start:]
        opening = OPENING_CLAUSE.match(sentence)
        skip = (sentence_start, sentence_start + opening.end()) if opening else (0, 0)
        before = [m.work for m in self.works.mentions(self.quote)
                  if m.end <= position and not skip[0] <= m.start < skip[1]]
        if before:
            return before[-1]
        main = sentence[opening.end():].lstrip() if opening else sentence
        if any(p.search(main) for p in _REFERS_TO_SERIES):
            return self.works.series.title
        return None

    def _chart(self, after: int) -> str | None:
        match = _CHART_AFTER_RANK.match(self.quote, after)
        if match:
            return match.group("chart")
        for text in (self.quote[self.offset:], self.previous or ""):
            match = _CHART_ANYWHERE.search(text)
            if match:
                return match.group("chart")
        return None

    def _records(self) -> Iterator[_Raw]:
        for m in _RECORD.finditer(self.quote):
            if _CHART_WORDS.search(m.group("what")):
                yield _Raw(m.start("value"), m.end(), m.group("value"), ordinal_value(m.group("value")), "record",
                           m.group("what").strip(), (m.start("what"), m.end()))

    def _ranks(self) -> Iterator[_Raw]:
        for pattern in _RANKS:
            for m in pattern.finditer(self.quote):
                groups = m.groupdict()
                number = int(groups["num"]) if groups.get("num") else ordinal_value(groups.get("ord") or "first")
                chart = groups.get("chart") or self._chart(m.end())
                measure = f"position on {chart}" if chart else "chart position"
                yield _Raw(m.start("value"), m.end("value"), f"No. {number}", number, "chart_position", measure)

    def _ranges(self) -> Iterator[_Raw]:
        for m in _TOP_RANGE.finditer(self.quote):
            number = number_value(m.group("num"))
            yield _Raw(m.start("value"), m.end("value"), f"top {_plain(number)}", number, "top_range",
                       f"place within {m.group('value')}{m.group('rest').rstrip()}")

    def _quantities(self) -> Iterator[_Raw]:
        windows = [w.span() for w in _WINDOW.finditer(self.quote)]
        for m in _QUANTITY.finditer(self.quote):
            if any(s <= m.start() < e for s, e in windows):
                continue  # "in its first 28 days" qualifies another figure
            kind = next(kind for kind, _ in QUANTITY_RULES if m.group(kind))
            if m.group("num").casefold() in {"a", "an"} and not m.group("scale") and kind != "time":
                continue  # "a point", but "a day after its release"
            number = number_value(m.group("num"), m.group("scale"))
            unit = m.group("unit").casefold()
            if kind == "time":
                raw = self._time(m, unit, number, m.group("value"))
            else:
                raw = _Raw(m.start(), m.end(), m.group("value"), number, kind, self._measures[kind](self, m, unit))
            if raw is not None:
                yield raw

    def _within(self, m: re.Match[str]) -> str:
        """The time window the clause gives a figure ("in its first 28 days"), as words to add."""
        start, clause = self._clause(m.start())
        window = _WINDOW.search(clause[m.end() - start:])
        return f" {window.group(0)}" if window else ""

    def _points(self, m: re.Match[str], _unit: str) -> str:
        start, clause = self._clause(m.start())
        return f"{self._points_source()} points{self._occasion(clause, m.start() - start)}"

    def _countries(self, _m: re.Match[str], unit: str) -> str:
        ranks = [r for r in self._ranks() if r.start >= self.offset]
        return f"{unit} where it ranked {ranks[0].value}" if ranks else unit

    def _hours(self, m: re.Match[str], _unit: str) -> str:
        verb = re.match(r"\s+(watched|viewed|streamed)\b", self.quote[m.end():])
        return f"hours {verb.group(1) if verb else 'viewed'}{self._within(m)}"

    def _audience(self, m: re.Match[str], unit: str) -> str:
        return f"{unit}{self._within(m)}"

    def _percent(self, m: re.Match[str], _unit: str) -> str:
        growth = _GROWTH.match(self.quote[self.offset:m.start()])
        subject = growth.group("subject") if growth else None
        return f"growth of {subject[0].lower()}{subject[1:]}" if subject else "per cent"

    # What each kind of quantity measures, in words (time spans are read by _time).
    _measures: ClassVar[dict[str, Callable[[_Reader, re.Match[str], str], str]]] = {
        "points": _points, "countries": _countries, "hours": _hours, "audience": _audience, "percent": _percent}

    def _time(self, m: re.Match[str], unit: str, number: float, value: str) -> _Raw | None:
        plural = unit if unit.endswith("s") else f"{unit}s"
        after = _AFTER.match(self.quote, m.end())
        if after:
            phrase = after.group("after").strip()
            event = _RELEASE_EVENT.match(phrase)
            if event:
                target = self._target()
                what = event.group("event")
                measure = f"{plural} from {what} to {target}" if target else f"{plural} after {what}"
            else:
                measure = f"{plural} after {phrase}"
            return _Raw(m.start(), m.end(), value, number, "time", measure, after.span())
        reach = _TO_REACH.match(self.quote, m.end())
        if reach:
            return _Raw(m.start(), m.end(), value, number, "time", f"{plural} to {reach.group('to').strip()}",
                        reach.span())
        return None

    def _target(self) -> str | None:
        """What a time span led to: the quote's chart position ("No. 1 on …"), else its chart."""
        ranks = list(self._ranks())
        if ranks:
            rank = ranks[0]
            return rank.value + (f" on {rank.measure.removeprefix('position on ')}"
                                 if rank.measure.startswith("position on ") else "")
        chart = _CHART_ANYWHERE.search(self.quote)
        return chart.group("chart") if chart else None

    def _clause(self, position: int) -> tuple[int, str]:
        """(start, text) of the clause of the quote holding `position`."""
        start = 0
        for brk in _CLAUSE_BREAK.finditer(self.quote):
            if brk.start() >= position:
                return start, self.quote[start:brk.start()]
            start = brk.start()
        return start, self.quote[start:]

    def _points_source(self) -> str:
        source = _SOURCE.search(self.paragraph)
        return source.group("source") if source else "ranking"

    @staticmethod
    def _occasion(clause: str, at: int) -> str:
        opening = re.search(r"\bon\s+(?:its|their|the)\s+(?:opening|first|premiere)\s+day\b", clause)
        if opening:
            return f" {opening.group(0)}"
        return " at its premiere" if re.search(r"\b(?:premiered|debuted|opened)\b", clause[:at]) else ""


def _groups(sentences: Sequence[Sentence]) -> Iterator[tuple[Sentence, list[Sentence]]]:
    """(anchor, members): a sentence the next one quotes as its lead is read as part of that one
    (unless that one is itself read as part of the next, so no sentence is lost)."""
    anchor = [True] * len(sentences)
    for index in range(len(sentences) - 2, -1, -1):
        sentence, following = sentences[index], sentences[index + 1]
        quoted = (following.source_id == sentence.source_id and following.paragraph == sentence.paragraph
                  and following.lead == sentence.text)
        anchor[index] = not (quoted and anchor[index + 1])
    for index, sentence in enumerate(sentences):
        if anchor[index]:
            led = index > 0 and sentence.lead is not None and sentences[index - 1].text == sentence.lead
            yield sentence, [sentences[index - 1], sentence] if led else [sentence]


def release_date(articles: Sequence[Article], sentences: Sequence[Sentence]) -> date | None:
    """The release date the articles give most often ("released on Netflix on January 28, 2022")."""
    days: Counter[tuple[int, int]] = Counter()
    years: Counter[int] = Counter()
    for sentence in sentences:
        for m in _RELEASED_ON.finditer(sentence.text):
            days[(MONTHS.index(m.group("month")) + 1, int(m.group("day")))] += 1
            if m.group("year"):
                years[int(m.group("year"))] += 1
    if not days:
        return None
    if not years:
        dated = sorted(a.date for a in articles if a.date)
        if not dated:
            return None
        years[int(dated[0][:4])] += 1
    month, day = days.most_common(1)[0][0]
    try:
        return date(years.most_common(1)[0][0], month, day)
    except ValueError:
        return None


def _stated_days(reader: _Reader, series: str | None) -> list[int]:
    """Days after the release the quote states for the series itself."""
    text = reader.quote
    found = []
    for m in _DAYS_AFTER_RELEASE.finditer(text):
        if reader.show_at(m.start()) == series:
            found.append(int(number_value(m.group("num"))) * (7 if m.group("unit").startswith("week") else 1))
    for m in _PREMIERE.finditer(text):
        if reader.show_at(m.start()) == series:
            found.append(0)
    for m in _WINDOW.finditer(text):
        if m.group("unit").casefold().startswith(("day", "week")) and reader.show_at(m.start()) == series:
            count = int(number_value(m.group("num"))) if m.group("num") else 1
            found.append(count * (7 if m.group("unit").casefold().startswith("week") else 1))
    return found


def build_ranking(articles: Sequence[Article], sentences: Sequence[Sentence], series: Series | None = None,
                  ) -> Ranking:
    """Every chart and audience figure the articles give about the series (its comparisons included),
    in the order of the launch (see module doc); sentences about other works give none."""
    paragraphs: dict[tuple[str, int], list[Sentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault((sentence.source_id, sentence.paragraph), []).append(sentence)
    sentences = about_series(sentences)
    sources = {s.source_id for s in sentences}
    articles = [a for a in articles if a.source_id in sources]
    works = Works.of(series or Series.load(), (s.text for s in sentences))  # the titles its articles name
    released = release_date(articles, sentences)
    by_id = {a.source_id: a for a in articles}
    order = {a.source_id: i for i, a in enumerate(articles)}

    found: list[tuple[Sentence, list[_Raw], _Reader, list[int]]] = []
    stated_by_article: dict[str, list[int]] = {}
    for anchor, members in _groups(sentences):
        siblings = paragraphs[(anchor.source_id, anchor.paragraph)]
        first = siblings.index(members[0])
        previous = siblings[first - 1].text if first > 0 else None
        quote = anchor.quote
        offset = len(quote) - len(anchor.text)
        reader = _Reader(quote, offset, works, " ".join(s.text for s in siblings), previous)
        stated = _stated_days(reader, works.series.title)
        stated_by_article.setdefault(anchor.source_id, []).extend(stated)
        raws = reader.figures()
        if raws:
            found.append((anchor, raws, reader, stated))

    def article_day(source_id: str) -> int | None:
        dated = by_id[source_id].date
        if dated and released:
            return (date.fromisoformat(dated) - released).days
        stated = stated_by_article.get(source_id)
        return max(stated) if stated else None

    figures: list[tuple[tuple[float, int, int, int], Figure]] = []
    for anchor, raws, reader, stated in found:
        day = min(stated) if stated else article_day(anchor.source_id)
        citation = Citation.of(by_id[anchor.source_id], anchor)
        for position, raw in enumerate(raws):
            show = reader.show_at(raw.start)
            figure = Figure(raw.value, _plain(raw.number), raw.kind, raw.measure, show, day, citation)
            key = (day if day is not None else float("inf"), order[anchor.source_id], anchor.id, position)
            figures.append((key, figure))
    figures.sort(key=lambda item: item[0])
    return Ranking(works.series.title, released.isoformat() if released else None, tuple(f for _, f in figures))
