"""Chart positions and audience figures read from the articles, with what they measure, in launch order."""

from __future__ import annotations

import pytest

from bot.knowledge.articles import Article, Paragraph, fold_ws, load_articles, seed_files
from bot.knowledge.passages import split_articles
from bot.knowledge.ranking import Figure, Ranking, build_ranking
from bot.knowledge.subjects import attribute
from tests.conftest import SEEDS
from tests.knowledge.test_subjects import OTHER_SHOWS

SERIES = "All of Us Are Dead"


def ranking_of(articles: list[Article]) -> Ranking:
    sentences, _ = split_articles(articles)
    return build_ranking(articles, attribute(articles, sentences))


@pytest.fixture(scope="module")
def ranking() -> Ranking:
    return ranking_of(load_articles(seed_files(SEEDS)))


def find(ranking: Ranking, kind: str, number: float, show: str | None = SERIES) -> Figure:
    found = [f for f in ranking.figures if f.kind == kind and f.number == number and f.show == show]
    assert len(found) == 1, (kind, number, show, [(f.kind, f.number, f.show) for f in ranking.figures])
    return found[0]


def test_the_series_and_its_release_date_come_from_the_articles(ranking: Ranking) -> None:
    assert ranking.series == SERIES
    assert ranking.release_date == "2022-01-28"


def test_flixpatrol_points_with_the_comparisons(ranking: Ranking) -> None:
    ours = find(ranking, "points", 679)
    assert ours.measure == "FlixPatrol points at its premiere"
    assert find(ranking, "points", 231, "Squid Game").measure == "FlixPatrol points on its opening day"
    # "Another Korean Netflix blockbuster, "Hellbound," premiered … with 634 points" is about Hellbound alone.
    assert not [f for f in ranking.figures if f.number == 634 or f.show == "Hellbound"]


def test_chart_positions_countries_and_days_to_number_one(ranking: Ranking) -> None:
    assert find(ranking, "countries", 25).measure == "countries where it ranked No. 1"
    charts = {f.measure for f in ranking.figures if f.kind == "chart_position" and f.show == SERIES}
    assert {"position on Netflix charts", "position on Netflix's TV rankings worldwide",
            "position on the Netflix’s U.S. daily Top 10 list"} <= charts
    us = [f for f in ranking.figures if f.kind == "time" and f.number == 7 and "U.S." in f.measure]
    assert len(us) == 1 and us[0].value == "7 days" and us[0].show == SERIES
    assert find(ranking, "time", 1).measure == "days from release to No. 1 on Netflix charts"
    assert "four days" not in {f.value for f in ranking.figures}  # "That series taken just four days": Squid Game
    # Read as stated: "climbed … to the to[p] of Netflix's daily Top 10 seven days after the its release".
    seven = [f for f in ranking.figures if f.value == "seven days"]
    assert [f.measure for f in seven] == ["days from release to No. 1 on Netflix's daily Top 10"]
    assert find(ranking, "top_range", 10).value == "top 10"


def test_hours_viewed_and_the_squid_game_comparison(ranking: Ranking) -> None:
    assert find(ranking, "hours", 124_000_000).value == "more than 124 million hours"
    squid = find(ranking, "hours", 1_000_000_000, "Squid Game")
    assert squid.measure == "hours viewed in its first 28 days"


def test_k_drama_viewership_growth(ranking: Ranking) -> None:
    growth = find(ranking, "percent", 200, None)
    assert growth.measure == "growth of the viewership of K-dramas on Netflix"


def test_records(ranking: Ranking) -> None:
    records = {(f.value, f.measure, f.show) for f in ranking.figures if f.kind == "record"}
    assert ("second", "Korean series to reach the No. 1 mark in Netflix's United States list", SERIES) in records
    assert ("first", "country to have two non-English shows make it to the Top 10 list", None) in records


def test_numbers_that_are_not_about_the_launch_are_left_out(ranking: Ranking) -> None:
    numbers = {f.number for f in ranking.figures}
    assert not numbers & {12, 2009, 2011, 2020, 2022, 240}  # episodes, years, a Squid Game player


def test_every_figure_is_cited_verbatim(ranking: Ranking) -> None:
    seeds = {p.stem: fold_ws(p.read_text(encoding="utf-8")) for p in seed_files(SEEDS)}
    for figure in ranking.figures:
        assert fold_ws(figure.citation.text) in seeds[figure.citation.source_id], figure.citation.text
        if figure.kind not in {"chart_position", "top_range"}:
            assert figure.value in figure.citation.text


def test_figures_read_as_the_story_of_the_launch(ranking: Ranking) -> None:
    days = [f.day for f in ranking.figures]
    assert days == sorted(days, key=lambda d: float("inf") if d is None else d)
    assert ranking.figures[0].number == 679  # the premiere comes first
    values = [f.value for f in ranking.figures]
    assert values.index("25 countries") < values.index("7 days") < values.index("200 per cent")


def test_the_ranking_survives_the_trip_through_json(ranking: Ranking) -> None:
    assert Ranking.from_dict(ranking.to_dict()) == ranking


def test_the_patterns_work_on_an_article_they_have_never_seen() -> None:
    text = ("All of Us Are Dead debuted at No. 3 on Netflix's global Top 10, with 45 million hours viewed in its "
            "first week. "
            "The season has 20 episodes. Two weeks after its release, it was No. 1 in 12 countries.")
    article = Article("900_test", "The show in figures", "2023-08-20", (Paragraph(text),))
    figures = {(f.kind, f.number, f.measure) for f in ranking_of([article]).figures}
    assert ("chart_position", 3, "position on Netflix's global Top 10") in figures
    assert ("hours", 45_000_000, "hours viewed in its first week") in figures
    assert ("countries", 12, "countries where it ranked No. 1") in figures
    assert ("time", 2, "weeks from release to No. 1") in figures
    assert not any(kind == "time" and number == 20 for kind, number, _ in figures)


def test_articles_about_other_shows_change_nothing(ranking: Ranking) -> None:
    with_others = ranking_of(load_articles(seed_files(SEEDS) + seed_files(OTHER_SHOWS)))
    assert with_others.to_dict() == ranking.to_dict()
