"""Whether a sentence holds what a question asks for: the real thesaurus and names, sentences written here."""

from dataclasses import replace

import pytest

from bot.answers.evidence import tokens
from bot.answers.questions import Expects, Question, analyse
from bot.knowledge.passages import Sentence


def sentence(text: str) -> Sentence:
    return Sentence(0, "test", 0, 0, text, False, None)


def question(raw: str) -> Question:
    analysed = analyse(raw, frozenset())
    assert isinstance(analysed, Question)
    return analysed


@pytest.mark.parametrize(("asked", "text", "holds"), [
    ("what day of the week did it premiere", "It premiered on January 28.", False),
    ("what day of the week did it premiere", "The drama debuted on the platform Friday.", True),
    ("what day did it premiere", "The drama debuted on the platform Friday.", False),  # the date, unless "of the week"
    ("what day did it premiere", "It premiered on January 28.", True),
    ("what years did the webtoon run", "The webtoon ran between 2009 and 2011.", True),
    ("what years did the webtoon run", "The webtoon ran last November.", False),
    ("when did it premiere", "It premiered on January 28.", True),
    ("on what date did it come out", "It came out a week after its release.", False),
    ("on what date did it come out", "It came out on January 28.", True),
])
def test_a_date_question_wants_the_part_of_the_date_it_names(answerer, asked: str, text: str, holds: bool):
    assert answerer.analyser.matcher.has_slot(question(asked), sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("It became the second Korean series to reach No. 1.", True),
    ("Korea became the first country to have two shows at No. 1.", False),
    ("It is the fifth Korean blockbuster series to premiere on Netflix.", False),  # ranked by premiering, not topping
])
def test_a_rank_must_be_of_the_kind_of_thing_asked(answerer, text: str, holds: bool):
    asked = question("is it the first kdrama to top netflix")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


def test_a_word_opening_a_sentence_or_a_quotation_is_no_name():
    words = tokens('The synopsis read, "A zombie virus breaks out. Endangered students flee" in Seoul.')
    assert [w.raw for w in words if w.is_name] == ["Seoul"]


def test_a_name_beside_the_thing_asked_answers_what_it_is_called(answerer):
    asked = question("what is the zombie virus called in the show?")
    matcher = answerer.analyser.matcher
    assert not matcher.has_slot(asked, sentence('The synopsis read, "A zombie virus breaks out fast."'))
    assert matcher.has_slot(asked, sentence("In the show the virus is called Jonas Virus."))


def test_another_shows_sentence_is_elsewhere_unless_the_question_asks_about_that_show(answerer):
    matcher = answerer.analyser.matcher
    about_squid_game = sentence('"Squid Game" became Netflix\'s most watched show ever.')
    assert matcher.elsewhere(about_squid_game, frozenset({None}))
    asked = answerer.analyser.subjects.asked("how many hours did squidgame get")  # the title typed run together
    assert not matcher.elsewhere(about_squid_game, asked.works)


def test_a_persons_name_is_capitalised_not_a_syllable_in_a_sentence(answerer):
    """ "in" and "on" spell syllables of In-soo and On-jo: a sentence is not about a person for using them."""
    matcher = answerer.analyser.matcher
    who = question("who made it")
    assert not matcher.has_slot(who, sentence("It went on to become the most-streamed series in the world."))
    assert matcher.has_slot(who, sentence("It was made by Lee JQ."))


def test_an_opening_clause_does_not_make_a_sentence_about_another_show(answerer):
    matcher = answerer.analyser.matcher
    about_us = sentence('Apart from the aforementioned actors, it also stars Lee Yoo-mi, famous from "Squid Game".')
    assert not matcher.elsewhere(about_us, frozenset({None}))


def test_a_roll_of_names_tells_no_story(answerer):
    matcher = answerer.analyser.matcher
    roll = sentence("The cast includes Park Ji-hu (Nam On-jo), Cho Yi-hyun (Choi Nam-ra) and Lomon (Lee Su-hyeok).")
    assert not matcher.has_slot(question("what happens to su-hyeok at the end"), roll)
    assert matcher.has_slot(question("what happens to su-hyeok at the end"), sentence("Su-hyeok survives the end."))
    assert matcher.has_slot(question("who is in the cast"), roll)


def test_the_first_seasons_figures_do_not_answer_for_a_later_one(answerer):
    matcher = answerer.analyser.matcher
    asked = question("how many episodes will season 2 have")
    assert not matcher.has_slot(asked, sentence("The writer penned all 12 episodes of the first season."))
    assert matcher.has_slot(asked, sentence("The second season will have 8 episodes."))


def test_where_something_was_said_is_a_place(answerer):
    asked = replace(question("where did lee make his comments"), expects=Expects.PLACE)
    assert answerer.analyser.matcher.has_slot(asked, sentence('"Ours have terror," Lee said in an online conference.'))


def test_a_nationality_is_no_place(answerer):
    asked = replace(question("where did he talk about it"), expects=Expects.PLACE)
    assert not answerer.analyser.matcher.has_slot(asked, sentence("He spoke about the zombies in the Korean series."))
    assert answerer.analyser.matcher.has_slot(asked, sentence("He spoke about the zombies in Seoul."))


def test_a_genre_question_wants_a_genre(answerer):
    asked = question("what genre is the series?")
    assert answerer.analyser.matcher.has_slot(asked, sentence("The new thriller/survival drama focuses on students."))
    assert not answerer.analyser.matcher.has_slot(asked, sentence("The new drama debuted on Friday."))


def test_an_unnamed_speaker_is_who_posted_it_but_has_no_name(answerer):
    matcher = answerer.analyser.matcher
    posted = replace(sentence('"They learned zombie choreography," a Twitter user said.'), speaker="a Twitter user")
    assert matcher.has_slot(question("who posted the video"), posted)
    assert not matcher.has_slot(question("what is the name of the user who posted it"), posted)
    outlet = replace(sentence("As per a report on Deadline, it topped the list."), speaker="Deadline")
    assert not matcher.has_slot(question("who wrote the article"), outlet)


def test_that_is_why_gives_a_reason(answerer):
    asked = question("why do the zombies attack people first")
    assert answerer.analyser.matcher.has_slot(asked, sentence("That is why they want to strike first."))


def test_who_did_it_is_answered_by_what_they_do_but_their_name_is_not(answerer):
    matcher = answerer.analyser.matcher
    by_job = sentence("The zombies learned choreography created by dancer and choreographer.")
    assert matcher.has_slot(question("who came up with the zombie moves"), by_job)
    assert not matcher.has_slot(question("what is the name of the choreographer"), by_job)
