"""Plain-text replies, for the terminal and for the `text` field of the answer JSON."""

from __future__ import annotations

from bot.answers.model import Answer
from bot.replies.wording import citation_line, no_answer_message

SPOILER_TAG = "[spoiler] "


def render_text(answer: Answer) -> str:
    """Each quote on its own line with its citation number, then the numbered sources."""
    if not answer.answered:
        return no_answer_message(answer)
    lines = [
        f"{SPOILER_TAG if q.spoiler else ''}“{q.text}” [{answer.citation_number(q)}]" for q in answer.quotes
    ]
    lines.append("")
    lines.extend(
        citation_line(n, q.label or q.title or q.source_id, q.date) for n, q in enumerate(answer.sources(), 1)
    )
    return "\n".join(lines)


def answer_json(answer: Answer) -> dict:
    """The stable answer JSON of DESIGN.md."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "text": render_text(answer),
        "quotes": [
            {"text": q.text, "source_id": q.source_id, "title": q.title, "date": q.date,
             "spoiler": q.spoiler, "score": round(q.score, 4)}
            for q in answer.quotes
        ],
    }
