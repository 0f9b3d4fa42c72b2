"""Which work each sentence is about: this series or another show, following the article's references."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.articles import load_articles, parse_article, seed_files
from bot.knowledge.passages import Sentence, split_articles
from bot.knowledge.subjects import Series, _titles_in, attribute
from tests.conftest import SEEDS

OTHER_SHOWS = Path(__file__).parent.parent / "data" / "other_shows"
# The work each of the other-shows articles is about.
OTHER_WORKS = {"01_kingdom_season_three": "Kingdom", "02_sweet_home_webtoon": "Sweet Home",
               "03_hellbound_hours": "Hellbound", "04_train_to_busan": "Train to Busan",
               "05_alive_film": "Alive", "06_squid_game_record": "Squid Game",
               "07_hospital_playlist": "Hospital Playlist", "08_happiness_tvn": "Happiness"}


def attributed(paths: list[Path]) -> list[Sentence]:
    articles = load_articles(paths)
    sentences, _ = split_articles(articles)
    return attribute(articles, sentences)


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return attributed(seed_files(SEEDS) + seed_files(OTHER_SHOWS))


def work_of(sentences: list[Sentence], opening: str) -> str | None:
    found = [s for s in sentences if s.text.startswith(opening)]
    assert len(found) == 1, opening
    return found[0].work


def test_the_series_identity_comes_from_its_data_file() -> None:
    series = Series.load()
    assert series.title == "All of Us Are Dead"
    assert series.names("ALL OF US ARE DEAD") and series.names("#AllOfUsAreDead") and not series.names("Squid Game")


@pytest.mark.parametrize(("opening", "work"), [
    ("Squid Game went on to become the most-streamed", "Squid Game"),  # named alone
    ("That series taken just four days", "Squid Game"),  # "that series": the work named last
    ('Another Korean Netflix blockbuster, "Hellbound,"', "Hellbound"),
    ('"All Of Us Are Dead" premiered with 679 points, while "Squid Game"', None),  # a comparison
    ("She still finds herself far behind Squid Game", None),  # "She" refers back to the series
    ("It also has reached this milestone just four months after Squid Game", None),
    ("Apart from the aforementioned actors, it also stars Lee Yoo-mi", None),
    ("After Squid Game became a global sensation", None),  # an opening clause is not the subject
    ("The cast includes Park Ji-hu (Nam On-jo)", None),  # no work named: the article's
    ("Based on the webtoon Now at Our School", None),  # the webtoon it adapts is this series' origin
    ("World War Z, The Walking Dead or Welcome to Zombieland", None),  # a list of works: the genre, not one
    ("But apart from purely Hollywood titles", None),
])
def test_sentences_of_the_seeds_follow_their_references(sentences: list[Sentence], opening: str,
                                                        work: str | None) -> None:
    assert work_of(sentences, opening) == work


def test_every_sentence_of_an_article_about_another_work_is_attributed_to_it(sentences: list[Sentence]) -> None:
    for source_id, work in OTHER_WORKS.items():
        own = [s for s in sentences if s.source_id == source_id]
        assert all(s.work is not None for s in own)
        # Every sentence but one naming a sequel or a screenplay alone ("Peninsula", "Alone").
        assert sum(s.work == work for s in own) >= len(own) - 1, source_id
    # Naming this series ("Fans of … often name it …") does not make a sentence of another article about it.
    assert work_of(sentences, 'Fans of "All of Us Are Dead"') == "Train to Busan"


def test_the_seeds_are_about_the_series_whatever_else_is_in_the_folder(sentences: list[Sentence]) -> None:
    alone = attributed(seed_files(SEEDS))
    together = {(s.source_id, s.text): s.work for s in sentences}
    assert all(together[(s.source_id, s.text)] == s.work for s in alone)
    about_series = [s for s in alone if s.work is None]
    assert len(about_series) >= 0.9 * len(alone)


def test_an_article_that_names_no_work_is_not_taken_for_the_series() -> None:
    article = parse_article("x", "Zombie Drama Breaks Records\n\nThe drama stars Kim Min-jun (Park Seo-yeon).")
    sentences, _ = split_articles([article])
    assert all(s.work is not None for s in attribute([article], sentences))


@pytest.mark.parametrize(("text", "work"), [
    ("Sweet Home Season 2 Arrives\n\nSweet Home season 2 premiered on December 1, 2023. Following All of Us Are "
     "Dead, the series stars Song Kang (Cha Hyun-su). It was directed by Lee Eung-bok.", "Sweet Home"),
    ("A Reality Show of the Undead\n\nZombieverse is a Netflix reality show where celebrities survive zombies. "
     "Like All of Us Are Dead, it was shot in Seoul. The cast includes Noh Hong-chul.", "Zombieverse"),
    ("Moving: The Superhero Drama Everyone Watches\n\nIt premiered in August. All of Us Are Dead fans loved it. "
     "The drama stars Ryu Seung-ryong (Jang Ju-won).", "Moving"),
])
def test_unquoted_titles_of_unseen_articles_are_recognised(text: str, work: str) -> None:
    article = parse_article("x", text)
    sentences, _ = split_articles([article])
    works = [s.work for s in attribute([article], sentences)]
    assert None not in works and works.count(work) >= len(works) - 1, works


def test_titles_listed_as_productions_are_works_but_names_are_not() -> None:
    listed = "World War Z, The Walking Dead or Welcome to Zombieland, there are countless productions of the genre."
    assert list(_titles_in(listed)) == ["World War Z", "The Walking Dead", "Welcome to Zombieland"]
    assert not list(_titles_in("Park Ji-hu, Yoon Chan-young and Cho Yi-hyun, the stars of the films, spoke."))
