import logging
import re
from pathlib import Path

import pytest

from bot.knowledge.articles import load_articles, parse_article, seed_files
from tests.conftest import SEEDS

FURNITURE = re.compile(r"Tags:|Leave a Comment|Written By|Joel Kurian|Image:|Credit:|expand image|Related:|"
                       r"This Article's Topics|Explore new topics|Pixabay|Last Updated|KdramaNetflix|Spoiler Warning")


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def articles():
    return {a.source_id: a for a in load_articles(seed_files(SEEDS))}


def test_every_seed_becomes_an_article_with_title_and_date_where_the_text_has_them(articles):
    assert len(articles) == 5
    assert articles["000_cb171276084388ba"].date == "2022-01-30"
    assert articles["002_cd3ce04a79d190fd"].date == "2022-02-07"
    assert articles["001_0d47506822c5eebb"].date is None
    assert articles["002_cd3ce04a79d190fd"].title.startswith("'All Of Us Are Dead' Becomes 2nd K-drama")
    assert articles["001_0d47506822c5eebb"].title.startswith("All of Us are Dead Follows Squid Game's Footsteps")
    assert articles["003_9c533198200a6a16"].title is None
    assert articles["003_9c533198200a6a16"].label.startswith("Shortly after the success")
    # "All Of Us Are Dead tops Netflix's TV Shows worldwide" heads a later section, not the article.
    assert articles["000_cb171276084388ba"].title is None
    assert articles["000_cb171276084388ba"].label.startswith("Netflix's latest Korean web series")
    assert all(a.outlet is None for a in articles.values())  # no seed names its publication


def test_page_furniture_is_never_kept(articles):
    for article in articles.values():
        for paragraph in article.paragraphs:
            assert not FURNITURE.search(paragraph.text), paragraph.text
            assert paragraph.text != "All of Us are Dead"  # an image caption


def test_paragraphs_are_verbatim_from_their_seed(articles):
    for article in articles.values():
        source = fold((SEEDS / f"{article.source_id}.txt").read_text(encoding="utf-8"))
        for paragraph in article.paragraphs:
            assert paragraph.text in source


def test_only_paragraphs_after_the_spoiler_marker_are_spoilers(articles):
    spoilers = [p for a in articles.values() for p in a.paragraphs if p.spoiler]
    assert len(spoilers) == 2
    assert all(p.text.startswith(("After 12 episodes", "If our years")) for p in spoilers)
    assert not any(p.spoiler for p in articles["004_477cd0dc64dba67c"].paragraphs[:5])


def test_bylines_captions_wraps_and_end_markers_are_handled():
    text = (" date 2023-05-01 Big News Headline\n\nWritten By\nJane Doe\nThe first paragraph is here. It has\n"
            "a hard wrap.\n\nPhoto: Someone\nA caption line\n\nSection heading\n\n"
            "Second paragraph ends.\n\nSpoilers ahead\n\nThe hero survives.\n\nLeave a Comment\n\nJunk after.")
    article = parse_article("x", text)
    assert article.date == "2023-05-01"
    assert article.title == "Big News Headline"
    assert [p.text for p in article.paragraphs] == [
        "The first paragraph is here. It has a hard wrap.", "Second paragraph ends.", "The hero survives."]
    assert [p.spoiler for p in article.paragraphs] == [False, False, True]
    assert article.paragraphs[1].section == "Section heading"


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\x00\x01\x02binary", "caf\xe9".encode("latin-1")])
def test_a_bad_seed_is_skipped_with_a_warning_naming_it(tmp_path: Path, caplog, content: bytes):
    (tmp_path / "good.txt").write_text("A fine paragraph about the show.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(content)
    with caplog.at_level(logging.WARNING):
        articles = load_articles(seed_files(tmp_path))
    assert [a.source_id for a in articles] == ["good"]
    assert "bad.txt" in caplog.text


def test_the_byline_is_kept_whole_beside_the_article_never_in_it(articles):
    assert articles["002_cd3ce04a79d190fd"].byline == "Written By Joel Kurian"  # its name on the next line
    assert articles["000_cb171276084388ba"].byline is None
    assert parse_article("x", "Headline Here\n\nBy Jane Doe\nThe series took the top spot.").byline == "By Jane Doe"
    nameless = parse_article("y", "Headline Here\n\nWritten by\n\nThe series took the top spot.")
    assert nameless.byline is None and [p.text for p in nameless.paragraphs] == ["The series took the top spot."]


def test_a_dateline_and_the_outlet_are_read_where_the_page_states_them():
    text = ("Zombie Drama Tops the Chart\n\nPublished: February 7, 2022\n\nThe series took the top spot.\n\n"
            "Later Heading\n\nMore text here.\n\n© 2022 The Korea Herald. All rights reserved.")
    article = parse_article("x", text)
    assert (article.title, article.date, article.outlet) == ("Zombie Drama Tops the Chart", "2022-02-07",
                                                             "The Korea Herald")
    assert article.label == "Zombie Drama Tops the Chart — The Korea Herald"
    assert [p.text for p in article.paragraphs] == ["The series took the top spot.", "More text here."]
    credited = parse_article("y", "Headline Here\n\nThe text.\n\nImage: Netflix\nSource: Instagram")
    assert credited.outlet is None  # a picture's source is not the article's outlet
