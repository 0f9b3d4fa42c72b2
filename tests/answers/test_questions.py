import pytest

from bot.answers.questions import MAX_QUESTION_CHARS, Expects, Question, Rejection, analyse, clean, split_questions
from bot.knowledge.text import term, terms

KNOWN = frozenset({"episod", "cast", "netflix", "dead"})


@pytest.mark.parametrize("raw", ["", "   \n\t", "🧟‍♀️🔥😱", "?!...", "\u200b\u200f"])
def test_nothing_to_answer(raw: str):
    assert analyse(raw, KNOWN) is Rejection.EMPTY


def test_gibberish_is_not_a_question():
    assert analyse("qwzx vbnmk ptrr", KNOWN) is Rejection.EMPTY


def test_korean_is_recognised():
    assert analyse("지금 우리 학교는 몇 부작이야?", KNOWN) is Rejection.NOT_ENGLISH


def test_invisible_characters_and_discord_markup_are_dropped():
    assert clean("how\u200b many\u202e episodes @everyone <@&123> ||x|| `code`") == "how many episodes x code"


def test_a_long_paste_is_cut_to_a_readable_question():
    question = analyse("how many episodes " * 400, KNOWN)
    assert isinstance(question, Question)
    assert len(question.text) <= MAX_QUESTION_CHARS


@pytest.mark.parametrize(("raw", "expects"), [
    ("When did it premiere?", Expects.DATE), ("What day did it come out?", Expects.DATE),
    ("How many episodes are there?", Expects.NUMBER), ("What was its FlixPatrol score?", Expects.NUMBER),
    ("how big was squid game on netflix", Expects.SIZE),
    ("Who plays Nam-ra?", Expects.PERSON), ("Which character does Lomon play?", Expects.PERSON),
    ("Which webtoon is it based on?", Expects.NAME), ("What caused the outbreak?", Expects.ANY),
    ("Is it the first k-drama to top Netflix?", Expects.ORDINAL), ("Is there a second season?", Expects.ANY),
    ("Viewing hours in the first week?", Expects.ANY),
])
def test_the_kind_of_answer_asked_for(raw: str, expects: Expects):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question) and question.expects is expects


def test_how_long_counts_in_units_of_time():
    question = analyse("How long did it take to reach No. 1?", KNOWN)
    assert isinstance(question, Question) and question.expects is Expects.NUMBER and "day" in question.target


@pytest.mark.parametrize(("raw", "parts"), [
    ("who directed it and when did it come out?", ["who directed it", "when did it come out?"]),
    ("how many eps? when was it released", ["how many eps", "when was it released"]),
    ("who plays cheongsan and onjo", ["who plays cheongsan and onjo"]),
    ("and hellbound? did it premiere higher", ["and hellbound? did it premiere higher"]),
    ("is lee yoo-mi in this? who does she play", ["is lee yoo-mi in this? who does she play"]),
])
def test_a_message_asking_two_questions_is_split(raw: str, parts: list[str]):
    assert split_questions(raw) == parts


def test_the_two_word_thing_asked_about():
    question = analyse("what age rating does the show have", KNOWN)
    assert isinstance(question, Question) and question.compound == (term("age"), term("rating"))
    question = analyse("what day did it come out", KNOWN)
    assert isinstance(question, Question) and question.compound is None
    question = analyse("which zombie titles does it get compared to", KNOWN)  # a kind of work
    assert isinstance(question, Question) and question.compound is None
    question = analyse("which growing-up genre is it", KNOWN)  # the genre asked for, described
    assert isinstance(question, Question) and question.compound is None


@pytest.mark.parametrize(("raw", "next_work"), [
    ("what's yoon chan-young doing next, any new drama?", True), ("whats lee jq working on next", True),
    ("is it expected to be netflix's next big hit", False),  # the series' future, not someone's next work
    ("what did lee jq direct before this", False),
])
def test_asking_what_someone_does_next(raw: str, next_work: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question) and question.next_work is next_work


def test_the_genres_a_genre_question_guesses_at_are_not_asked_for():
    question = analyse("what genre is it exactly, horror? thriller?", KNOWN)
    assert isinstance(question, Question) and not {"horror", "thriller"} & set(question.words)


def test_a_choice_offers_its_alternatives():
    question = analyse("is it on netflix or disney+", KNOWN)
    assert isinstance(question, Question)
    assert question.alternatives == (term("netflix"), term("disney+"))
    question = analyse("is it a movie or a series", KNOWN)
    assert isinstance(question, Question) and question.alternatives == (term("movie"), term("series"))
    question = analyse("what other zombie shows/movies is it compared to", KNOWN)  # a slash offers a choice too
    assert isinstance(question, Question) and question.alternatives == (term("shows"), term("movies"))


