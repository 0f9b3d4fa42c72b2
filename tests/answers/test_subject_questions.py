"""Which works a question asks about, read against the titles of the articles (no model needed)."""

from __future__ import annotations

import pytest

from bot.answers.subject import Subjects
from bot.knowledge.articles import load_articles, parse_article, seed_files
from bot.knowledge.passages import split_articles
from bot.knowledge.subjects import attribute
from tests.conftest import SEEDS
from tests.knowledge.test_subjects import OTHER_SHOWS


@pytest.fixture(scope="module")
def subjects() -> Subjects:
    articles = load_articles(seed_files(SEEDS) + seed_files(OTHER_SHOWS))
    articles.append(parse_article("moving", "Moving: The Superhero Drama\n\nIt premiered in August. "
                                            "The drama stars Ryu Seung-ryong (Jang Ju-won)."))
    sentences, _ = split_articles(articles)
    return Subjects(attribute(articles, sentences))


@pytest.mark.parametrize(("question", "works", "about"), [
    ("how many episodes are there?", {None}, None),
    ("is chung-san still alive?", {None}, None),  # "alive" is a plain word of the articles, not the film
    ("did alive get more points", {"Alive"}, "Alive"),  # … unless it stands where the plain word could not
    ("what was alive's score", {"Alive"}, "Alive"),
    ("did anyone stay alive", {None}, None),
    ("who directed SQUID GAME", {"Squid Game"}, "Squid Game"),
    ("when did #Alive come out", {"Alive"}, "Alive"),
    ("who stars in moving", {"Moving"}, "Moving"),  # a title only its headline gives
    ("did it beat squid game's record?", {None, "Squid Game"}, None),
    ("is All of Us Are Dead scarier than Kingdom", {None, "Kingdom"}, None),
    ("which had more hours, hellbound or squid game?", {"Hellbound", "Squid Game"}, "Hellbound, Squid Game"),
])
def test_the_works_a_question_asks_about(subjects: Subjects, question: str, works: set, about: str | None) -> None:
    asked = subjects.asked(question)
    assert (set(asked.works), asked.about) == (works, about)


@pytest.mark.parametrize(("question", "any_work"), [
    ("which hollywood zombie films is it compared with", True),  # two words qualify the kind of work
    ("what was the production budget of the series", False),  # "was the" qualifies nothing: no work is asked for
])
def test_a_question_asking_for_a_work(subjects: Subjects, question: str, any_work: bool) -> None:
    assert ("Squid Game" in subjects.asked(question).works) is any_work


def test_the_other_works_a_question_names_are_kept_apart_from_those_it_may_be_answered_by(subjects: Subjects) -> None:
    assert subjects.asked("did it beat squid game's record?").named == {"Squid Game"}
    which = subjects.asked("which k-drama premiered with 634 points")
    assert "Hellbound" in which.works and not which.named


def test_only_sentences_about_the_works_asked_may_answer(subjects: Subjects) -> None:
    series = subjects.asked("how many episodes are there?")
    squid = subjects.asked("who directed squid game")
    assert subjects.allowed(series).sum() < len(subjects.allowed(series))
    assert not (subjects.allowed(series) & subjects.allowed(squid)).all()
    assert "budget" not in " ".join(subjects.vocabulary(series))  # only other shows' articles give one
    assert subjects.focus(squid, ["direct", "squid", "game"]) == ["direct"]
