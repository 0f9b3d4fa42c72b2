"""Whether a sentence holds what a question asks for: the real thesaurus and names, sentences written here."""

from dataclasses import replace

import pytest

from bot.answers.evidence import tokens
from bot.answers.questions import Expects, Question, analyse
from bot.knowledge.passages import Sentence
from bot.knowledge.speech import attribute


def sentence(text: str) -> Sentence:
    """A sentence as parsed, with its speaker when it reports speech."""
    return Sentence(0, "test", 0, 0, text, False, None, speaker=attribute([text])[0])


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
    ("when was it released", "It topped the chart just 7 days after its release.", False),  # reckoned from it
    ("when did it top the chart", "It topped the chart just 7 days after its release.", True),
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


@pytest.mark.parametrize(("text", "holds"), [
    ("It thus grants itself first place, with 124 million hours watched.", True),  # a position in the list
    ("Korea became the first country to have two shows in the list.", False),  # a country's rank
])
def test_where_it_ranks_among_things_is_its_position_among_them(answerer, text: str, holds: bool):
    asked = question("where did it rank among the most popular non-english series in its first week?")
    assert asked.expects is Expects.ORDINAL
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


def test_a_word_opening_a_sentence_or_a_quotation_is_no_name():
    words = tokens('The synopsis read, "A zombie virus breaks out. Endangered students flee" in Seoul.')
    assert [w.raw for w in words if w.is_name] == ["Seoul"]


def test_a_name_beside_the_thing_asked_answers_what_it_is_called(answerer):
    asked = question("what is the zombie virus called in the show?")
    matcher = answerer.analyser.matcher
    assert not matcher.has_slot(asked, sentence('The synopsis read, "A zombie virus breaks out fast."'))
    assert matcher.has_slot(asked, sentence("In the show the virus is called Jonas Virus."))
    # A name in the qualifier's place is another virus; a name after "in" is where it is.
    assert not matcher.has_slot(asked, sentence("The series was delayed by the COVID-19 virus spread in South Korea."))
    school = question("what is the high school called")
    assert matcher.has_slot(school, sentence("They are stuck in Hyosan High School."))


@pytest.mark.parametrize(("text", "holds"), [
    ("The new thriller/survival drama focuses on a set of school students.", True),
    ("It may get close to Hwang Dong-hyuk's survival drama.", False),  # Squid Game's genre, not this one's
    ("Squid Game's director also made a zombie thriller.", True),
    ("Many claimed it as the 'best horror series on Netflix'.", False),  # what fans called it, quoted
])
def test_a_genre_is_the_series_not_one_someone_elses_work_is_in(answerer, text: str, holds: bool):
    assert answerer.analyser.matcher.has_slot(question("what genre is it"), sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("All 12 episodes are now available to stream on Netflix worldwide.", True),
    ("It released on Netflix on January 28, 2022.", True),
    ("The new zombie drama debuted on the streaming platform Friday.", False),  # names no platform
    ("It achieved a new milestone on Netflix, days after Squid Game.", False),  # says nothing of where it is out
])
def test_where_to_watch_it_is_a_platform_it_is_out_on(answerer, text: str, holds: bool):
    asked = question("is it on netflix or some other app")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("More than 12 million viewers watched it.", True),
    ("Twitteratis pour in, with one user quipping that the cast was great.", False),  # "one" is someone, no count
])
def test_a_count_is_a_number_before_the_thing_counted(answerer, text: str, holds: bool):
    asked = question("how many viewers watched it")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("Just a day after its release, it took the No. 1 spot in 25 countries.", True),  # "a day" is one
    ("It took the No. 1 spot in 25 countries, a record for a series.", False),  # a number, but of no time
])
def test_how_fast_counts_a_time_however_written(answerer, text: str, holds: bool):
    asked = question("how fast did it get to #1 in 25 countries")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("As a result, Korea has become the first country to have two shows there.", True),  # what the country is
    ("As a result, it has become the first country to have two shows there.", False),  # says none
    ("Netflix said the first country to have two shows there is unknown.", False),  # no copula between
])
def test_a_name_the_sentence_says_the_thing_asked_is_names_it(answerer, text: str, holds: bool):
    asked = question("which country was the first to have two shows there")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("asked", "holds"), [
    ("who came up with the zombie moves", True),  # someone, named by their job
    ("who did the choreography for the zombies", False),  # … or the work of that job
    ("who is the choreographer who made the zombie moves", False),  # the job it names again is no answer
])
def test_an_unnamed_agent_answers_who_unless_the_question_names_the_job(answerer, asked: str, holds: bool):
    text = sentence("The actors learned zombie choreography created by dancer and choreographer, a user said.")
    assert answerer.analyser.matcher.has_slot(question(asked), text) is holds


def test_the_first_seasons_cast_is_not_the_next_ones(answerer):
    matcher = answerer.analyser.matcher
    cast = sentence("The cast includes Park Ji-hu, Yoon Chan-young and Cho Yi-hyun.")
    assert matcher.has_slot(question("who is in the cast"), cast)
    assert not matcher.has_slot(question("who is in the cast of season 2"), cast)


