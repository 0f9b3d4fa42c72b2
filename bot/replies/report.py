"""The moderators' report in words: for the terminal (`python -m bot report`) and for `/report`."""

from __future__ import annotations

from typing import Any

from bot.records.report import Report
from bot.replies.discord import FIELD_VALUE_LIMIT, NOTICE_COLOUR, escape_markdown, pack_lines, trim_sentences

QUOTE_PREVIEW = 160  # characters of each quoted sentence shown under a disliked answer


def _summary(report: Report) -> str:
    rate = f" ({report.answer_rate:.0%})" if report.answer_rate is not None else ""
    return (f"Last {report.days} days: {report.questions} questions, {report.answered} answered{rate}. "
            f"Votes: {report.helpful} helpful, {report.not_helpful} not helpful.")


def _sections(report: Report, escape: Any) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each list of the report; `escape` makes fans' text safe for the medium."""
    disliked = []
    for item in report.disliked:
        disliked.append(f"{item.count}× {escape(item.question)}")
        disliked.extend(f"    [{q.source_id}] “{escape(trim_sentences(q.text, QUOTE_PREVIEW))}”" for q in item.quotes)
    return [
        ("Asked most often, not in the articles", [f"{d.count}× {escape(d.question)}" for d in report.declined]),
        ("Answers voted Not helpful", disliked),
        ("Articles quoted most", [f"{s.quoted}× {s.source_id}" for s in report.sources]),
    ]


def report_text(report: Report) -> str:
    parts = [_summary(report)]
    for heading, lines in _sections(report, str):
        parts.append(f"\n{heading}:")
        parts.extend(f"  {line}" for line in lines or ["(none)"])
    return "\n".join(parts)


def report_embed(report: Report) -> dict[str, Any]:
    """One embed; each list is cut to what one field holds."""
    fields = [{"name": heading, "value": (pack_lines(lines, FIELD_VALUE_LIMIT) or ["(none)"])[0], "inline": False}
              for heading, lines in _sections(report, escape_markdown)]
    return {"title": "What fans asked", "description": _summary(report), "color": NOTICE_COLOUR, "fields": fields}
