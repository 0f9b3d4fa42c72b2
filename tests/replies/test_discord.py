"""Answer → embed dicts: quotes, citations, spoilers, escaping and Discord's limits."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot.answers.model import Answer, Outcome, Quote
from bot.knowledge.articles import Article, Paragraph
from bot.replies.discord import (
    DESCRIPTION_LIMIT,
    EMBEDS_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    SPOILER_FOOTER,
    answer_embed,
    embed_length,
    escape_markdown,
    help_embed,
    sources_pages,
    trim_sentences,
)
from bot.replies.wording import no_answer_message
from bot.settings import PROJECT_ROOT


def quote(text: str, source: str = "001_a", *, spoiler: bool = False, title: str | None = None) -> Quote:
    label = title or f"Article {source}"
    return Quote(text, source, label, "2022-02-07", spoiler, 0.8, label)


def answered(*quotes: Quote) -> Answer:
    return Answer("q?", Outcome.ANSWERED, quotes)


def test_quotes_carry_citation_numbers_and_the_sources_field_lists_them_in_order() -> None:
    embed = answer_embed(answered(quote("The show has 12 episodes.", "001_a"),
                                  quote("It premiered on 28 January 2022.", "002_b"),
                                  quote("It was filmed in 2020.", "001_a")))
    assert embed["description"].split("\n\n") == [
        "> “The show has 12 episodes.” [1]", "> “It premiered on 28 January 2022.” [2]",
        "> “It was filmed in 2020.” [1]"]
    sources = "[1] Article 001\\_a (2022-02-07)\n[2] Article 002\\_b (2022-02-07)"
    assert embed["fields"] == [{"name": "Sources", "value": sources, "inline": False}]
    assert "footer" not in embed


def test_spoilers_are_wrapped_in_spoiler_tags_and_explained() -> None:
    embed = answer_embed(answered(quote("Cheong-san dies.", spoiler=True)))
    assert embed["description"] == "> ||“Cheong-san dies.”|| [1]"
    assert embed["footer"]["text"] == SPOILER_FOOTER


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.ANSWERED])
def test_no_answer_is_one_clear_line(outcome: Outcome) -> None:
    answer = Answer("q?", outcome)
    embed = answer_embed(answer)
    assert embed == {"description": no_answer_message(answer), "color": embed["color"]}


def test_markdown_mentions_and_spoiler_bars_in_article_text_are_shown_literally() -> None:
    text = "A ||secret|| *bold* `code` <@123> [link](http://x) @everyone @here ~~gone~~ _it_ \\"
    escaped = escape_markdown(text)
    assert "@everyone" not in escaped and "@here" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u200b", "") == text
    assert "||" not in escaped.replace("\\|", "")


def test_a_long_answer_is_trimmed_at_sentence_boundaries_within_every_limit() -> None:
    sentence = "Lee Jae-kyoo directed the series with great care for every scene. "
    quotes = [quote(sentence * 40, f"00{i}_x", spoiler=i % 2 == 0, title="T" * 300) for i in range(12)]
    embed = answer_embed(answered(*quotes))
    assert len(embed["description"]) <= DESCRIPTION_LIMIT
    assert embed_length(embed) <= EMBEDS_TOTAL_LIMIT
    assert all(len(f["value"]) <= FIELD_VALUE_LIMIT for f in embed["fields"])
    lines = embed["description"].split("\n\n")
    numbers = [int(line.rsplit("[", 1)[1].rstrip("]")) for line in lines]
    assert numbers == list(range(1, len(lines) + 1))  # citations renumbered for the quotes kept
    assert len(embed["fields"][0]["value"].splitlines()) == len(lines)
    last = lines[-1]
    assert last.endswith((f"…”|| [{len(lines)}]", f"…” [{len(lines)}]"))
    assert "care for every scene. …" in last  # cut after a whole sentence


def test_one_enormous_sentence_is_cut_at_a_word() -> None:
    embed = answer_embed(answered(quote("word " * 3000)))
    assert len(embed["description"]) <= DESCRIPTION_LIMIT
    assert embed["description"].endswith("word…” [1]")


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("One. Two. Three.", 100, "One. Two. Three."),
    ("One. Two. Three.", 12, "One. Two. …"),
    ("Onlyonelongword", 6, "Onlyo…"),
    ("Short words here", 8, "Short…"),
])
def test_trim_sentences(text: str, limit: int, expected: str) -> None:
    assert trim_sentences(text, limit) == expected
    assert len(trim_sentences(text, limit)) <= limit


def test_sources_are_paged_and_numbered_across_pages() -> None:
    articles = [Article(f"{i:03}_x", f"Title {i}", "2022-01-01", (Paragraph("p"),)) for i in range(23)]
    pages = sources_pages(articles, per_page=10)
    assert [p["footer"]["text"] for p in pages] == ["Page 1/3", "Page 2/3", "Page 3/3"]
    assert pages[2]["description"].splitlines()[0] == "[21] Title 20 (2022-01-01)"
    assert "footer" not in sources_pages(articles[:3])[0]


def test_help_lists_commands_and_how_to_mention() -> None:
    embed = help_embed([("ask", "Ask a question."), ("help", "This.")], "<@42>")
    assert "`/ask` Ask a question." in embed["description"] and "<@42>" in embed["description"]


def test_the_replies_layer_runs_without_discord() -> None:
    code = "import sys, bot.replies.discord; sys.exit('discord' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=False).returncode == 0
