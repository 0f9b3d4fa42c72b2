"""The normalisation stage on its own: the real word list and the real symspellpy dictionary."""

from collections import Counter

import pytest

from bot.answers.normalise import Normaliser, load_fan_words

ARTICLE_WORDS = Counter({"director": 5, "directed": 9, "release": 4, "released": 6, "episodes": 7,
                         "suhyeok": 2, "webtoon": 5, "outbreak": 2, "netflix": 12})


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    return Normaliser(ARTICLE_WORDS, "All of Us Are Dead")


@pytest.mark.parametrize(("typed", "tidy"), [
    ("eps in s1??", "episodes in season 1??"),
    ("whos the directer", "who is the director"),  # shorthand, and a typo mended to the likelier ending
    ("when did it relase", "when did All of Us Are Dead release"),
    ("just finished ep 5 omg 😍 who plays suhyuk", "who plays suhyeok"),  # chatter before the question
    ("gwinam actor? that guy was terrifying ngl", "gwinam actor?"),  # chatter after it; a name left alone
    ("where can u stream the show", "where can you stream All of Us Are Dead"),
    ("do they make it out", "do they make it out"),  # an idiom's "it" is not the show
    ("wait so do they survive at the end or what", "so do they survive at the end"),  # a tag, not a question
    ("whats it about in like one sentence", "what is All of Us Are Dead about"),  # a request for brevity
    ("wat is aouad even about lol my gf keeps telling me", "what is All of Us Are Dead about"),  # an aside after
    ("binged it all in 2 days, how many eps total", "how many episodes total"),  # what the fan was doing
    ("is it super gory tho, im squeamish lol", "is All of Us Are Dead gory"),  # an aside after a yes-or-no
    ("does my fav survive", "does my fav survive"),  # the subject of a yes-or-no question is no aside
    ("who directed it my friend says its lee", "who directed All of Us Are Dead"),
    ("give me the plot in one line pls", "the plot please"),  # how to answer, not what about
    ("where was the zombie choreo video posted", "where was the zombie choreography video posted"),
    ("how do i change my netflix profile pic", "how do i change my netflix profile pic"),  # what it asks about
    ("why did it take so long", "why did All of Us Are Dead be delayed"),  # an idiom in the articles' word
    ("r most of the actors newbies??", "are most of the actors new actors??"),
    ("r most of the actors newcomers?", "are most of the actors new actors?"),
    ("ok random q but was there hype", "was there hype"),
    ("yo when did it drop on netflix", "when did All of Us Are Dead drop on netflix"),  # a greeting
    ("did it top the U.S. list", "did All of Us Are Dead top the U.S. list"),  # the U of U.S. is no "u"
    ("who plays the bully, they killed it ngl", "who plays the bully"),  # an aside after a comma
    ("the bully was so scary lol whos the actor", "the bully was so scary who is the actor"),  # asks of what it said
    ("can u watch it outside korea", "can you watch All of Us Are Dead worldwide"),  # where it is out: worldwide
    ("did all the eps come out at once", "did all the episodes release together"),  # the articles' "together"
    ("what yr did it come out", "what year did All of Us Are Dead release"),
    ("how many hrs in week 1", "how many hours in first week"),
    ("whats their end goal", "what is their goal"),  # an end goal is no ending
    ("what do they not have while trapped", "what do they lack while trapped"),  # what they lack, not what they have
    ("what are they running out of", "what are they lacking"),
    ("what did ppl on twt think", "what did people on twitter think"),
    ("was it no 1 in the us", "was All of Us Are Dead no 1 in the US"),  # the country, not "us"
    ("124 million hours... was that week one or total", "124 million hours... was that first week or total"),
    ("omg. is that show good", "is that show good"),  # "that show" is the show, not what was just said
])
def test_fan_wording_becomes_tidy(normaliser: Normaliser, typed: str, tidy: str):
    assert normaliser.normalise(typed) == tidy


def test_known_words_and_case_are_kept(normaliser: Normaliser):
    # "US" must stay upper case: lower-cased it is the pronoun "us".
    assert normaliser.normalise("How long did it take to top the US chart?") == \
        "How long did All of Us Are Dead take to top the US chart?"


def test_the_articles_words_win_over_english_ones(normaliser: Normaliser):
    assert normaliser.normalise("the webtoom") == "the webtoon"


def test_the_word_list_is_data():
    table = load_fan_words()
    assert table["ppl"] == "people" and table["omg"] == "" and "{series}" in table["it"]


def test_a_run_together_name_is_left_for_the_name_matcher():
    """With another show's "Dong-hyuk" in the articles, "hyuk" is a word two edits from "suhyuk": a
    given name of the series (Su-hyeok) typed run together must not be "mended" into it."""
    normaliser = Normaliser(Counter({"hyuk": 3, "plays": 2}), "All of Us Are Dead", names=["Su-hyeok", "Dong-hyuk"])
    assert normaliser.normalise("who plays suhyuk") == "who plays suhyuk"
    assert normaliser.normalise("who plays hyukk") == "who plays hyuk"  # not a name: mended as before


def test_a_possessive_is_not_mended_as_a_typo():
    """ "hu's" is Ji-hu's: a short owner is left alone, never turned into "hubs"."""
    normaliser = Normaliser(Counter({"character": 4, "hubs": 1}), "All of Us Are Dead", names=["Ji-hu"])
    assert normaliser.normalise("park ji hu's character?") == "park ji hu's character?"


def test_a_question_pointing_back_keeps_who_it_points_to():
    """ "his" is Yoo In-soo's: the aside naming him is kept, though chatter ends with the emoji."""
    normaliser = Normaliser(Counter({"character": 4}), "All of Us Are Dead", names=["In-soo"])
    assert normaliser.normalise("yoo insoo is SO creepy 💀 whats his characters name") == \
        "yoo insoo is SO creepy what is his characters name"


def test_a_name_typed_with_capitals_is_left_as_typed():
    normaliser = Normaliser(Counter({"korean": 9}), "All of Us Are Dead")
    assert normaliser.normalise("Who is Joel Kurian?") == "Who is Joel Kurian?"
    assert normaliser.normalise("who is joel kurian?") == "who is joel korean?"  # lower case: a typo, as before
