"""The cast and crew rendered: documented JSON, terminal text, Discord embeds within the limits."""

from __future__ import annotations

import pytest

from bot.knowledge.articles import load_articles, seed_files
from bot.knowledge.cast import Cast, build_cast
from bot.knowledge.names import AliasBook
from bot.knowledge.passages import split_articles
from bot.replies.cast import (
    autocomplete_choices,
    cast_json,
    cast_pages,
    cast_text,
    lookup_json,
    lookup_pages,
    lookup_text,
)
from bot.replies.discord import DESCRIPTION_LIMIT, EMBEDS_TOTAL_LIMIT, FIELD_VALUE_LIMIT, SPOILER_FOOTER, embed_length
from bot.settings import DEFAULT_ALIASES_FILE
from tests.conftest import SEEDS

CITATION_KEYS = {"text", "source_id", "title", "date", "spoiler"}


@pytest.fixture(scope="module")
def cast() -> Cast:
    articles = load_articles(seed_files(SEEDS))
    sentences, _ = split_articles(articles)
    return build_cast(articles, sentences, AliasBook.load(DEFAULT_ALIASES_FILE))


def within_limits(embed: dict) -> bool:
    return (len(embed["description"]) <= DESCRIPTION_LIMIT and embed_length(embed) <= EMBEDS_TOTAL_LIMIT
            and all(len(f["value"]) <= FIELD_VALUE_LIMIT for f in embed.get("fields", [])))


def test_cast_json_has_the_documented_shape(cast: Cast) -> None:
    data = cast_json(cast)
    assert set(data) == {"series", "cast", "crew", "characters", "credits"}
    person = data["cast"][0]
    assert set(person) == {"name", "variants", "characters", "jobs", "citations"}
    assert set(person["characters"][0]) == {"name", "citations"}
    assert set(person["characters"][0]["citations"][0]) == CITATION_KEYS
    assert set(data["characters"][0]) == {"name", "variants", "played_by", "pairs", "citations"}
    creator = next(c for c in data["credits"] if c["job"] == "creator")
    assert creator["agreed"] is False and len(creator["versions"]) == 3
    assert set(creator["versions"][0]) == {"names", "citations"}


def test_lookup_json_names_the_match_or_the_closest_names(cast: Cast) -> None:
    found = lookup_json(cast, "Park Ji-hoo")
    assert found["found"] and found["kind"] == "person" and found["matched"] == "Park Ji-hoo"
    assert found["entry"]["name"] == "Park Ji-hu" and found["entry"]["characters"][0]["name"] == "Nam On-jo"
    character = lookup_json(cast, "Chung-San")
    assert character["kind"] == "character" and character["entry"]["played_by"] == ["Yoon Chan-young"]
    creator = lookup_json(cast, "Cheon Seong-il")
    assert {c["job"] for c in creator["credits"]} == {"creator", "writer"}
    missing = lookup_json(cast, "Park Solomn")
    assert missing["found"] is True  # a typo is forgiven
    unknown = lookup_json(cast, "Gong Yoo")
    assert unknown == {"query": "Gong Yoo", "found": False, "suggestions": unknown["suggestions"]}
    assert unknown["suggestions"]


def test_cast_text_lists_pairs_then_crew_with_each_version_of_a_disputed_credit(cast: Cast) -> None:
    text = cast_text(cast)
    assert "  Park Ji-hu as Nam On-jo [1] (also written Park Ji-hoo)" in text  # Park Ji-Hu: only capitals differ
    assert "Created by (the articles differ):" in text
    assert "    Chun Sung-il [3]" in text
    assert text.index("Cast") < text.index("Crew") < text.index("Sources")


def test_lookup_text_tags_spoilers_and_says_when_a_name_is_unknown(cast: Cast) -> None:
    text = lookup_text(cast, "Cheongsan")
    assert text.startswith("Lee Cheong-san (also written Chung-San)\nPlayed by Yoon Chan-young [1]")
    assert "[spoiler] “In particular Chung-San" in text
    unknown = lookup_text(cast, "Gong Yoo")
    assert unknown.startswith("I don't know anyone called “Gong Yoo” in the articles. Closest names:")


def test_discord_cast_page_fits_and_cites(cast: Cast) -> None:
    pages = cast_pages(cast)
    assert len(pages) == 1 and within_limits(pages[0])
    description = pages[0]["description"]
    assert "**Lomon** as **Lee Su-hyeok** [1] (also written Park Solomon)" in description
    assert pages[0]["fields"][0]["name"] == "Sources"


def test_discord_lookup_hides_spoilers(cast: Cast) -> None:
    page = lookup_pages(cast, "On-jo")[0]
    assert within_limits(page) and page["title"] == "Nam On-jo"
    spoilers = [line for line in page["description"].split("\n\n") if line.startswith("> ||")]
    assert spoilers and all(line.endswith("|| [2]") for line in spoilers)
    assert SPOILER_FOOTER in page["footer"]["text"]


def test_autocomplete_offers_every_spelling_within_discords_limits(cast: Cast) -> None:
    choices = autocomplete_choices(cast, "hoo")
    assert ("Park Ji-hoo = Park Ji-hu — plays Nam On-jo", "Park Ji-hu") in choices
    assert all(len(label) <= 100 and len(value) <= 100 for label, value in autocomplete_choices(cast, ""))
    assert len(autocomplete_choices(cast, "")) <= 25
