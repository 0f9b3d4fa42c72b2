"""Answers about the series come from the series, with articles about other shows in the seeds.

Real model, real seeds plus the other-shows corpus of tests/data/other_shows (short articles about
other K-dramas and zombie films, sharing this series' vocabulary).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer, load_answerer
from bot.answers.model import Answer
from bot.knowledge.passages import Sentence
from bot.replies.text import render_text
from bot.settings import Settings
from tests.answers.test_answerer import fold
from tests.conftest import HELDOUT, SEEDS, SHARED, read_questions
from tests.knowledge.test_subjects import OTHER_SHOWS

QUESTION_SETS = [p for p in (SHARED / "eval" / "dev.jsonl", SHARED / "eval" / "dev_informal.jsonl", HELDOUT)
                 if p.is_file()]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, embedder, monkeypatch_session) -> Answerer:
    """An answerer whose seeds are the five articles and the eight about other shows."""
    seeds = tmp_path_factory.mktemp("seeds")
    for path in (*SEEDS.glob("*.txt"), *OTHER_SHOWS.glob("*.txt")):
        shutil.copy(path, seeds / path.name)
    monkeypatch_session.setattr("bot.knowledge.store.Embedder", lambda *_: embedder)
    return load_answerer(Settings(seeds_dir=seeds, index_dir=tmp_path_factory.mktemp("index")))


def quoted_sentences(answerer: Answerer, answer: Answer) -> list[Sentence]:
    by_quote = {(s.source_id, s.quote): s for s in answerer.knowledge.sentences}
    return [by_quote[(q.source_id, q.text)] for q in answer.quotes]


def hits(answerer: Answerer, rows: list[dict]) -> tuple[int, int]:
    """(answerable questions answered with an expected phrase, unanswerable ones declined)."""
    hit = declined = 0
    for row in rows:
        answer = answerer.ask(row["q"])
        quoted = fold(" ".join(q.text for q in answer.quotes))
        if row["kind"] == "answerable":
            hit += answer.answered and any(e in quoted for e in row["expect"])
        elif row["kind"] == "unanswerable":
            declined += not answer.answered
    return hit, declined


@pytest.mark.parametrize("questions", QUESTION_SETS, ids=lambda p: p.name)
def test_no_quote_about_another_show_answers_a_question_about_this_one(mixed: Answerer, questions: Path) -> None:
    for row in read_questions(questions):
        asked = mixed.analyser.subjects.asked(row["q"])
        if asked.works != {None}:
            continue  # the question names another show itself
        answer = mixed.ask(row["q"])
        for sentence in quoted_sentences(mixed, answer):
            assert sentence.work is None, (row["q"], sentence.text)
            assert sentence.source_id in {p.stem for p in SEEDS.glob("*.txt")}, (row["q"], sentence.text)


@pytest.mark.parametrize("questions", QUESTION_SETS, ids=lambda p: p.name)
def test_the_scores_stay_within_one_question_with_other_shows_added(answerer: Answerer, mixed: Answerer,
                                                                     questions: Path) -> None:
    # A question about a show the added articles cover ("who directed hellbound") may now be answered.
    rows = [r for r in read_questions(questions) if mixed.analyser.subjects.asked(r["q"]).works == {None}]
    alone, together = hits(answerer, rows), hits(mixed, rows)
    assert abs(alone[0] - together[0]) <= 1 and abs(alone[1] - together[1]) <= 1, (alone, together)


@pytest.mark.parametrize(("question", "work", "expected"), [
    ("how many episodes does squid game have", "Squid Game", "all nine episodes"),
    ("who plays Cha Hyun-su in sweet home", "Sweet Home", "Song Kang"),
    ("who stars in train to busan", "Train to Busan", "Gong Yoo"),
    ("When did Kingdom first come out on Netflix?", "Kingdom", "January 25, 2019"),
    ("How many hours of Hellbound were viewed?", "Hellbound", "43.48 million hours"),
    ("Who wrote Hospital Playlist?", "Hospital Playlist", "Lee Woo-jung"),
])
def test_a_question_about_another_show_is_answered_from_it_and_says_so(mixed: Answerer, question: str, work: str,
                                                                       expected: str) -> None:
    answer = mixed.ask(question)
    assert answer.answered and answer.about == work
    assert expected in " ".join(q.text for q in answer.quotes)
    for sentence in quoted_sentences(mixed, answer):
        assert sentence.work == work or work in sentence.text
    assert render_text(answer).startswith(f"About {work} (not All of Us Are Dead)")


def test_a_comparison_the_question_asks_for_may_quote_the_other_show(mixed: Answerer) -> None:
    answer = mixed.ask("Did All of Us Are Dead beat Squid Game's FlixPatrol points on its opening day?")
    assert answer.answered and answer.about is None
    assert "679 points" in " ".join(q.text for q in answer.quotes)
    both = mixed.analyser.subjects.asked("how long did squid game take to reach no. 1 compared to it?")
    assert both.works == {None, "Squid Game"}


def test_a_comparison_is_answered_only_with_the_other_shows_side(answerer: Answerer) -> None:
    """This series' count alone does not say whether Hellbound topped more countries."""
    assert not answerer.ask("how many countries did hellbound top, more than all of us are dead?").answered
    quotes = answerer.ask("did all of us are dead get more flixpatrol points than hellbound on its first day").quotes
    assert quotes and "Hellbound" in quotes[0].text
    assert any("679 points" in q.text for q in quotes)


def test_questions_about_this_series_ignore_the_other_shows(mixed: Answerer) -> None:
    # Jang Yoon-bok is a role in Hospital Playlist; a budget is given for other shows only.
    # "suhyuk" (Su-hyeok run together) must not become the "hyuk" of another show's Dong-hyuk.
    for question, expected in [("Who directed the series?", "Lee JQ"), ("Who plays Jang Yoon-bok?", None),
                               ("who plays suhyuk", "Lomon"),
                               ("what was the budget for all of us are dead", None),
                               ("what was the production budget for the show", None)]:  # asks for no work
        answer = mixed.ask(question)
        assert all(s.work is None for s in quoted_sentences(mixed, answer)), question
        assert answer.about is None
        if expected:
            assert expected in " ".join(q.text for q in answer.quotes), question
        else:
            assert not answer.answered, question


@pytest.mark.parametrize(("question", "about"), [
    ("How many hours did Hellbound get in its first week?", "Hellbound"),  # "its" after the title: Hellbound's
    ("did it beat Hellbound", None),  # "it" before the title: this series, compared
])
def test_it_is_the_work_named_before_it(mixed: Answerer, question: str, about: str | None) -> None:
    assert mixed.analyser.subjects.asked(question).about == about


def test_a_question_asking_which_show_may_be_answered_by_any(answerer: Answerer) -> None:
    """"which k-drama premiered with 634 points" names no show: the answer names one (Hellbound)."""
    asked = answerer.analyser.subjects.asked("which kdrama premiered with 634 points on flixpatrol")
    assert None in asked.works and "Hellbound" in asked.works and asked.about is None
    quotes = answerer.ask("which kdrama premiered w 634 points on flixpatrol").quotes
    assert quotes and "Hellbound" in quotes[0].text


def test_other_works_it_is_compared_to_are_answered_from_the_sentence_listing_them(answerer: Answerer) -> None:
    quotes = answerer.ask("What other zombie titles does the show get compared with?").quotes
    assert quotes and "World War Z" in quotes[0].text
    # Two words may stand between "which" and the kind of work.
    quotes = answerer.ask("which hollywood zombie films does it get compared with").quotes
    assert quotes and "World War Z" in quotes[0].text
