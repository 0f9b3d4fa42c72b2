"""Which article a question points at: by its date, its byline or its quoted headline, in the real seeds."""

import pytest

from bot.answers.references import ArticleReferences
from bot.knowledge.articles import load_articles, seed_files
from bot.knowledge.text import term
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def references() -> ArticleReferences:
    return ArticleReferences(load_articles(seed_files(SEEDS)))


@pytest.mark.parametrize(("question", "source_id"), [
    ("which three people does the february 7 article credit as the creators?", "002_cd3ce04a79d190fd"),
    ("who directed it according to the jan 30th article", "000_cb171276084388ba"),
    ("in which country did it reach no. 1 according to joel kurian's piece?", "002_cd3ce04a79d190fd"),
    ("who's the creator according to the 'what is this hit series' article", "004_477cd0dc64dba67c"),
    ("which zombie titles does the what-is-this-hit-series article bring up?", "004_477cd0dc64dba67c"),  # a link's
    ("in the article about the flixpatrol record, who is the main cast?", "003_9c533198200a6a16"),  # its topic
])
def test_an_article_is_pointed_at_by_its_date_byline_or_headline(references, question: str, source_id: str):
    found = references.find(question)
    assert found is not None and found.source_id == source_id


@pytest.mark.parametrize("question", [
    "what happened on february 7",  # a date, but no article is spoken of
    "who wrote the article about it",  # an article, but which one is not said
    "who's the creator according to the 'squid game' article",  # no headline is close
    "who wrote the article about it hitting no. 1 in the us",  # a topic several articles tell
])
def test_no_article_is_pointed_at_unless_one_is_named(references, question: str):
    assert references.find(question) is None


def test_the_words_pointing_at_an_article_are_no_part_of_what_is_asked(references):
    found = references.find("who directed it according to the february 7 article")
    assert found is not None and term("february") in found.terms
    assert references.asking("who directed it according to the february 7 article") == "who directed it"
    found = references.find("in the article about the flixpatrol record, who is the main cast?")
    assert found is not None
    assert references.without("In the article about the FlixPatrol record, who is the main cast?", found) \
        == ", who is the main cast?"


def test_a_question_about_one_article_is_answered_from_it(answerer):
    answer = answerer.ask("who directed it according to the jan 30 article")
    assert answer.answered and all(q.source_id == "000_cb171276084388ba" for q in answer.quotes)