def test_the_speaker_of_a_sentence_is_no_name_it_gives(answerer):
    asked = question("which countries did it top")
    matcher = answerer.analyser.matcher
    soompi = replace(sentence("It took the No. 1 spot in 25 countries across the globe, Soompi reported."),
                     speaker="Soompi")
    assert not matcher.has_slot(asked, soompi)
    assert matcher.has_slot(asked, sentence("It took the No. 1 spot in countries like Brazil and Japan."))


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
    scene = sentence('After "Squid Game" became a sensation, Korea has produced its second No. 1 series.')
    assert not matcher.elsewhere(scene, frozenset({None}))
    other = sentence('After "Squid Game" became a sensation, "Hellbound" premiered with 634 points.')
    assert matcher.elsewhere(other, frozenset({None}))


@pytest.mark.parametrize(("asked", "text", "holds"), [
    # A roll of names (a cast list) tells nothing of what happens in the story.
    ("what happens to su-hyeok at the end",
     "The cast includes Park Ji-hu (Nam On-jo), Cho Yi-hyun (Choi Nam-ra) and Lomon (Lee Su-hyeok).", False),
    ("what happens to su-hyeok at the end", "Su-hyeok survives the end.", True),
    ("who is in the cast",
     "The cast includes Park Ji-hu (Nam On-jo), Cho Yi-hyun (Choi Nam-ra) and Lomon (Lee Su-hyeok).", True),
    # The first season's figures do not answer for a later one.
    ("how many episodes will season 2 have", "The writer penned all 12 episodes of the first season.", False),
    ("how many episodes will season 2 have", "The second season will have 8 episodes.", True),
    # Where something was said is a place; a nationality before a noun is none.
    ("where did lee make his comments", '"Ours have terror," Lee said in an online conference.', True),
    ("where did he talk about it", "He spoke about the zombies in the Korean series.", False),
    ("where did he talk about it", "He spoke about the zombies in Seoul.", True),
    # A genre question wants a genre.
    ("what genre is the series?", "The new thriller/survival drama focuses on students.", True),
    ("what genre is the series?", "The new drama debuted on Friday.", False),
    # "that is why" gives a reason.
    ("why do the zombies attack people first", "That is why they want to strike first.", True),
    # Who did it is answered by what they do; their name is not.
    ("who came up with the zombie moves", "Their choreography was created by dancer and choreographer.", True),
    ("what is the name of the choreographer", "Their choreography was created by dancer and choreographer.", False),
    # Where the story takes place is not where it was filmed, nor whether the place is real.
    ("where was the show filmed", "The students are trapped in Hyosan High School.", False),
    ("where was the show filmed", "The zombie thriller film reached No. 1 in Netflix's Top 10.", False),
    ("where was the show filmed", "The series was shot in Seoul and Incheon.", True),
    ("where did they film the school scenes", "The school scenes were filmed at a closed school in Jeonju.", True),
    ("is hyosan a real city?", "The survivors must escape and reach the city.", False),
    ("is hyosan a real city?", "Hyosan is a fictional city.", True),
    ("which real school did they use for hyosan high", "They are stuck in Hyosan High School.", False),
    ("where are the students trapped", "The students are trapped in Hyosan High School.", True),
    # Asked for its name, a place is named.
    ("what's the name of the school where it happens", "The plot is set on the campus of a high school.", False),
    ("what's the name of the school where it happens", "The students are trapped in Hyosan High School.", True),
    # Other works of the kind asked for: a title introduced with another genre is none.
    ("what other zombie shows is it compared to", 'It tops the chart after the survival thriller show, "Squid Game."',
     False),
    ("what other zombie shows is it compared to", '"World War Z" or "The Walking Dead", there are countless others.',
     True),
    ("what other shows is it compared to", 'It tops the chart after the survival thriller show, "Squid Game."', True),
    # Nor is a work the question sets aside ("besides Squid Game"), though one it asks about is.
    ("what other shows topped the chart besides squid game", 'It tops the chart after the show "Squid Game."', False),
    ("was squid game the only other show to top the chart", 'It tops the chart after the show "Squid Game."', True),
    # Who plays someone is an actor named as playing them, not anyone beside them in the story.
    ("who plays kang sae-byeok in squid game", "She dies to save a fellow contestant Kang Sae-byeok.", False),
    ("who played ji-yeong in squid game", "Lee Yoo-mi became famous in Squid Game, where she played Ji-Yeong.", True),
    ("who plays gi-hun in squid game", "The cast includes Lee Jung-jae (Seong Gi-hun).", True),
    # Who acts as a body is named by what they are; not asked for a name.
    ("who are they waiting for to rescue them", "They wait for authorities to rescue them.", True),
    ("what is the name of the officer who rescues them", "They wait for authorities to rescue them.", False),
    # Who reported it is the outlet a sentence is attributed to, not someone quoted.
    ("which news site reported it", "It topped the list, as per a report on Deadline.", True),
    ("which news site reported it", '"It is scary," Park said.', False),
    ("which news site reported it", "Another hailed the opening sequence.", False),
    # Whether many do something is answered by how many.
    ("do a lot of characters die", "The losses were numerous, the scriptwriters spared no one.", True),
    ("do a lot of characters die", "If you don't see a character die on screen, there's always hope.", False),
    # Where something was posted is the site.
    ("where was the video posted", '"They learned zombie moves," a Twitter user said while sharing a video.', True),
    # Where something comes from is its inspiration or the source cited for it; why it happened, only a cause.
    ("where did the writer get the idea for the story", "The writer was inspired by a successful webtoon.", True),
    ("where did the premiere data come from", "It premiered with 679 points, Koreaboo reported, citing FlixPatrol.",
     True),
    ("why is the show so good", "It received the highest rating, Koreaboo reported, citing FlixPatrol.", False),
])
def test_a_sentence_holds_what_the_question_asks_for(answerer, asked: str, text: str, holds: bool):
    """The question as the answer path reads it (its kind decides what it asks for)."""
    analysed = answerer.analyser.analyse(asked)
    assert answerer.analyser.matcher.has_slot(analysed.question, sentence(text)) is holds


