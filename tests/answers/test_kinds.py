"""The answer-kind classifier: word rules, and the nearest labelled example with the real model."""

import pytest

from bot.answers.kinds import RULES, Kind, KindClassifier, load_examples
from bot.knowledge.embedding import Embedder


@pytest.fixture(scope="module")
def classifier(embedder: Embedder) -> KindClassifier:
    examples = load_examples()
    return KindClassifier(examples, embedder.encode([q for _, q in examples]))


@pytest.mark.parametrize(("question", "kind"), [
    ("who plays nam-ra", Kind.ACTOR), ("onjo actress name please", Kind.ACTOR),
    ("which character does lomon play", Kind.ROLE), ("park ji-hu's character?", Kind.ROLE),
    ("who is the director", Kind.CREW), ("screenwriter??", Kind.CREW),
    ("what did the director say about zombies", Kind.SAID), ("what else has he directed", Kind.LIST),
    ("when did it premiere", Kind.DATE), ("how many episodes are there", Kind.NUMBER),
    ("where can you stream it", Kind.PLATFORM), ("why was it delayed", Kind.REASON),
    ("is there a second season", Kind.YES_NO), ("what is the plot", Kind.DESCRIPTION),
    ("are most of the cast experienced actors?", Kind.YES_NO),  # asks for no name, though it says "actors"
    ("where did the zombie virus come from", Kind.REASON), ("what years did the webtoon run", Kind.DATE),
    ("viewing hours first week??", Kind.NUMBER),  # terse, naming a quantity
    ("is it a netflix thing or is it on some other app", Kind.YES_NO),  # "other" app, not other works
    ("did he make any other webtoons", Kind.LIST),
    ("kim byung chul is in this?", Kind.YES_NO),  # whether someone is in it, asked as a statement
    ("according to park ji-hu, why will it resonate?", Kind.SAID),
    ("according to the report, by how much has viewership grown?", Kind.NUMBER),  # a number, reported
    ("did the director explain that", Kind.SAID), ("which earlier works is he known for", Kind.LIST),
    ("where are the students trapped when the outbreak hits?", Kind.PLACE),  # a "when" clause asks no date
    ("what is the name of the teacher whose experiment caused the virus?", Kind.PERSON),
    ("whats the name of the director", Kind.CREW),
    ("which news site reported the us top 10 thing", Kind.SOURCE),  # the outlet a report is attributed to
    ("which site was the og comic on", Kind.CREW),  # a site that published the webtoon, not a report
    ("isnt the na-yeon actress from squid game?? who was she in that", Kind.ROLE),
    ("how gory is it, like lots of blood?", Kind.DESCRIPTION),  # how much of a quality
    ("what does the spoiler section say a sequel could reveal", Kind.DESCRIPTION),  # what an article tells
    ("was there hype before it came out", Kind.YES_NO),  # "before" a release is a time, not earlier works
    ("do many characters die before the end", Kind.YES_NO),  # so is "before" the end
    ("what korean stuff blew up worldwide before the k-dramas did", None),  # … and "before" a clause
    ("who is kim byung-chul playing", Kind.ROLE),
    ("who is playing on-jo", Kind.ACTOR),
    ("who did lee yoo-mi play in squid game", Kind.ROLE),
    ("what did he do before this", Kind.LIST),
    ("which zombie titles does one article compare it to?", Kind.LIST),
    ("where did director lee talk about his zombies being different", Kind.PLACE),  # where, whatever was said
    ("who shared the video of the actors learning zombie moves?", Kind.PERSON),  # not who plays whom
    ("does that one article think it has potential for a season 2", Kind.DESCRIPTION),
    ("what could a second season explore, according to the spoiler section?", Kind.DESCRIPTION),
    ("according to the articles, what is the premise", Kind.DESCRIPTION),  # the articles are no speaker
    ("what part does lomon play", Kind.ROLE),
    ("whats yoo in-soo's character called in it", Kind.ROLE),
    ("what part of the story does the finale leave open", Kind.DESCRIPTION),  # a part of the story is no role
    ("how fast did it reach no. 1", Kind.NUMBER),
    ("how fast are the zombies", Kind.DESCRIPTION),  # what they are like
    ("what did viewers on twitter praise about it", Kind.SAID),
    ("which other korean netflix titles are named alongside it?", Kind.LIST),
    ("which western zombie films are named?", Kind.LIST),  # which works of a kind: titles
    ("which growing-up genre is it said to belong to", Kind.DESCRIPTION),  # its genre, not someone's words
    ("what did the cast have to learn for the zombie scenes", Kind.DESCRIPTION),  # what they did, not who they are
    ("what actors are in it", Kind.ACTOR),
    # Who reported it or whose data it is: the outlet, whatever it says.
    ("which news site broke the story about the top 10", Kind.SOURCE), ("whose figures are these", Kind.SOURCE),
    ("which entertainment outlet's report said it topped the chart", Kind.SOURCE),
    ("where did the ratings data come from", Kind.SOURCE), ("who reported the 25 countries", Kind.SOURCE),
    ("which other big korean netflix blockbusters premiered", Kind.LIST),
    ("which actress previously starred in squid game", Kind.ACTOR),  # a person, though "previously"
    ("how much were the lead actors paid?", Kind.NUMBER),
    ("who made the zombie choreography for the actors", Kind.PERSON), ("who made the show", Kind.CREW),
    ("ok who made the original webtoon", Kind.CREW),
    ("do they think netflix will make a sequel?", Kind.DESCRIPTION),
    ("who plays the science teacher who created the zombie virus?", Kind.ACTOR),  # who made it, in a clause
    ("what genre is all of us are dead described as?", Kind.DESCRIPTION),  # its genre, not someone's words
    ("why is bts even mentioned", Kind.DESCRIPTION),  # why an article mentions it: what it says about it
    ("what else has lee jae-gyu directed", Kind.LIST), ("what else is lee yoo-mi known for", Kind.LIST),
    ("besides the zombies what else are the students struggling without", None),  # no works: no rule knows it
    ("who wrote the article about it becoming the second k-drama to trend at no. 1", Kind.AUTHOR),
    ("whos the author of the piece on the finale", Kind.AUTHOR),
    ("who wrote the scripts", Kind.CREW),  # the series' writer, not an article's  # how much, though it names actors
    ("how many actors learned the zombie moves", Kind.NUMBER),
    ("where did the writer get the idea for the story", Kind.REASON),  # where an idea came from is its origin
    ("which list did it top in the us", Kind.DESCRIPTION),  # a chart's name, not a list of works
    ("is it described as a coming-of-age show?", Kind.YES_NO),  # a label it is given, not someone's words
    ("why might cheong-san be alive, according to one writer?", Kind.DESCRIPTION),  # the article's own voice
    ("why does the author think a sequel is likely", Kind.DESCRIPTION),
])
def test_word_rules(classifier: KindClassifier, question: str, kind: Kind):
    assert classifier.by_words(question) is kind


