"""Which work a question asks about, and which sentences may answer it.

Every sentence knows the work it speaks of (bot.knowledge.subjects). A question about this series
is answered only from sentences about this series: a sentence about Squid Game is no answer to
"how many episodes are there?". A question naming another work the articles cover ("who directed
Squid Game?") is answered only from sentences about or naming that work, and the answer says which
work it is. A comparison ("did it beat Squid Game?") may quote both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.passages import Sentence
from bot.knowledge.subjects import Series, Works, fold_title

# Words by which a question refers to this series beside another work: a comparison ("did it beat
# Squid Game?") or a question about this one ("she was in Squid Game, who does she play here?").
_THIS_SERIES = re.compile(r"\b(?:it|its|this|here|the (?:show|series|drama))\b")
_LOWER_WORD = re.compile(r"(?<![\w#])[a-z]+\b")


@dataclass(frozen=True)
class Asked:
    """The works a question is about: None in `works` stands for this series."""

    works: frozenset[str | None]
    about: str | None  # the other work the reply must name, when the question is only about it


class Subjects:
    """Reads the works a question names, against the titles the articles name."""

    def __init__(self, sentences: Iterable[Sentence], series: Series | None = None) -> None:
        texts = [s.text for s in sentences]
        self.works = Works.of(series or Series.load(), texts)
        # A one-word title that is also a plain word of the articles ("alive") counts only as written.
        plain = {w for text in texts for w in _LOWER_WORD.findall(text)}
        self._patterns = [(work, _question_pattern(work, fold_title(work) in plain))
                          for work in (*self.works.others,)]
        self._series = [_question_pattern(t, False) for t in (self.works.series.title, *self.works.series.aliases)]

    def asked(self, question: str) -> Asked:
        others = frozenset(work for work, pattern in self._patterns if pattern.search(question))
        if not others:
            return Asked(frozenset({None}), None)
        if any(p.search(question) for p in self._series) or _THIS_SERIES.search(question.casefold()):
            return Asked(frozenset({None, *others}), None)
        return Asked(frozenset(others), next(iter(sorted(others))) if len(others) == 1 else ", ".join(sorted(others)))

    def allows(self, asked: Asked, sentence: Sentence) -> bool:
        """Whether the sentence is about a work the question asks about; for a question about another
        work, a sentence naming it also speaks of it ("her role in Squid Game, where she played …")."""
        if sentence.work in asked.works:
            return True
        return None not in asked.works and any(m.work in asked.works for m in self.works.mentions(sentence.text))


def _question_pattern(title: str, as_written: bool) -> re.Pattern[str]:
    """A title as fans type it: any case and spacing ("squid game", "SquidGame"), unless `as_written`."""
    words = re.findall(r"\w+", title)
    body = r"\W*".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)#?{body}(?!\w)", 0 if as_written else re.IGNORECASE)
