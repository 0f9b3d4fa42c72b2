"""`ranking` and `/ranking`: the launch in figures, for the terminal, JSON and Discord.

Figures read from one sentence are shown together, above that sentence quoted verbatim, so a fan
sees each number with what it measures and the words it was read from.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from bot.knowledge.facts import Citation
from bot.knowledge.ranking import Figure, Ranking
from bot.replies.citations import Block, Layout, Numbering, pages, quote_markdown, quote_text
from bot.replies.discord import NOTICE_COLOUR, escape_markdown, headline_figures, headline_line
from bot.replies.text import citation_json

NO_FIGURES = "The articles I know give no chart positions or audience figures."


def _plain(text: str) -> str:
    return text


def _strong(text: str) -> str:
    return f"**{escape_markdown(text)}**"


def _emphasis(text: str) -> str:
    return f"*{escape_markdown(text)}*"


def figure_line(figure: Figure, value: Callable[[str], str] = _plain, text: Callable[[str], str] = _plain,
                show: Callable[[str], str] = _plain) -> str:
    """"679 points: FlixPatrol points at its premiere (All Of Us Are Dead)"; a record reads as a phrase:
    "the second Korean series to reach the No. 1 mark … (All Of Us Are Dead)"."""
    if figure.kind == "record":
        line = f"the {value(figure.value)} {text(figure.measure)}"
    else:
        line = f"{value(figure.value)}: {text(figure.measure)}"
    return f"{line} ({show(figure.show)})" if figure.show else line


def _by_sentence(ranking: Ranking) -> list[tuple[Citation, list[Figure]]]:
    return [(citation, list(figures)) for citation, figures in groupby(ranking.figures, key=lambda f: f.citation)]


def _heading(ranking: Ranking) -> str:
    return f"{ranking.series or 'The series'} in figures"


def _order_note(ranking: Ranking) -> str:
    released = f", released {ranking.release_date}" if ranking.release_date else ""
    return f"in the order of the launch{released}"


def ranking_json(ranking: Ranking) -> dict[str, Any]:
    """`ranking --json`: every figure, in the order of the launch, each with its citation."""
    return {"series": ranking.series, "release_date": ranking.release_date,
            "figures": [{"value": f.value, "number": f.number, "kind": f.kind, "measure": f.measure,
                         "show": f.show, "day": f.day, "citation": citation_json(f.citation)}
                        for f in ranking.figures]}


def ranking_text(ranking: Ranking) -> str:
    """Each sentence's figures, one a line, then the sentence itself; the sources at the end."""
    if not ranking.figures:
        return NO_FIGURES
    numbering = Numbering()
    lines = [f"{_heading(ranking)}, {_order_note(ranking)}:"]
    for citation, figures in _by_sentence(ranking):
        lines.append("")
        lines += [f"  {figure_line(f)}" for f in figures]
        lines.append(f"      {quote_text(citation, numbering)}")
    return "\n".join([*lines, "", "Sources", *numbering.source_lines()])


def ranking_pages(ranking: Ranking) -> list[dict[str, Any]]:
    """`/ranking`: the headline figures on page 1, one line each; then every figure with its
    sentence, a few sentences to a page, turned with buttons."""
    numbering = Numbering()
    headline = headline_figures(ranking)
    blocks = [Block("\n".join(headline_line(label, f, numbering.number(f.citation)) for label, f in headline),
                    tuple(f.citation for _, f in headline), ends_page=True)] if headline else []
    for citation, figures in _by_sentence(ranking):
        lines = [figure_line(f, _strong, escape_markdown, _emphasis) for f in figures]
        blocks.append(Block("\n".join([*lines, quote_markdown(citation, numbering)]), (citation,)))
    if not blocks:
        return [{"title": _heading(ranking), "description": NO_FIGURES, "color": NOTICE_COLOUR}]
    note = _order_note(ranking)
    return pages(Layout(_heading(ranking), note[0].upper() + note[1:]), blocks, numbering)
