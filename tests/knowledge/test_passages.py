import pytest

from bot.knowledge.articles import load_articles, seed_files
from bot.knowledge.passages import clauses, is_content, split_articles, split_sentences
from tests.conftest import SEEDS


def test_abbreviations_do_not_end_sentences():
    text = "It reached the No. 1 mark in the U.S. list. This achievement came 7 days after release."
    assert split_sentences(text) == ["It reached the No. 1 mark in the U.S. list.",
                                     "This achievement came 7 days after release."]


def test_a_sentence_that_points_back_carries_the_one_before():
    sentences, passages = split_articles(load_articles(seed_files(SEEDS)))
    latter = next(s for s in sentences if s.text.startswith("The latter died"))
    assert latter.lead and latter.lead.startswith("In particular Chung-San")
    assert latter.quote == f"{latter.lead} {latter.text}"
    assert latter.spoiler
    assert all(len(p.sentence_ids) <= 3 for p in passages)
    assert {s.id for s in sentences} == {i for p in passages for i in p.sentence_ids}


def test_a_sentence_drawing_a_consequence_carries_the_one_it_draws_it_from():
    """"It thus grants itself first place": the ranking it leads is in the sentence before."""
    sentences, _ = split_articles(load_articles(seed_files(SEEDS)))
    consequence = next(s for s in sentences if s.text.startswith("It thus grants itself first place"))
    assert consequence.lead and "the ranking of the most popular non-English" in consequence.lead


def test_clauses_are_the_longer_parts_of_a_sentence():
    assert clauses('Just a day after, "X" took the No. 1 spot in 25 countries, Soompi reported.') == [
        "Just a day after", "X\" took the No. 1 spot in 25 countries"]
    assert clauses("No commas here at all.") == []


@pytest.mark.parametrize("text", [
    "You can read everything we know about All of Us are Dead Season 2 here.",
    "Related: 7 Reasons Why All of Us are Dead is Bloody Awesome",
    "Image: Instagram/Netflixmy",
    "Credit: Netflix",
    "What is All of Us Are Dead?",
])
def test_what_is_not_content_is_never_quotable(text: str):
    assert not is_content(text)


def test_content_is_quotable():
    assert is_content("The streamer hasn't renewed the series, but it has great potential to get a second season.")


def test_speakers_are_stored_on_the_sentences():
    sentences, _ = split_articles(load_articles(seed_files(SEEDS)))
    quoted = next(s for s in sentences if s.text.startswith('"Because we are experiencing this pandemic'))
    assert quoted.speaker == "Park Ji-Hu"
    teaser = next(s for s in sentences if s.text.startswith("You can read everything"))
    assert not teaser.quotable