@pytest.mark.parametrize(("raw", "figures"), [
    ("how many hours did it get in its first 28 days", ("28",)),
    ("how many episodes will season 2 have", ()),  # numbers a part: the articles write "second season"
    ("did it hit #1 in the top 10", ("10",)),
    ("how many points did it have on sunday", (term("sunday"),)),  # a day pins it down as a number does
    ("may i ask how many episodes", ()),  # "may" is a verb here
    ("is it 16 episodes like most k-dramas?", ()),  # a guess at the count: the answer gives the right one
    ("how many hours did it get in its second week", ("second",)),  # a later period
    ("how many points did it get on its first day", ()),  # the first goes by other names (its opening day)
    ("what happened on january 28", (term("january"),)),  # a day of the month is no count: its month pins it
])
def test_figures_that_pin_a_question_down(raw: str, figures: tuple[str, ...]):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.figures == figures


@pytest.mark.parametrize(("raw", "expects", "target"), [
    ("what is the zombie virus called in the show?", Expects.NAME, ("virus",)),
    ("which webtoon is it based on", Expects.NAME, (term("webtoon"),)),
    ("which real korean city is hyosan based on", Expects.NAME, (term("city"),)),  # the noun ending the phrase
    ("is it the first kdrama to top netflix", Expects.ORDINAL, (term("kdrama"),)),
    ("how many hours watched did it get", Expects.NUMBER, (term("hours"),)),
    ("how many ranking points did it get", Expects.NUMBER, (term("ranking"), term("points"))),
    ("how many subscribers watched it", Expects.NUMBER, (term("subscribers"),)),  # the count stops at the verb
    ("what were the ranking points on sunday", Expects.NUMBER, (term("points"),)),  # what counts them, as how many
    ("how much did the show cost to make", Expects.NUMBER, tuple(terms("dollars dollar won usd euros pounds"))),
    ("which 25 countries was it #1 in", Expects.NAME, (term("countries"),)),  # each counted thing by name
    ("can u list the 25 countries it topped", Expects.NAME, (term("countries"),)),
    ("whats the name of the school they're stuck in", Expects.NAME, (term("school"),)),
    ("is it on netflix or some other app", Expects.PLATFORM, ()),
    ("is it available worldwide or only in korea", Expects.PLATFORM, ()),  # whether it is out everywhere
    ("what record did it set when it reached no. 1", Expects.NAME, (term("record"),)),  # "when" after "what": no date
    ("when did it reach no. 1", Expects.DATE, ()),
    ("kdramas blowing up on netflix or wat", Expects.ANY, ()),  # "or wat" is chatter, no choice of platform
])
def test_the_thing_a_question_names_or_ranks_or_counts(raw: str, expects: Expects, target: tuple[str, ...]):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert (question.expects, question.target) == (expects, target)