def test_an_unnamed_speaker_is_who_posted_it_but_has_no_name(answerer):
    matcher = answerer.analyser.matcher
    posted = replace(sentence('"They learned zombie choreography," a Twitter user said.'), speaker="a Twitter user")
    assert matcher.has_slot(question("who posted the video"), posted)
    assert not matcher.has_slot(question("what is the name of the user who posted it"), posted)
    outlet = replace(sentence("As per a report on Deadline, it topped the list."), speaker="Deadline")
    assert not matcher.has_slot(question("who wrote the article"), outlet)


@pytest.mark.parametrize(("asked", "holds"), [
    ("what did park ji-hu say about the pandemic and the show", True),
    ("what did park ji-hu say about learning the zombie choreography", False),
    ("what did park ji-hu say about it when it came out", True),  # the series itself, then a clause of time
])
def test_what_someone_said_about_something_touches_it(answerer, asked: str, holds: bool):
    said = replace(sentence('"Because we are living this pandemic, I think it became more realistic," Park said.'),
                   speaker="Park Ji-hu")
    analysed = answerer.analyser.analyse(asked)
    assert answerer.analyser.matcher.has_slot(analysed.question, said) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("The ghouls are still popular, and it's not AMC who will say the opposite.", True),
    ("The ghouls are still popular, and the networks will not say the opposite.", False),  # names none
    ("The zombie drama debuted on the platform Friday.", False),  # a day is no name of a thing
])
def test_a_name_of_a_kind_the_articles_never_use_is_any_name(answerer, text: str, holds: bool):
    asked = answerer.analyser.analyse("which us network still loves zombies")
    assert asked.question.target == ()
    assert answerer.analyser.matcher.has_slot(asked.question, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("Last year, Squid Game became Netflix's most watched show ever.", True),  # a superlative
    ("Squid Game was watched for 1.65 billion hours.", True),  # a figure
    ("Squid Game became a talking point last year.", False),
])
def test_how_big_is_a_figure_or_a_superlative(text: str, holds: bool, answerer):
    asked = question("how big was squid game on netflix")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("The series is created and directed by Kim Nam-su and Lee JQ.", False),  # what he did, not what he does next
    ("Lee JQ will direct a new film next year.", True),
])
def test_what_someone_does_next_is_what_is_to_come(answerer, text: str, holds: bool):
    asked = question("what's lee jq working on next after this")
    assert asked.next_work
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("It is the fifth Korean blockbuster series to premiere on Netflix.", True),  # this one the fifth to premiere
    ("It is the second Korean blockbuster series to reach the No. 1 mark.", False),  # a rank for something else
])
def test_a_rank_among_those_that_did_it_counts_them(answerer, text: str, holds: bool):
    asked = question("how many korean blockbuster series had premiered on netflix")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("The streamer hasn't renewed the series, but it has great potential for a second season.", False),  # whether
    ("Exploring the political aspect of the story could also be interesting.", True),  # what about
])
def test_what_a_sequel_could_be_about_is_told_by_a_sentence_about_the_story(answerer, text: str, holds: bool):
    asked = question("what could a second season explore")
    assert asked.next_story and not question("is s2 happening").next_story
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("text", "holds"), [
    ("Lee had previously spoken about how the zombies were different from those in other productions.", False),
    ('"Most zombies have hunger that drives them, but ours have terror that drives them," Lee said.', True),
])
def test_a_sentence_announcing_what_was_said_is_no_answer(answerer, text: str, holds: bool):
    asked = question("how are the zombies in this different from other zombie shows")
    assert answerer.analyser.matcher.has_slot(asked, sentence(text)) is holds


@pytest.mark.parametrize(("asked", "holds"), [
    ("how many hours did squid game get in its first week", False),  # a month's count is no week's
    ("how many hours did squid game get in its first month", True),  # 28 days is about a month
    ("how many hours has squid game been watched", True),  # no period asked
])
def test_a_count_over_another_period_is_no_answer(answerer, asked: str, holds: bool):
    text = sentence("Squid Game has accumulated more than a billion hours viewed in its first 28 days.")
    assert answerer.analyser.matcher.has_slot(question(asked), text) is holds
