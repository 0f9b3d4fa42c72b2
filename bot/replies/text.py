"""Plain-text replies, for the terminal and for the `text` field of the answer JSON."""

from __future__ import annotations

from typing import Any, Protocol

from bot.answers.model import Answer
from bot.replies.wording import about_line, citation_line, no_answer_message

SPOILER_TAG = "[spoiler] "
SPOILER_HIDDEN = "(contains a spoiler; use --spoilers)"


class Cited(Protocol):
    """A verbatim passage and its article: an answer's Quote or an extracted fact's Citation."""

    text: str
    source_id: str
    title: str | None
    date: str | None
    spoiler: bool


def quote_text(number: int, text: str, spoiler: bool, show_spoiler: bool = True) -> str:
    """`“…” [n]` for the terminal, tagged when it is a spoiler, or only a notice when it is hidden."""
    if spoiler and not show_spoiler:
        return f"{SPOILER_HIDDEN} [{number}]"
    return f"{SPOILER_TAG if spoiler else ''}“{text}” [{number}]"


def citation_json(cited: Cited) -> dict[str, Any]:
    """A quote as the answer JSON of DESIGN.md has it: the verbatim text and its article."""
    return {"text": cited.text, "source_id": cited.source_id, "title": cited.title, "date": cited.date,
            "spoiler": cited.spoiler}


def render_text(answer: Answer, spoilers: bool = False) -> str:
    """Each quote on its own line with its citation number, then the numbered sources. A spoiler is
    only a notice unless `spoilers` (the terminal has no click-to-reveal as Discord has)."""
    if not answer.answered:
        return no_answer_message(answer)
    lines = [about_line(answer.about)] if answer.about else []
    # dict.fromkeys: two hidden spoilers of one article would be the same notice twice.
    lines += dict.fromkeys(quote_text(answer.citation_number(q), q.text, q.spoiler, spoilers) for q in answer.quotes)
    lines.append("")
    lines.extend(
        citation_line(n, q.label or q.title or q.source_id, q.date) for n, q in enumerate(answer.sources(), 1)
    )
    return "\n".join(lines)


def answer_json(answer: Answer, spoilers: bool = False) -> dict[str, Any]:
    """The stable answer JSON of DESIGN.md: `quotes` has every quote with its `spoiler` flag; `text`
    is what the terminal shows (spoilers hidden unless `spoilers`)."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "text": render_text(answer, spoilers),
        "quotes": [{**citation_json(q), "score": round(q.score, 4)} for q in answer.quotes],
    }