@pytest.mark.parametrize(("raw", "real"), [
    ("where was it filmed", True), ("where did they shoot the school scenes", True),
    ("is hyosan a real city", True), ("where is hyosan irl", True), ("In which real city was the series filmed?", True),
    ("when did filming start", False), ("where are the students trapped", False),
    ("was film monster involved in making it", False), ("who plays nam-ra irl", False),
    ("which studio co-produced it alongside film monster", False),  # a studio named Film, no filming
])
def test_a_question_about_the_real_place_behind_the_story_is_read(raw: str, real: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.real_place is real


def test_words_about_the_articles_are_no_part_of_what_is_asked():
    question = analyse("why does one article bring up AMC?", KNOWN)
    assert isinstance(question, Question)
    assert question.expects is Expects.ANY and "article" not in question.words and "amc" in question.words
    # Nor is the articles' writer: "writer" asks for no crew member here.
    question = analyse("why might he be alive, according to one writer?", KNOWN)
    assert isinstance(question, Question) and not {"writer", "according", "one"} & set(question.words)


@pytest.mark.parametrize(("raw", "position"), [
    ("where did it place on the ranking of the most popular non-english series", True),
    ("where does the story take place", False),  # a place (the kind says so: bot.answers.kinds)
])
def test_where_it_placed_is_a_position(raw: str, position: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question) and (question.expects is Expects.ORDINAL) is position


def test_number_one_is_a_rank_not_a_number_asked_for():
    question = analyse("which 25 countries was it number one in?", KNOWN)
    assert isinstance(question, Question)
    assert (question.expects, question.target) == (Expects.NAME, ("cuntri",))


@pytest.mark.parametrize(("raw", "later"), [
    ("how many episodes will season 2 have", True), ("will there be a second season", True),
    ("how many episodes are in the first season", False), ("what happens in episode 2", False),
])
def test_a_later_season_is_read(raw: str, later: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.later_season is later


@pytest.mark.parametrize(("raw", "expects"), [
    ("what number korean blockbuster series is it", Expects.ORDINAL), ("what genre is it", Expects.GENRE),
    ("what kind of show is it", Expects.GENRE), ("what number of episodes", Expects.NUMBER),
    # Whether many do something asks how many.
    ("do a lot of characters die?", Expects.QUANTITY), ("are most of the cast new actors?", Expects.QUANTITY),
    ("is it 16 eps like most kdramas?", Expects.ANY),  # "like most" compares; it asks no quantity
])
def test_a_rank_a_genre_or_a_quantity_is_asked(raw: str, expects: Expects):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.expects is expects


@pytest.mark.parametrize(("raw", "story"), [
    ("how does it end", True), ("does nam-ra survive", True),
    ("what is the plot", False),  # the premise: a fan asking it wants no spoilers
])
def test_a_question_about_how_the_story_goes(raw: str, story: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.about_the_story is story


@pytest.mark.parametrize(("raw", "story"), [
    ("what could season 2 explore", True),  # what only the first season's end tells
    ("when is season 2 coming out", False),
])
def test_a_later_seasons_story_is_asked_from_how_this_one_ends(raw: str, story: bool):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question) and question.about_the_story is story


def test_what_it_is_about_asks_for_the_plot():
    question = analyse("what is All of Us Are Dead about", KNOWN)
    assert isinstance(question, Question) and "plot" in question.words


def test_the_head_of_where_can_i_is_its_verb():
    question = analyse("where can i buy the webtoon in english", KNOWN)
    assert isinstance(question, Question) and question.head == "buy"


@pytest.mark.parametrize(("raw", "head"), [
    ("whats the full name of the school", None),  # "full" only says which name, and "name" is filler
    ("whats the real budget", "budget"),
    ("so whats the goal, escape the city?", None),  # what they are after, whatever the articles call it
    ("any theories on what s2 could explore?", None),  # guesses at it, not a thing called theories
    ("how big was squid game", None),  # a size, not an attribute called "big"
    ("what is the budget", "budget"),
    ("whats the best bts album", "album"),  # the last word of its noun phrase
    ("what is the release date of the webtoon", None),  # "date" only says which kind of answer is wanted
    ("what is the zombie virus called", "virus"),
    ("what music plays in the finale", "music"),  # what X does: X is asked for
    ("What is the official synopsis Netflix gave for it?", "synopsis"),  # up to a name starting a clause
    ("has lee yoo-mi won any awards for squid game", "awards"),
    ("kdramas are blowing up, any numbers on that", None),  # it asks for news of it
    ("why do the zombies attack first? like whats their motive", None),  # a rephrasing after the question
    ("what are the students forced to go without", "students"),  # a participle after it is the verb
    ("which movie did he direct before this", None),  # a kind of work, which the articles need not call so
])
def test_the_attribute_asked_about(raw: str, head: str | None):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question) and question.head == head


def test_a_second_question_after_filler_is_split_off():
    assert split_questions("is it a long watch? like how many eps we talkin") == \
        ["is it a long watch", "how many eps we talkin"]


def test_a_quantity_of_a_thing_asks_for_a_number_not_a_two_word_thing():
    question = analyse("what viewing-hour total did it post in its first week", KNOWN)
    assert isinstance(question, Question)
    assert question.expects is Expects.NUMBER and question.compound is None


def test_a_word_picking_among_things_makes_no_two_word_thing():
    """ "which earlier works" asks for works; the articles need not write "earlier works"."""
    question = analyse("which earlier works is he known for", KNOWN)
    assert isinstance(question, Question) and question.compound is None
    assert analyse("what age rating does it have", KNOWN).compound == (term("age"), term("rating"))


@pytest.mark.parametrize(("raw", "proper"), [
    ("was it number one in Brazil too", ("brazil",)),
    ("Did Lee Yoo-mi win an Emmy?", ("lee", "yoo-mi", "emmy")),
    ("What Western zombie titles is it compared with?", ()),  # a direction, describing
    ("is it big with Korean viewers", ()),  # a nationality
    ("Emmy winners, is she one?", ()),  # opening the question: capitalised whatever it is
    ("Brazil, was it number one there?", ("brazil",)),  # … but a country is a name wherever it stands
    ("was it number one in brazil too", ("brazil",)),  # … and however typed
])
def test_the_names_a_question_capitalises(raw: str, proper: tuple[str, ...]):
    question = analyse(raw, KNOWN)
    assert isinstance(question, Question)
    assert question.proper == tuple(term(w) for w in proper)
