"""Citations of extracted facts (cast, ranking), numbered by article for the terminal, JSON and Discord.

Facts cite many sentences of few articles, so like answers they number the articles, in the order
they are first cited, and list them once under the reply. Discord replies longer than one embed
are split into pages, each listing the sources its own lines cite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.knowledge.facts import Citation
from bot.replies import text as plain_text
from bot.replies.discord import (
    ANSWER_COLOUR,
    DESCRIPTION_LIMIT,
    EMBEDS_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_LIMIT,
    SOURCES_FIELD_NAME,
    SPOILER_FOOTER,
    TITLE_LIMIT,
    citation_markdown,
    embed_length,
    pack_lines,
    quote_line,
    trim_sentences,
)
from bot.replies.wording import citation_line

# What one page of a long listing may hold, besides Discord's limits: a screenful, not a wall.
LINES_PER_PAGE = 6
# A quoted sentence is cut (at a sentence boundary) beyond this, so any one block fits a page.
QUOTE_LIMIT = 1000


class Numbering:
    """Numbers articles in the order they are first cited."""

    def __init__(self) -> None:
        self._first: dict[str, Citation] = {}

    def number(self, citation: Citation) -> int:
        self._first.setdefault(citation.source_id, citation)
        return list(self._first).index(citation.source_id) + 1

    def refs(self, citations: Iterable[Citation]) -> str:
        """`[1][3]`: one number per article, in order."""
        numbers = sorted({self.number(c) for c in citations})
        return "".join(f"[{n}]" for n in numbers)

    def source_lines(self, numbers: Iterable[int] | None = None, *, markdown: bool = False) -> list[str]:
        """`[n] Title (date)` for every article cited (or those numbered `numbers`)."""
        wanted = set(numbers) if numbers is not None else None
        lines = []
        for n, citation in enumerate(self._first.values(), 1):
            if wanted is None or n in wanted:
                render = citation_markdown if markdown else citation_line
                lines.append(render(n, citation.label, citation.date))
        return lines


def quote_text(citation: Citation, numbering: Numbering) -> str:
    """A cited sentence for the terminal: `“…” [n]`, tagged when it is a spoiler."""
    return plain_text.quote_text(numbering.number(citation), citation.text, citation.spoiler)


def quote_markdown(citation: Citation, numbering: Numbering) -> str:
    """A cited sentence for Discord, as answers quote: `> “…” [n]`, in spoiler tags when needed."""
    return quote_line(numbering.number(citation), trim_sentences(citation.text, QUOTE_LIMIT), citation.spoiler)


@dataclass(frozen=True)
class Block:
    """A few lines of a Discord listing and the citations they refer to (kept together on one page)."""

    text: str
    citations: tuple[Citation, ...]
    ends_page: bool = False  # nothing follows it on its page (a summary that is a page of its own)


@dataclass(frozen=True)
class Layout:
    """How blocks are laid out on pages: the embed's title, the footer note, blocks per page and
    what goes between two blocks."""

    title: str
    note: str | None = None
    per_page: int = LINES_PER_PAGE
    separator: str = "\n\n"


def pages(layout: Layout, blocks: Sequence[Block], numbering: Numbering) -> list[dict[str, Any]]:
    """Embeds of at most `layout.per_page` blocks each, within Discord's limits, every page with the
    sources it cites."""
    chunks: list[list[Block]] = []
    for block in blocks:
        if (chunks and not chunks[-1][-1].ends_page and len(chunks[-1]) < layout.per_page
                and _fits(layout, [*chunks[-1], block], numbering)):
            chunks[-1].append(block)
        else:
            chunks.append([block])
    return [_page(layout, chunk, numbering, i, len(chunks)) for i, chunk in enumerate(chunks, 1)] or [
        {"title": layout.title[:TITLE_LIMIT], "description": "The articles I know give nothing for this yet.",
         "color": ANSWER_COLOUR}]


def _fits(layout: Layout, chunk: list[Block], numbering: Numbering) -> bool:
    embed = _page(layout, chunk, numbering, 1, 2)
    return len(embed["description"]) <= DESCRIPTION_LIMIT and embed_length(embed) <= EMBEDS_TOTAL_LIMIT


def _page(layout: Layout, chunk: list[Block], numbering: Numbering, number: int, total: int) -> dict[str, Any]:
    cited = {numbering.number(c) for block in chunk for c in block.citations}
    fields = [{"name": SOURCES_FIELD_NAME if i == 0 else f"{SOURCES_FIELD_NAME} (cont.)", "value": value,
               "inline": False}
              for i, value in enumerate(pack_lines(numbering.source_lines(sorted(cited), markdown=True),
                                                    FIELD_VALUE_LIMIT))][:FIELDS_LIMIT]
    footer = [f"Page {number}/{total}"] if total > 1 else []
    if layout.note:
        footer.append(layout.note)
    if any(c.spoiler for block in chunk for c in block.citations):
        footer.append(SPOILER_FOOTER)
    embed: dict[str, Any] = {"title": layout.title[:TITLE_LIMIT],
                             "description": layout.separator.join(b.text for b in chunk), "color": ANSWER_COLOUR}
    if fields:
        embed["fields"] = fields
    if footer:
        embed["footer"] = {"text": " · ".join(footer)}
    while fields and len(fields) > 1 and embed_length(embed) > EMBEDS_TOTAL_LIMIT:
        fields.pop()  # a block citing very many articles: its sources list is cut, never its text
    return embed
