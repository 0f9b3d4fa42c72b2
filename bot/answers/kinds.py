"""The kind of answer a question wants: person for a role, role for a person, crew, date, number, ….

First a table of word rules (one row per kind, first match wins); when no rule fires, the kind of
the nearest labelled example question (bot/data/answer_kinds.txt) by the embedding model already
loaded, so a terse "director??" and a chatty "who was the director of this thing" land on one kind.
The kind decides which evidence counts: cast and crew questions are answered from the extracted
facts, the others from sentences holding the right slot (a date, a number, a name).
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import numpy as np

from bot.answers.questions import ARTICLE, PLATFORM, SOURCE, WHEN, WHERE_IT_RANKS, WHY_MENTIONED, WRITERS, Expects

KINDS_FILE = Path(__file__).resolve().parent.parent / "data" / "answer_kinds.txt"


class Kind(StrEnum):
    ACTOR = "actor"  # who plays a character
    ROLE = "role"  # which character a person plays
    CREW = "crew"  # who directed, wrote, created, produced; the original webtoon
    DATE = "date"
    NUMBER = "number"
    PLACE = "place"
    PLATFORM = "platform"
    YES_NO = "yes_no"
    LIST = "list"
    REASON = "reason"
    SAID = "said"
    SOURCE = "source"  # who reported it, whose data: the outlet a sentence is attributed to
    DESCRIPTION = "description"
    PERSON = "person"  # some other "who"
    AUTHOR = "author"  # who wrote one of the articles: its byline


# The kinds answered from the cast and crew facts ("who is Kim Nam-su?" among the persons).
FACT_KINDS = frozenset({Kind.ACTOR, Kind.ROLE, Kind.CREW, Kind.PERSON})
# The slot a sentence must hold for each kind (bot.answers.evidence).
EXPECTS = {Kind.ACTOR: Expects.PERSON, Kind.ROLE: Expects.PERSON, Kind.CREW: Expects.PERSON,
           Kind.PERSON: Expects.PERSON, Kind.DATE: Expects.DATE, Kind.NUMBER: Expects.NUMBER,
           Kind.PLACE: Expects.PLACE, Kind.SAID: Expects.SPEECH, Kind.REASON: Expects.REASON,
           Kind.LIST: Expects.OTHER_TITLE, Kind.PLATFORM: Expects.PLATFORM, Kind.SOURCE: Expects.SOURCE}

# The verbs a yes-or-no question opens with.
AUXILIARY = r"(is|are|was|were|do|does|did|has|have|can|will|could)"
# At the start of a rule: the question has no question word anywhere.
_NO_QUESTION_WORD = r"^(?!.*\b(who|whom|whose|what|which|when|where|why|how)\b)"
# Word rules, first match wins; they read the normalised question (bot.answers.normalise).
RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    # Who wrote an article, not the series ("who wrote the article about it trending at No. 1").
    (Kind.AUTHOR, rf"\b(who|whose|which (journalist|reporter))\b.*\b(wrote|writes?|written|penned|authored)\b.*"
                  rf"\b{ARTICLE}\b|"
                  r"\b(author|writer|journalist|reporter|byline) (of|for|on) (the|that|this|one|an?) (\w+ )?"
                  r"(article|piece|story|report|post)\b|\b(article|piece|report)['’]?s? (author|writer|byline)\b"),
    # Where it ranks or placed is a position, not a place (bot.answers.questions reads which).
    (Kind.DESCRIPTION, WHERE_IT_RANKS.pattern),
    # Opening on "where", a place, whatever was done there ("where did lee talk about his zombies").
    # Where it ranks is a rank, not a place.
    (Kind.PLACE, r"^where\b(?!.*\b(watch|stream\w*|(come|came|comes) from|buy|read|rank\w*|idea|inspir\w*)\b)"),
    # Where an idea came from is its origin ("where did the writer get the idea for it").
    (Kind.REASON, r"^where\b.*\b(idea|inspir\w*)\b|\bwhat inspired\b"),
    # Why an article mentions something is what it says about it ("why is bts even mentioned").
    (Kind.DESCRIPTION, WHY_MENTIONED.pattern),
    # What "they" (the articles) think is what the articles tell ("do they think netflix will make a sequel").
    (Kind.DESCRIPTION, rf"\b(do|does|did) (they|you|(the|one|that|this) (articles?|{WRITERS})) "
                       r"(think|reckon|expect|say|suggest)\b"),
    # Which chart it topped is a name, not a list of works ("which list did it top in the us").
    (Kind.DESCRIPTION, r"\b(which|what) ([\w-]+ )?(list|chart|top 10|top ten)s?\b"),
    # What genre it is described as is its genre, not someone's words.
    (Kind.DESCRIPTION, r"\b(what|which) ([\w-]+ )?(genre|kind of (show|series|drama))\b"),
    # What an article says is what it tells, not someone's words ("what does the spoiler section say …").
    (Kind.DESCRIPTION, r"\b(article|section|piece|synopsis|description)s? (say|says|said|think|thinks|mention\w*)\b|"
                       rf"\baccording to (the|that|this|one) (\w+ )?((article|section|piece|synopsis)s?|{WRITERS})\b"),
    # Whether it is described or called something ("is it described as a coming-of-age show") asks for that label, not
    # for someone's words.
    (Kind.YES_NO, rf"{_NO_QUESTION_WORD}{AUXILIARY}\b[\w' -]* (described|called|considered|labell?ed|regarded|"
                  r"hailed|dubbed|billed|branded|marketed) as\b"),
    # Who published it, whose data, whatever it says.
    (Kind.SOURCE, SOURCE.pattern),
    (Kind.SAID, r"\b(say|said|says|saying|think|thought|talk\w*|spoke|speak|react\w*|opinions?|reviews?|"
                r"explain\w*|describ\w*|prais\w*|hail\w*|critici[sz]\w*|complain\w*)\b"),
    # Other works, not "some other app": "what else he did", "other shows", "before this", "his previous films".
    # "before" a release, a premiere or the end is a time, not earlier works ("was there hype before it came out"), and
    # so is "before" a clause ("what blew up before the k-dramas did").
    # Asking how or why, other shows are what it is set against ("how are its zombies different from other shows").
    # Which cast member did something before asks for someone ("which cast member previously shot to fame").
    # "What else has he directed" asks for works; "what else are the students struggling without", "who else is in the
    # cast" do not.
    (Kind.LIST, r"^(?!how\b|why\b|(which|what) (cast members?|actors?|actress(es)?|stars?)\b)"
                r".*(?:\bwhat else (?:has|have|had|did|does|do)\b|"
                r"\bwhat else (?:is|was|are|were) [\w -]+ (?:in|known for)\W*$|"
                r"\b(others|previous\w*|previously|earlier)\b|"
                r"\b(titles?|shows?|films?|movies?|productions?)\b.*\bcompar\w*|"
                r"\bbefore\b(?!.*\b(release\w*|came out|premiere\w*|aired|launch\w*|debut\w*|dropp?ed|end\w*|"
                r"finale|did|was|were|became|blew|got|went|happened|took|hit)\b)|"
                r"\bother (\w+ ){0,3}(shows?|series|dramas?|k-?dramas?|films?|movies?|titles?|roles?|works?|projects?|"
                r"productions?|blockbusters?|webtoons?|comics?|books?|stuff)\b|"
                # Which works of a kind ("which western zombie titles", "what korean blockbusters") are titles.
                r"^(which|what) (\w+ ){0,3}(shows|k-?dramas|films|movies|titles|productions|blockbusters)\b)"),
    # A yes-or-no question that asks for nothing else ("are most of the cast new actors?") wants no name.
    (Kind.YES_NO, rf"{_NO_QUESTION_WORD}{AUXILIARY}\b"),
    # "kim byung chul is in this?": whether someone is in it, asked as a statement.
    (Kind.YES_NO, rf"{_NO_QUESTION_WORD}.*\b(is|was|are|were) in\b"),
    # Who shared or posted something is someone, whatever it shows ("who shared the video of the actors …"); so is
    # who made something of the series other than the series ("who made the zombie choreography for the actors").
    (Kind.PERSON, r"\bwho (first )?(shared|posted|tweeted|uploaded|leaked|filmed)\b|"
                  r"^who (made|created|designed|did|came up with) the "
                  r"(?!(\w+ )?(show|series|drama|webtoon|comic|manhwa|story)\b)\w+"),
    # How much or how many, whoever it is about ("how much were the lead actors paid").
    (Kind.NUMBER, r"\bhow (many|much)\b"),
    # What the actors did ("what did the actors have to learn") asks about them, not for them.
    (Kind.DESCRIPTION, r"^(what|how|why)\b(?!.*\bwho\b).*\b(did|do|does|have|had|were|are|was) (the |its |all the |"
                       r"most of the )?(actors|actresses|cast|cast members|actor|actress)\b"),
    # "what part does she play" asks for a role; "what part of the story" does not.
    (Kind.ROLE, r"\b(which|what) (character|role|part(?! of\b))\b|\bplays? (who|which|what)\b|\bcharacter\W*$|"
                r"\b(character|role)s? (name|is|called|named)\b|\bis which\b|\bwho (is|was) \w+ in\b|"
                # "who is jeon bae-soo playing", "who did she play there" ask a role; "who is playing nam-ra" an actor.
                r"\bwho (is|was|are|were) (?!playing\b)[\w -]+ playing\b|"
                r"\bwho (did|does|do|will) (?!play\b)[\w -]+ (play|portray)\b"),
    (Kind.ACTOR, r"\bwho\b.*\b(plays?|played|playing|acts?|acted|portray\w*)\b|\b(actor|actress|actors|actresses)\b|"
                 r"\bplayed by\b|\bcast as\b|\bplays \w+\W*$"),
    (Kind.DATE, rf"{WHEN}|"
                r"\b(what (day|date|year|month|time)s?|which (day|date|year|month)s?|release date)\b"),
    # A quantity's name asks how much, unless the question asks which thing has it ("which k-drama had 634 points").
    # "how fast did it reach No. 1" asks how long; "how fast are the zombies" asks what they are like.
    (Kind.NUMBER, r"\bhow (many|much|long|soon|(quickly|fast)(?!\s+(is|are|was|were|r)\b))\b|"
                  r"^(?!.*\b(which|who)\b).*\b(count|score|points|rating|number of)\b"),
    # "according to X" asks what X said, unless it asks for a date or a number ("by how much …").
    (Kind.SAID, r"\baccording to\b"),
    (Kind.CREW, r"\b(direct\w*|helm\w*|writer|wrote|written|screenwriter|script\w*|penned|creat\w*|showrunner|"
                r"studios?|produced|producers?|production compan\w*|webtoon|comic|manhwa|manga|made|maker|"
                r"came up with|behind)\b"),
    (Kind.PLATFORM, rf"\bstream\w*\b|{PLATFORM}"),
    # "what is the name of the teacher whose experiment caused it" asks for a person, whatever follows.
    (Kind.PERSON, r"\bname of the \w+(er|or|ist|ess)\b"),
    (Kind.REASON, r"\b(why|how come|how did .* (start|begin|happen)|(come|came|comes) from)\b|"
                  r"\b(cause|caused|reason|origins?)\b"),
    (Kind.PLACE, r"\bwhere\b(?!.*\brank\w*\b)"),
    (Kind.YES_NO, rf"^{AUXILIARY}\b"),
    (Kind.PERSON, r"\bwho\b"),
    # A terse question naming a quantity ("VIEWING HOURS FIRST WEEK??", "total views?") asks how much.
    (Kind.NUMBER, rf"{_NO_QUESTION_WORD}.*\b(hours|views|viewers|points|episodes|countries)\b"),
    # How much of a quality it has ("how gory is it"): a description.
    (Kind.DESCRIPTION, r"\b(what is .* about|plot|premise|story|happens?)\b|^how \w+ (is|are|was|were)\b"),
))
# Below this similarity to its nearest example a question keeps the plain DESCRIPTION kind.
MIN_EXAMPLE_SIMILARITY = 0.5


def load_examples(path: Path = KINDS_FILE) -> list[tuple[Kind, str]]:
    """(kind, example question) rows of the labelled file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        if "|" in line:
            kind, question = (part.strip() for part in line.split("|", 1))
            rows.append((Kind(kind), question))
    return rows


class KindClassifier:
    """Word rules first, then the nearest labelled example by embedding similarity."""

    def __init__(self, examples: list[tuple[Kind, str]], vectors: np.ndarray) -> None:
        self.kinds = [kind for kind, _ in examples]
        self.vectors = vectors

    def by_words(self, text: str) -> Kind | None:
        return next((kind for kind, pattern in RULES if pattern.search(text)), None)

    def by_example(self, vector: np.ndarray) -> Kind:
        if not len(self.kinds):
            return Kind.DESCRIPTION
        similarity = self.vectors @ vector
        best = int(np.argmax(similarity))
        return self.kinds[best] if similarity[best] >= MIN_EXAMPLE_SIMILARITY else Kind.DESCRIPTION

    def classify(self, text: str, vector: np.ndarray) -> Kind:
        return self.by_words(text) or self.by_example(vector)
