"""Which work a question asks about, and which sentences may answer it.

Every sentence knows the work it speaks of (bot.knowledge.subjects). A question about this series
is answered only from sentences about this series: a sentence about Squid Game is no answer to
"how many episodes are there?". A question naming another work the articles cover ("who directed
Squid Game?") is answered only from sentences about or naming that work, and the answer says which
work it is. A comparison ("did it beat Squid Game?") may quote both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.names import HYPHENATED_NAME
from bot.knowledge.passages import Sentence
from bot.knowledge.subjects import UNNAMED_WORK, Series, Works, fold_title
from bot.knowledge.text import terms

# Words by which a question refers to this series beside another work: a comparison ("did it beat
# Squid Game?") or a question about this one ("she was in Squid Game, who does she play here?").
_THIS_SERIES = re.compile(r"\b(?:it|this|here|the (?:show|series|drama))\b")
# "its" before the other work is named is this series' ("did its finale beat Squid Game's?"); after, it is
# that work's ("how many hours did Hellbound get in its first week?").
_ITS = re.compile(r"\bits\b")
# A question asking which work did something, or for other works ("other zombie shows it is compared to").
_WORKS = r"(shows?|series|dramas?|k-?dramas?|films?|movies?|titles?|productions?)"
# Up to two words may qualify the kind of work ("which western zombie titles"), not a verb or an article ("what was the
# production budget" asks for no work).
_QUALIFIER = r"(?!(?:is|was|are|were|does|did|do|has|have|had|the|a|an|its|this|that)\b)\w+ "
_WHICH_WORK = re.compile(rf"\b(which|what) ({_QUALIFIER}){{0,2}}(other )?{_WORKS}\b|\bother (\w+ )?({_WORKS}|stuff)\b")
_LOWER_WORD = re.compile(r"(?<![\w#])[a-z]+\b")
# A work named as someone's ("Hwang Dong-hyuk's survival drama") says who made it, as "created by" would.
_MAKERS_WORK = re.compile(HYPHENATED_NAME.pattern + r"['’]s\s+(?:[\w/-]+\s+){0,2}"
                          r"(?:drama|series|show|film|movie|thriller|webtoon)s?\b")
_MADE = frozenset(terms("made maker created creator directed director behind"))


@dataclass(frozen=True)
class Asked:
    """The works a question is about: None in `works` stands for this series."""

    works: frozenset[str | None]
    about: str | None  # the other work the reply must name, when the question is only about it
    named: frozenset[str] = frozenset()  # the other works the question names, which an answer must name too


class Subjects:
    """Reads the works a question names, against the titles the articles name, and says which sentences
    may answer it."""

    def __init__(self, sentences: Sequence[Sentence], series: Series | None = None) -> None:
        texts = [s.text for s in sentences]
        named = {s.work for s in sentences if s.work and not s.work.startswith(UNNAMED_WORK)}
        self.works = Works.of(series or Series.load(), texts, known=named)
        # A one-word title that is also a plain word of the articles ("alive") counts only as written.
        plain = {w for text in texts for w in _LOWER_WORD.findall(text)}
        self._patterns = [(work, _question_pattern(work, fold_title(work) in plain)) for work in self.works.others]
        self._series = [_question_pattern(t, False) for t in (self.works.series.title, *self.works.series.aliases)]
        self._about = [s.work for s in sentences]
        # What a sentence names, with the lead it is quoted with ("…her role in Squid Game…. She later …").
        self._named = [frozenset(m.work for m in self.works.mentions(s.quote)) for s in sentences]
        # … and the other work it names or is about (the sentence after "her role in Squid Game" is).
        self._named_or_about = [named | {about} if about else named
                                for named, about in zip(self._named, self._about, strict=True)]
        # Each sentence's terms (with its lead, as quoted); the answer path weighs evidence with them too.
        self.sentence_terms = [frozenset(terms(s.quote)) | (_MADE if _MAKERS_WORK.search(s.quote) else frozenset())
                               for s in sentences]
        self._masks: dict[frozenset[str | None], np.ndarray] = {}
        self._vocabularies: dict[frozenset[str | None], frozenset[str]] = {}

    def asked(self, question: str) -> Asked:
        found = {work: match.start() for work, pattern in self._patterns if (match := pattern.search(question))}
        others = frozenset(found)
        if not others:
            # "which k-drama premiered with 634 points" names no work: it asks for one, any the articles know;
            # so does "what other zombie shows is it compared to".
            if _WHICH_WORK.search(question.casefold()):
                return Asked(frozenset({None, *self.works.others}), None)
            return Asked(frozenset({None}), None)
        lowered = question.casefold()
        its = _ITS.search(lowered)
        if any(p.search(question) for p in self._series) or _THIS_SERIES.search(lowered) \
                or (its and its.start() < min(found.values())):
            return Asked(frozenset({None, *others}), None, others)
        return Asked(others, ", ".join(sorted(others)), others)

    def named_by(self, sentence_id: int) -> frozenset[str]:
        """The other works a sentence names or is about (the sentence after "her role in Squid Game" is)."""
        return self._named_or_about[sentence_id]

    def vocabulary(self, asked: Asked) -> frozenset[str]:
        """The terms of the sentences that may answer: "budget" known only from another show's article
        is unknown to a question about this series, which is then declined."""
        if asked.works not in self._vocabularies:
            mask = self.allowed(asked)
            allowed = (t for t, ok in zip(self.sentence_terms, mask, strict=True) if ok)
            self._vocabularies[asked.works] = frozenset().union(*allowed)
        return self._vocabularies[asked.works]

    def focus(self, asked: Asked, query_terms: list[str]) -> list[str]:
        """The query terms without the other work's title: the sentences allowed are about it already,
        so naming it again ("Squid Game went on to …") is no evidence of answering "who directed" it."""
        if asked.about is None:
            return query_terms
        title_terms = {t for work in asked.works if work for t in terms(work)}
        return [t for t in query_terms if t not in title_terms] or query_terms

    def allowed(self, asked: Asked) -> np.ndarray:
        """Per sentence id, whether it may answer: it is about a work the question asks about, or, for a
        question about another work, it names that work ("her role in Squid Game, where she played …")."""
        mask = self._masks.get(asked.works)
        if mask is None:
            only_others = None not in asked.works
            mask = np.array([work in asked.works or (only_others and bool(named & asked.works))
                             for work, named in zip(self._about, self._named, strict=True)], dtype=bool)
            self._masks[asked.works] = mask
        return mask


def _question_pattern(title: str, as_written: bool) -> re.Pattern[str]:
    """A title as fans type it: any case and spacing ("squid game", "SquidGame"), unless `as_written`; then in
    lower case only where the plain word could not stand: as what "did" or "does" asks about, or as an owner
    ("how many points did alive get", "alive's premiere")."""
    words = re.findall(r"\w+", title)
    body = r"\W*".join(re.escape(w) for w in words)
    if not as_written:
        return re.compile(rf"(?<!\w)#?{body}(?!\w)", re.IGNORECASE)
    lower = body.lower()
    return re.compile(rf"(?<!\w)#?{body}(?!\w)|(?i:\b(?:did|does|do)\s+{lower}\b|(?<!\w){lower}['’]s\b)")
