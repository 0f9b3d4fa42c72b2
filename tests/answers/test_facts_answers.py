"""Cast and crew questions answered from the extracted facts, on the real model and seeds."""

import pytest

from bot.answers.model import Outcome


def first_quote(answerer, question: str) -> str:
    answer = answerer.ask(question)
    assert answer.answered, question
    return answer.quotes[0].text


@pytest.mark.parametrize(("question", "pairing"), [
    ("who is gwi nam played by", "Yoo In-soo (Yoon Gwi-nam)"),
    ("the actress for choi nam-ra?", "Cho Yi-hyun (Choi Nam-ra)"),
    ("lim jae hyeok plays which role", "Lim Jae-hyeok (Yang Dae-su)"),
])
def test_the_sentence_pairing_actor_and_character_comes_first(answerer, question: str, pairing: str):
    assert pairing in first_quote(answerer, question)


def test_a_crew_question_shows_each_articles_version_side_by_side(answerer):
    answer = answerer.ask("who were the directors of the series")
    assert answer.answered and len({q.source_id for q in answer.quotes}) >= 2
    assert all("Lee" in q.text for q in answer.quotes)


@pytest.mark.parametrize(("question", "missing"), [
    ("who plays the principal", "who plays the principal"),
    ("who plays eunji from ep 1", "who plays eunji"),
    ("which character does Kim Byung-chul play", "which role Kim Byung-chul plays"),
])
def test_an_unknown_role_is_declined_naming_what_is_missing(answerer, question: str, missing: str):
    answer = answerer.ask(question)
    assert answer.outcome is Outcome.NOT_IN_ARTICLES and answer.missing == missing


def test_an_actor_named_in_a_question_for_actors_asks_for_the_cast_around_them(answerer):
    """Named beside "who else", an actor is no role asked about: the cast list holding them answers."""
    quote = first_quote(answerer, "kim byung-chul is one, which other actors are in the cast?")
    assert "Kim Byung-chul" in quote and "Jeon Bae-soo" in quote


def test_another_shows_crew_is_not_this_shows(answerer):
    answer = answerer.ask("who created Squid Game")
    assert not answer.answered or "Squid Game" in answer.quotes[0].text


def test_a_work_named_as_someones_says_who_made_it(answerer):
    """"Hwang Dong-hyuk's survival drama" is Squid Game, made by him."""
    assert "Hwang Dong-hyuk's survival drama" in first_quote(answerer, "who directed squid game?")


def test_a_job_done_on_a_work_the_articles_dont_know_is_not_this_shows(answerer):
    """"Train to Busan" is no title the articles name: its director is not All of Us Are Dead's."""
    assert not answerer.ask("Who directed Train to Busan?").answered
    assert answerer.ask("who directed all the episodes").answered


def test_another_show_named_beside_a_character_only_points_at_them(answerer):
    """Asked for the actor of one of this series' characters, Squid Game only says where she is known from."""
    quotes = answerer.ask("the naeyon actress is the squid game girl right? whats her name").quotes
    assert quotes and "(Lee Na-yeon)" in quotes[0].text
    assert "Ji-Yeong" in answerer.ask("the na-yeon actress from squid game, who was she in that").quotes[0].text
    assert "Ji-Yeong" in answerer.ask("the na-yeon actress is from squid game? who did she play there").quotes[0].text


def test_a_crew_question_naming_who_did_the_job_asks_something_else(answerer):
    assert "inspired by a successful webtoon" in first_quote(answerer, "What inspired creator Cheon Seong-il?")


def test_a_name_typed_in_parts_is_the_whole_name(answerer):
    """"gwi nam" is Gwi-nam: "Nam-Ra" and "Kim Nam-su" share a syllable with the name, and with his actor's."""
    assert not answerer.ask("does gwi nam die").answered
    assert "(Yoon Gwi-nam)" in first_quote(answerer, "who plays gwi nam")


def test_a_characters_relative_is_someone_else(answerer):
    answer = answerer.ask("Who plays Cheong-san's mother?")
    assert answer.outcome is Outcome.NOT_IN_ARTICLES and answer.missing == "who plays cheong-san's mother"
    answer = answerer.ask("who plays cheongsans mom")  # typed without the apostrophe
    assert answer.outcome is Outcome.NOT_IN_ARTICLES and answer.missing is not None


def test_a_character_asked_about_is_answered_whatever_words_describe_them(answerer):
    """The articles never call Su-hyeok "the class clown"; he is still whom the question asks about."""
    quotes = answerer.ask("who plays su-hyeok the class clown").quotes
    assert quotes and "Lomon" in quotes[0].text
    quotes = answerer.ask("whos playing su hyeok the class clown").quotes
    assert quotes and "Lomon" in quotes[0].text