def test_other_shows_a_question_sets_it_against_are_not_asked_for(classifier: KindClassifier):
    assert classifier.by_words("how are the zombies different from other zombie shows") is not Kind.LIST
    assert classifier.by_words("what other zombie shows is it compared to") is Kind.LIST


def test_where_it_ranks_is_no_place(classifier: KindClassifier):
    assert classifier.by_words("where does it rank among korean blockbusters") is not Kind.PLACE
    assert classifier.by_words("where does it rank, like which number") is not Kind.PLACE


def test_which_show_had_a_quantity_is_not_how_much(classifier: KindClassifier):
    assert classifier.by_words("which kdrama premiered with 634 points") is not Kind.NUMBER
    assert classifier.by_words("points on flixpatrol?") is Kind.NUMBER


@pytest.mark.parametrize(("question", "kind"), [
    ("the person in charge of directing this thing", Kind.CREW),
    ("number of chapters in the series", Kind.NUMBER),
])
def test_questions_no_rule_knows_take_the_nearest_examples_kind(classifier, embedder, question: str, kind: Kind):
    assert classifier.by_example(embedder.encode([question])[0]) is kind


def test_every_kind_has_a_rule_and_examples():
    assert {kind for kind, _ in RULES} == set(Kind)
    assert {kind for kind, _ in load_examples()} >= set(Kind) - {Kind.PERSON}
