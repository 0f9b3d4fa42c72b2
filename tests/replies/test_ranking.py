"""The launch in figures rendered: documented JSON, terminal text, Discord pages within the limits."""

from __future__ import annotations

import re

import pytest

from bot.knowledge.articles import load_articles, seed_files
from bot.knowledge.passages import split_articles
from bot.knowledge.ranking import Ranking, build_ranking
from bot.replies.discord import DESCRIPTION_LIMIT, EMBEDS_TOTAL_LIMIT, embed_length
from bot.replies.ranking import NO_FIGURES, ranking_json, ranking_pages, ranking_text
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def ranking() -> Ranking:
    articles = load_articles(seed_files(SEEDS))
    sentences, _ = split_articles(articles)
    return build_ranking(articles, sentences)


def test_ranking_json_has_the_documented_shape(ranking: Ranking) -> None:
    data = ranking_json(ranking)
    assert set(data) == {"series", "release_date", "figures"}
    figure = data["figures"][0]
    assert set(figure) == {"value", "number", "kind", "measure", "show", "day", "citation"}
    assert set(figure["citation"]) == {"text", "source_id", "title", "date", "spoiler"}
    assert (figure["value"], figure["number"], figure["show"]) == ("679 points", 679, "All of Us Are Dead")


def test_ranking_text_shows_each_sentence_under_its_figures(ranking: Ranking) -> None:
    text = ranking_text(ranking)
    assert text.startswith("All of Us Are Dead in figures, in the order of the launch, released 2022-01-28:")
    assert "  231 points: FlixPatrol points on its opening day (Squid Game)\n" in text
    assert "  the second Korean series to reach the No. 1 mark in Netflix's United States list" in text
    sources = text.split("\nSources\n")[1].splitlines()
    assert [line[:3] for line in sources] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    assert ranking_text(Ranking(None, None, ())) == NO_FIGURES


def test_discord_pages_fit_and_number_their_sources(ranking: Ranking) -> None:
    pages = ranking_pages(ranking)
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert len(page["description"]) <= DESCRIPTION_LIMIT and embed_length(page) <= EMBEDS_TOTAL_LIMIT
        assert page["footer"]["text"].startswith(f"Page {number}/{len(pages)} · In the order of the launch")
        cited = {int(n) for n in re.findall(r"\[(\d+)\]$", page["description"], re.MULTILINE)}
        listed = {int(line[1:line.index("]")]) for line in page["fields"][0]["value"].splitlines()}
        assert cited and cited == listed
    assert pages[0]["description"].startswith("**Hours viewed:** more than 124 million hours")
    assert pages[1]["description"].startswith("**679 points**: FlixPatrol points at its premiere")