def test_what_someone_gave_as_a_reason_is_their_words_giving_one(answerer):
    """"According to director Lee" names him by surname; "why" wants the words that give a reason."""
    quote = first_quote(answerer, "According to director Lee, why do the show's zombies attack people first?")
    assert "That is why" in quote
    assert not answerer.ask("did lee jae-gyu say anything about a season 2 in the conference?").answered


def test_the_role_of_someone_who_plays_no_one_is_their_job(answerer):
    assert "directed by Kim Nam-su" in first_quote(answerer, "What was Kim Nam-su's role on the series?")


def test_the_credit_sharing_the_questions_words_comes_first(answerer):
    assert "Damo" in first_quote(answerer, "wait the guy who did damo directed this??")


def test_what_else_someone_did_is_their_other_jobs(answerer):
    assert "created by Lee Jae-kyoo" in first_quote(answerer, "lee jq's role besides directing?")


def test_who_an_actor_is_is_said_by_the_sentences_about_them(answerer):
    assert "shot to fame" in first_quote(answerer, "Who is Lee Yoo-mi?")


def test_who_said_what_quotes_the_persons_own_words_first(answerer):
    assert "terror that drives them" in first_quote(answerer, "what did lee jq say about the zombies")


def test_what_the_director_said_is_the_words_of_whoever_directed_it(answerer):
    """Not the line announcing them ("Lee had previously spoken about how the zombies …")."""
    asked = "how are the zombies different from other zombies, according to the director?"
    assert first_quote(answerer, asked).startswith('"Just like the other K-zombies')
    # … and where the director talked is where his words were said.
    assert "online media conference" in first_quote(answerer, "where did the director talk about the zombies")


def test_a_link_teaser_is_never_quoted(answerer):
    answer = answerer.ask("is a season 2 coming?")
    assert answer.answered and not any("read everything" in q.text for q in answer.quotes)


def test_what_a_characters_actor_said_is_their_actors_own_words(answerer):
    """Characters give no interviews: "onjo's actress" speaks through Park Ji-hu's quotation."""
    assert "more realistic" in first_quote(answerer, "what did onjo's actress say abt the pandemic")


@pytest.mark.parametrize(("question", "pairing"), [
    ("parkjihu plays who again", "Park Ji-hu (Nam On-jo)"),  # a full name typed run together
    ("the dae su guy had me crying lmao whats the actors name", "Lim Jae-hyeok (Yang Dae-su)"),
])
def test_a_name_however_typed_is_known(answerer, question: str, pairing: str):
    assert pairing in first_quote(answerer, question)


def test_a_character_is_found_through_the_actor_who_plays_them(answerer):
    """Na-yeon's actress is Lee Yoo-mi: the sentence about her Squid Game role names the actress only."""
    assert "Ji-Yeong" in first_quote(answerer, "isnt the na-yeon actress from squid game?? who was she in that")


def test_the_cast_as_a_whole_is_answered_by_the_sentences_listing_it(answerer):
    assert "Park Ji-" in first_quote(answerer, "Who are the main actors in All of Us Are Dead?")


@pytest.mark.parametrize(("question", "fact"), [
    ("whos credited as the creator of the show", "created"),  # "credited" is talk around the job asked
    ("just finished ep 3 and yoo insoo is SO creepy 💀 whats his characters name", "Yoo In-soo (Yoon Gwi-nam)"),
    ("what production companies are behind the show", "JTBC Studios"),  # "what" with the job asks who did it
])
def test_the_facts_answer_what_they_matched_whatever_else_is_said(answerer, question: str, fact: str):
    assert fact in first_quote(answerer, question)


@pytest.mark.parametrize("question", ["who plays namra's dad", "where can i buy the webtoon in english",
                                      "What is the name of the science teacher who created the virus?"])
def test_a_fact_beside_the_question_is_no_answer_to_it(answerer, question: str):
    assert not answerer.ask(question).answered


def test_who_someone_is_is_what_they_did_on_the_series(answerer):
    assert "Kim Nam-su" in first_quote(answerer, "ok whos kim namsu exactly, keep seeing the name")
    # Who did something is for the sentences, not the facts about whoever is named.
    assert "Chung-San" in first_quote(answerer, "who died saving onjo")


@pytest.mark.parametrize(("question", "credit"), [
    ("who wrote the scripts 4 this, like all the eps", "Chun Sung-il"), ("who wrote the og comic", "Joo Dong-"),
    # How many did the job, when the question says: the version naming that many.
    ("which three people are credited as its creators?", "Lee Jae-kyoo, Chun Sung-il and Kim Nam-su"),
    # The webtoon a show was made from names no job: the writer is asked for.
    ("which writer took inspiration from the webtoon to create the show?", "Chun Sung-il"),
])
def test_a_job_done_on_the_series_or_its_source_is_a_crew_question(answerer, question: str, credit: str):
    assert credit in first_quote(answerer, question)
