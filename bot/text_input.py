"""One cleaning step for text that comes from outside: questions (terminal, stdin, Discord) and
article files. Whatever bytes arrive, what leaves here is valid Unicode that can be encoded as
UTF-8, with no terminal control sequences, so the core and every output (terminal, JSON, Discord)
never see a lone surrogate, an ANSI escape or a NUL. No import of the core: front ends call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The core reads only this much of a question (the model sees 256 tokens); longer ones are cut here,
# at a word boundary, with a note for the asker.
MAX_QUESTION_CHARS = 600
LONG_QUESTION_NOTE = f"Only the first {MAX_QUESTION_CHARS} characters of the question were read."

# (what it removes, pattern, replacement): applied in order to questions and articles alike.
_STEPS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("lone surrogates", re.compile(r"[\ud800-\udfff]"), ""),
    # CSI (colours, cursor moves), OSC (window titles, hyperlinks) and two-character escapes.
    ("ANSI escapes", re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"), ""),
    ("bidi overrides", re.compile(r"[\u202a-\u202e\u2066-\u2069]"), ""),
    ("control characters", re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"), ""),
)
_LINE_BREAKS = re.compile(r"[\t\r\n\u2028\u2029\x85]+")


@dataclass(frozen=True)
class CleanQuestion:
    """A question ready for the core, and a note for the asker when it had to be shortened."""

    text: str
    note: str | None = None


def to_text(raw: str | bytes) -> str:
    """Bytes decoded as UTF-8 (invalid bytes become U+FFFD); surrogate pairs rejoined, lone ones dropped."""
    if isinstance(raw, bytes):
        return raw.decode("utf-8", errors="replace")
    # A str from a surrogate-escaping source may hold a pair as two code points: rejoin it first.
    return raw.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def strip_controls(text: str) -> str:
    """Remove every step's matches: surrogates, ANSI escapes, bidi overrides, control characters
    (tabs and line breaks are kept)."""
    for _what, pattern, replacement in _STEPS:
        text = pattern.sub(replacement, text)
    return text


def clean_question(raw: str | bytes, limit: int = MAX_QUESTION_CHARS) -> CleanQuestion:
    """The one entry for a question from any front end: decoded, cleaned, on one line, capped."""
    text = " ".join(_LINE_BREAKS.sub(" ", strip_controls(to_text(raw))).split())
    if len(text) <= limit:
        return CleanQuestion(text)
    cut = text[:limit]
    return CleanQuestion(cut.rsplit(" ", 1)[0] if " " in cut else cut, LONG_QUESTION_NOTE)


def clean_article(text: str) -> str:
    """An article's text as read from its file, without anything that would act on a terminal."""
    return strip_controls(to_text(text))
