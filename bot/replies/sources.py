"""The list of articles the bot knows, for `sources` and `/sources`."""

from __future__ import annotations

from bot.knowledge.articles import Article
from bot.replies.wording import citation_line


def sources_text(articles: list[Article]) -> str:
    if not articles:
        return "I have no articles yet: add article files to seeds/ and run `python -m bot index`."
    lines = [f"I answer from {len(articles)} articles:"]
    lines.extend(citation_line(n, a.label, a.date) for n, a in enumerate(articles, 1))
    return "\n".join(lines)


def sources_json(articles: list[Article]) -> list[dict]:
    return [{"source_id": a.source_id, "title": a.title, "date": a.date, "label": a.label,
             "paragraphs": len(a.paragraphs)} for a in articles]
