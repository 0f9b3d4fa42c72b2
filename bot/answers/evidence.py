"""What one sentence offers a question: which of its words it has, and the kind of answer it asks for.

Similarity alone cannot tell "Creator Cheon Seong-il was inspired by a successful webtoon" from
"It is based on the webtoon Now at Our School": both are about webtoons and inspiration. Only the
second names one. So besides word coverage, a sentence is checked for the answer's *slot*: a name
beside the thing a "which" question asks about, a number before the thing a "how many" question
counts, a date for "when", a person's name for "who".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answers.questions import RANK, TIME_UNITS, Expects, Question
from bot.answers.weights import Weights
from bot.knowledge.names import HYPHENATED_NAME, name_key, similar_keys
from bot.knowledge.passages import REPORTING, Sentence
from bot.knowledge.subjects import OPENING_CLAUSE, Works
from bot.knowledge.text import STOPWORDS, Thesaurus, same_family, term, terms
from bot.knowledge.wordlists import GENRES, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, SCALES, WEEKDAYS

# How much a related word (synonym, same word family) counts against the word itself.
RELATED_MATCH = 0.85
# How far (in words) the named or counted thing may stand from its name or number.
NAME_WINDOW = (2, 3)
NUMBER_WINDOW = 3
# How far before the thing asked about a name may stand when a copula joins them ("Korea has become the first
# country"), and the copulas.
COPULA_WINDOW = 6
_COPULAS = frozenset("is was are were became become becomes".split())
# How far after a rank its "to …" clause may start ("the second Korean series to reach …").
RANK_CLAUSE = 6
# A sentence naming this many people is a roll of names: a cast list.
ROLL_NAMES = 4

_MONTHS = "|".join(MONTHS)
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.I)
# Capitalised, but no name of a thing: what a question for a name of an unknown kind is not answered by.
_CALENDAR = frozenset((*MONTHS, *WEEKDAYS))
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DATE = re.compile(rf"\b({_MONTHS}|{'|'.join(WEEKDAYS)}|"
                   r"(19|20)\d\d|last (year|week|month)|\d+ (days?|weeks?|months?|years?))\b", re.I)
# What a time is reckoned from: "7 days after its release".
_RECKONED_FROM = re.compile(r"\s+(?:after|before|since|following)\s+(?:(?:its|the|their|his|her)\s+)?([\w-]+)", re.I)
# When a question names the part of a date it wants (Question.date_part), a sentence must give that part.
_DATE_PARTS = {"weekday": _WEEKDAY, "year": _YEAR, "month": re.compile(rf"\b({_MONTHS})\b", re.I),
               "date": re.compile(rf"\b({_MONTHS})\b|{_YEAR.pattern}", re.I)}
# Numbers in words, but not "one", which is mostly a word for someone ("one user quipping", "one can wonder"),
# nor "zero", mostly a place ("ground zero for a zombie virus outbreak").
_NUMBER_WORDS = frozenset({w for w in NUMBER_WORDS if len(w) > 2 and w not in ("one", "zero")} | set(SCALES))
# A sentence that opens on the series itself ("It is based on …") is about it, whatever else it names.
_ABOUT_THE_SERIES = re.compile(r"^(it|its|the series|the show|the drama|this series|this show)\b", re.I)
# Quoted words: a quotation mark, then at least four words.
_QUOTATION = re.compile(r"[\"“]\s*(?:[\w'’,-]+\s+){3,}")
# A place: a capitalised name after a preposition of place, a word for a kind of place, or a site.
# Not a nationality before a noun ("in the Korean series").
_PLACE = re.compile(rf"\b(?:in|at|inside|across|near|outside|from)\s+(?:the\s+)?(?!(?i:{_MONTHS})\b)"
                    r"(?![A-Z][a-z]+(?:an|ese|ish) [a-z])[A-Z][a-z]+|"
                    r"\b(?:school|campus|city|town|village|country|countries|hospital|island|street|area|"
                    r"reach|reached|arrive|arrived|escape|escaped|trapped|stuck|set|conference|interview|event|"
                    r"festival)\b|"
                    # … or the site something was posted on ("a Twitter user said while sharing a video").
                    r"\b[A-Z]\w+ (?:users?|posts?|page|account|thread)\b")
# Words that give a cause or an origin (an inspiration).
_CAUSE = re.compile(r"\b(because|due to|owing to|in the wake of|as a result|caused|thanks to|led to|"
                    r"inspired by|based on|adapted from|result of|(that|this|which) is why|(that|this)'s why)\b", re.I)
# How many, in words: "the losses were numerous", "spared no one", "most of the cast", "countless productions".
_QUANTIFIER = re.compile(r"\b(numerous|many|most|all|every|everyone|no one|none|nobody|few|several|countless|"
                         r"dozens|hundreds|thousands|a lot|lots|plenty|majority|handful)\b", re.I)
_GENRE = re.compile(rf"\b({'|'.join(GENRES)})\b", re.I)
# Text ending inside a quotation: an opening mark before a word, and no mark since.
_IN_QUOTES = re.compile(r"(?:^|\s)[\"“‘'](?=\w)[^\"”’']*$")
_GENRE_TERMS = frozenset(terms(" ".join(GENRES)))
# How many words before a title may say what kind of work it is ("the record-breaking survival thriller show,").
KIND_WINDOW = 5
# Where it is out: a release or streaming word, then "on" a name ("available to stream on Netflix worldwide").
_AVAILABLE = re.compile(r"\b(stream\w*|available|released?|premiered?|debuted?|air(?:ed|s)?|dropped|launched|"
                        r"watch\w*)\b(?:\s+[\w,]+){0,4}?\s+on\s+(?:the\s+)?[A-Z]")
# How big something is: a figure, or a superlative ("the most watched show ever", "a record").
_SIZE = re.compile(r"\d|\b(million|billion|most|biggest|largest|highest|record\w*|ever)\b", re.I)
# The kinds of answer a pattern finds in the sentence.
_SLOT_PATTERNS = {Expects.PLACE: _PLACE, Expects.PLATFORM: _AVAILABLE, Expects.QUANTITY: _QUANTIFIER,
                  Expects.SIZE: _SIZE}
# Whose a genre is: a name's ("Hwang Dong-hyuk's survival drama" is Squid Game), not the series'.
_OWNED = re.compile(r"[A-Z][\w-]*['’]s\s+(?:[\w/-]+\s+)?$")
_RANK = re.compile(RANK, re.I)
# A rank that is a position in a list ("first place"), whatever the list ranks.
_POSITION = re.compile(r"\s+(place|spot|position)\b", re.I)
# A sentence about a season after the first: "a second season", "Season 2", "a sequel", "hasn't renewed".
_LATER_SEASON = re.compile(r"\b(season (?:[2-9]|two|three)|(?:second|third|next|new|another|future) seasons?|"
                           r"sequel|renew\w*)\b", re.I)
# Words about a story: what it explores, its plot.
_STORY = re.compile(r"\b(explor\w*|plot|story|storyline|stories|characters?|discover\w*|reveal\w*)\b", re.I)
# A sentence announcing what someone said ("Lee had previously spoken about how the zombies were different"): the
# words that follow tell it.
_ANNOUNCES = re.compile(r"\b(spoke|spoken|talked|opened up|explained|discussed)\s+(?:at length\s+)?about\s+"
                        r"(how|why|what)\b", re.I)
# How long each period is, in days, and how far two may differ and still be one ("28 days" is a month).
_PERIOD_DAYS = {"day": 1, "weekend": 2, "week": 7, "month": 30}
PERIOD_SLACK = 0.15
# The first period a count is over: "in its first week", "its first 28 days".
_STATED_PERIOD = re.compile(r"\b(?:first|opening)\s+(?:(\d+|[a-z]+)\s+)??(days?|weeks?|weekends?|months?)\b", re.I)
# What is to come: someone's next work, a plan.
_FUTURE = re.compile(r"\b(will|upcoming|next|set to|poised to|future|plans?|planned|"
                     r"currently (?:filming|working|shooting)|is working on)\b", re.I)
# Where something was filmed, or a place said to be real or made up: what a question about the real place asks.
_REAL_PLACE = re.compile(r"\b(filmed|shot|recorded|filming|shooting)\s+(?:[\w-]+\s+){0,2}?(?:in|at)\b|"
                         r"\b(real|real-life|actual|fictional|fictitious|made-up)\s+(?:[\w-]+\s+)?"
                         r"(city|town|village|school|place|location|country)\b|\bfilming locations?\b", re.I)
# Who did something, named by what they do when not by name: "choreography created by dancer and choreographer".
_AGENT = re.compile(r"\b(created|made|designed|written|directed|produced|choreographed|developed|invented|devised) "
                    r"by\b", re.I)
# Words that pair an actor with a role ("Lee Yoo-mi as Ji-Yeong", "she played Ji-Yeong").
_PAIRING = frozenset("as plays played playing portrays portrayed portraying role".split())
# Those who act as a body, named by what they are ("waiting for authorities to rescue them"): who, without a name.
_BODY = re.compile(r"\b(authorities|police|army|military|government|officials|soldiers|rescuers)\b", re.I)
_CLAUSE_END = re.compile(r"[,.;:!?\"“”]")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
# A name after one of these is where the thing is ("the virus spread in South Korea"), not what it is called.
_PLACED = frozenset("in at across inside near from".split())
# What may stand before the first word of a sentence or a quotation.
_OPENERS = frozenset(".!?:\"“‘(")


@dataclass(frozen=True)
class Evidence:
    """What one sentence offers one question, before weighing."""

    dense: float
    passage: float
    coverage: float
    names: float
    has_slot: bool
    spoils: bool  # a spoiler sentence, for a question that did not ask about the story
    elsewhere: bool = False  # about another show only, for a question that does not name it
    tells_story: bool = False  # a sentence of a spoiler section, for a question about how the story goes
    names_works: bool = True  # names (or is about) one of the other shows the question names, if it names any

    def score(self, w: Weights) -> float:
        score = w.dense * self.dense + w.passage * self.passage + w.coverage * self.coverage
        if self.tells_story:
            score += w.story
        if not self.has_slot:
            score *= w.no_slot
        if self.spoils:
            score *= w.off_story
        if self.elsewhere:
            score *= w.off_show
        if self.names < w.min_names:
            score *= w.off_names
        return score


@dataclass(frozen=True)
class Token:
    raw: str
    term: str
    opens: bool = False  # first word of a sentence or quotation: capitalised whatever it is

    @property
    def is_name(self) -> bool:
        return self.raw[:1].isupper() and not self.opens and self.raw.lower() not in STOPWORDS


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), term(m.group(0).lower().replace("’", "'").split("'")[0]),
                  not text[:m.start()].rstrip() or text[:m.start()].rstrip()[-1] in _OPENERS)
            for m in _TOKEN.finditer(text)]


class Matcher:
    """Decides whether a sentence word answers to a question word: itself, a synonym, a derivation."""

    def __init__(self, thesaurus: Thesaurus, name_terms: frozenset[str], works: Works | None = None) -> None:
        self.thesaurus = thesaurus
        self.name_terms = name_terms
        self.works = works
        self.series = works.series.title if works else None
        self._series_terms = frozenset(terms(self.series)) if self.series else frozenset()
        # How each kind of answer is found in a sentence, beyond a pattern (_SLOT_PATTERNS); NAME by default.
        self._checks: dict[Expects, Callable[[Question, Sentence, tuple[str, ...]], bool]] = {
            Expects.SPEECH: self._speech, Expects.OTHER_TITLE: self._other_title, Expects.DATE: self._date,
            Expects.ORDINAL: self._rank, Expects.PERSON: self._person, Expects.NUMBER: self._count,
            Expects.GENRE: self._genre, Expects.REASON: self._reason,
            Expects.SOURCE: lambda question, sentence, speakers: sentence.outlet is not None,
        }

    def titles(self, text: str) -> set[str]:
        """The works `text` names (the series' own title for any of its names)."""
        return {m.work for m in self.works.mentions(text)} if self.works else set()

    def match(self, wanted: str, present: frozenset[str]) -> float:
        if wanted in present:
            return 1.0
        if any(self.related(wanted, t) for t in present):
            return RELATED_MATCH
        return 0.0

    def related(self, a: str, b: str) -> bool:
        return a == b or self.thesaurus.related(a, b) or same_family(a, b)

    def elsewhere(self, sentence: Sentence, asked: frozenset[str | None]) -> bool:
        """Whether the sentence names other shows but not the series, and the question asks about none of
        them (`asked`: the works the question names, however spelt; bot.answers.subject)."""
        # "Apart from the aforementioned actors, it also stars …", "After Squid Game became a global sensation, South
        # Korea has produced its second No. 1 series": the opening clause only sets the scene.
        main = OPENING_CLAUSE.sub("", sentence.text, count=1).lstrip()
        if _ABOUT_THE_SERIES.match(main) or (main != sentence.text.lstrip() and not self.titles(main)):
            return False
        named = self.titles(sentence.quote)
        return bool(named) and self.series not in named and not named & asked

    def spoken_by(self, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """Whether the sentence reports the words of one of these people (its speaker, bot.knowledge.speech)."""
        return sentence.speaker is not None and any(similar_keys(name_key(sentence.speaker), name_key(s))
                                                    for s in speakers)

    def _ranks_by(self, verb: str, after_rank: str) -> bool:
        """Whether a rank is for doing what the question asks: "the second Korean series to reach the No. 1 mark"
        ranks by reaching the top, "the fifth Korean blockbuster series to premiere" by premiering."""
        words = tokens(after_rank)[:RANK_CLAUSE]
        return any(w.raw.lower() == "to" and i + 1 < len(words) and self.related(verb, words[i + 1].term)
                   for i, w in enumerate(words))

    def has_slot(self, question: Question, sentence: Sentence, speakers: tuple[str, ...] = ()) -> bool:
        """Whether the sentence holds the kind of thing the question asks for; `speakers` are the
        spellings of the people a question about speech names."""
        expects, text = question.expects, sentence.quote
        # The first season's figures, dates and cast say nothing of the next one's, nor does what was said of it.
        if question.later_season and expects in (Expects.NUMBER, Expects.DATE, Expects.SPEECH, Expects.PERSON) \
                and not _LATER_SEASON.search(text):
            return False
        # What someone did tells nothing of what they do next.
        if question.next_work and not _FUTURE.search(text):
            return False
        # Whether a sequel is coming tells nothing of what it could be about.
        if question.next_story and not (sentence.spoiler or _STORY.search(text)):
            return False
        # Where the story takes place tells nothing of where it was filmed, nor whether the place is real.
        if question.real_place and not _REAL_PLACE.search(text):
            return False
        # A roll of names (a cast list) tells nothing of what happens in the story.
        if question.about_the_story and len(set(HYPHENATED_NAME.findall(text))) >= ROLL_NAMES:
            return False
        if expects is Expects.ANY:
            return not _ANNOUNCES.search(text)
        # Asked for its name ("the name of the high school where it happens"), a place is named.
        if expects is Expects.PLACE and question.asks_name:
            return self._name(question, sentence, speakers)
        if expects in _SLOT_PATTERNS:
            return bool(_SLOT_PATTERNS[expects].search(text))
        return self._checks.get(expects, self._name)(question, sentence, speakers)

    def _speech(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """Words someone said; about a named person, their own words (a quotation), not the line announcing them;
        asked why ("according to Lee, why …"), the words that give a reason; asked what they said about something
        ("about learning the zombie choreography"), words touching it: the series itself is any of them."""
        text = sentence.quote
        topic = set(question.topic) - self._series_terms
        return sentence.speaker is not None and (not speakers or (
            self.spoken_by(sentence, speakers) and bool(_QUOTATION.search(text)))) and (
            not question.asks_why or bool(_CAUSE.search(text))) and (
            not topic or any(self.related(t, w.term) for t in topic for w in tokens(text)))

    def _reason(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A cause; asked where something comes from rather than why, also the source cited for it ("where did
        the premiere data come from": "citing data from FlixPatrol")."""
        return bool(_CAUSE.search(sentence.quote) or (not question.asks_why and REPORTING.search(sentence.quote)))

    def _other_title(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """Another work, of the kind asked for, and not one the question names: "the survival thriller show, Squid
        Game" is no other zombie show, and Hellbound no other blockbuster "besides Squid Game and Hellbound"."""
        text = sentence.quote
        return any(m.work != self.series and m.work not in question.set_aside
                   and not self._other_kind(question, text[:m.start])
                   for m in (self.works.mentions(text) if self.works else ()))

    def _other_kind(self, question: Question, before: str) -> bool:
        """Whether the words introducing a title give it a genre, and not the kind of work asked for."""
        described = [w.term for w in tokens(_CLAUSE_END.split(before.rstrip(" ,\"“‘'"))[-1])][-KIND_WINDOW:]
        return bool(question.kind_of_work) and any(t in _GENRE_TERMS for t in described) \
            and not any(self.related(k, t) for k in question.kind_of_work for t in described)

    def _date(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A date, or a time reckoned from something other than what is asked about: "7 days after its release"
        dates its rise in the chart, not its release."""
        text = sentence.quote
        for m in _DATE_PARTS.get(question.date_part or "", _DATE).finditer(text):
            since = _RECKONED_FROM.match(text, m.end())
            if not (since and any(self.related(t, term(since.group(1).lower())) for t in question.terms)):
                return True
        return False

    def _genre(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A genre, but not one someone else's work is in ("Hwang Dong-hyuk's survival drama"), nor a fan's words
        quoted ("many claimed it as the 'best horror series on Netflix'"): what it is, not what it was called."""
        text = sentence.quote
        return any(not _OWNED.search(text[:m.start()]) and not _IN_QUOTES.search(text[:m.start()])
                   for m in _GENRE.finditer(text))

    def _rank(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """The rank of the kind of thing asked about ("the first k-drama to …"), not of another ("the first
        country to …"), or a position ("first place"), for doing what was asked."""
        text = sentence.quote
        return any((not question.target or _POSITION.match(text, m.end())
                    or any(self.related(t, w.term) for t in question.target
                           for w in tokens(text[m.end():])[:NUMBER_WINDOW]))
                   and (not question.rank_verb or self._ranks_by(question.rank_verb, text[m.end():]))
                   for m in _RANK.finditer(text))

    def _person(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A name as written, capitalised: "in" and "on" spell syllables of names (In-soo, On-jo) too. "who came
        up with the moves" is answered by "created by dancer and choreographer", "who posted it" by the unnamed
        someone whose words a sentence reports ("a Twitter user said while sharing a video"), "who will save them"
        by a body ("authorities"); what their name is, by none of them."""
        text = sentence.quote
        if question.played and not _paired(question.played, text):
            return False
        agent = _AGENT.search(text)
        unnamed = (bool(agent) or (sentence.speaker is not None and sentence.speaker[:1].islower())
                   or bool(_BODY.search(text))) and not (agent and self._asked_job(question, text[agent.end():]))
        return (unnamed and not question.asks_name) or bool(HYPHENATED_NAME.search(text)) or any(
            w.raw[:1].isupper() and w.term in self.name_terms for w in tokens(text))

    @staticmethod
    def _asked_job(question: Question, after_by: str) -> bool:
        """Whether the job an unnamed agent is given ("created by dancer and choreographer") is the one the question
        names ("who is the choreographer", "who created the choreography"): then it tells nothing the question did
        not know."""
        job = {w.term for w in tokens(_CLAUSE_END.split(after_by, maxsplit=1)[0])}
        return any(t == j or same_family(t, j) for t in question.terms for j in job)

    def _count(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A number, before the thing counted when the question says what ("how many episodes")."""
        if question.period and not self._over_period(question.period, sentence.text):
            return False
        words = tokens(sentence.quote)
        # "Just a day after its release" counts a day.
        numbers = [i for i, w in enumerate(words) if _is_number(w.raw) or (
            w.raw.lower() in ("a", "an") and i + 1 < len(words) and words[i + 1].term in TIME_UNITS)]
        if not question.target:
            return bool(numbers)
        targets = self._targets(question, words)
        # "the fifth Korean blockbuster series to premiere" counts those that premiered, this one the fifth.
        ranks = [i for i, w in enumerate(words) if w.raw.lower() in ORDINAL_WORDS
                 and any(self._ranks_by(t, " ".join(after.raw for after in words[i + 1:])) for t in question.terms)]
        return any(0 < t - n <= NUMBER_WINDOW for t in targets for n in (*numbers, *ranks))

    @staticmethod
    def _over_period(period: str, text: str) -> bool:
        """Whether a sentence's own count may be for the period asked: it states none, or about that one ("in its
        first week"; "its first 28 days" for its first month), not another ("its first 28 days" for its first
        week)."""
        stated = _STATED_PERIOD.findall(text)
        asked = _PERIOD_DAYS[period]
        return not stated or any(abs(_days(count, unit) - asked) <= PERIOD_SLACK * asked for count, unit in stated)

    def _name(self, question: Question, sentence: Sentence, speakers: tuple[str, ...]) -> bool:
        """A name beside the thing a "which …" question asks about, other than the question's own words and
        the sentence's speaker: "in 25 countries across the globe, Soompi reported" names no country, nor does a
        name of where it is ("the virus spread in South Korea"). A name before it stands where the question's
        qualifier would ("the COVID-19 virus" for "the zombie virus called"), so it names another, unless the
        qualifier is there too ("Hyosan High School")."""
        words = tokens(sentence.quote)
        asked = set(question.terms) | (set(terms(sentence.speaker)) if sentence.speaker else set())
        names = [i for i, w in enumerate(words) if w.is_name and w.term not in asked]
        if not question.target:
            return any(words[n].raw not in _CALENDAR for n in names)
        before, after = NAME_WINDOW
        return any((0 < n - t <= after and not _PLACED.intersection(w.raw.lower() for w in words[t + 1:n]))
                   or (-before <= n - t <= 0 and self._qualified(question, words[n + 1:t]))
                   or self._is_the(words, n, t)
                   for t in self._targets(question, words) for n in names)

    def _qualified(self, question: Question, between: list[Token]) -> bool:
        """Whether the words between a name and the thing asked about hold the question's qualifier, if any."""
        return question.qualifier is None or any(self.related(question.qualifier, w.term) for w in between)

    @staticmethod
    def _is_the(words: list[Token], name: int, target: int) -> bool:
        """Whether the name is what the sentence says the thing asked about is: "Korea has become the first
        country to …" names the country."""
        between = [w.raw.lower() for w in words[name + 1:target]]
        return 0 < target - name <= COPULA_WINDOW and any(w in _COPULAS for w in between)

    def _targets(self, question: Question, words: list[Token]) -> list[int]:
        return [i for i, w in enumerate(words) if any(self.related(t, w.term) for t in question.target)]


def _paired(played: tuple[str, ...], text: str) -> bool:
    """Whether a sentence naming whom "who plays" asks about names them as someone's role ("Park Ji-hu (Nam
    On-jo)", "where she played Ji-Yeong"), not only as someone in the story ("to save a fellow contestant Kang
    Sae-byeok"). One that does not name them at all is weighed by the names it lacks instead."""
    words = tokens(text)
    spots = [i for i, w in enumerate(words) if w.term in played]
    if not spots:
        return True
    first, last = spots[0], spots[-1]
    at = text.find(words[first].raw)
    bracketed = "(" in text[max(0, at - 2):at]
    near = (*words[max(0, first - 4):first], *words[last + 1:last + 4])
    return bracketed or any(w.raw.lower() in _PAIRING for w in near)


def _days(count: str, unit: str) -> int:
    """How many days "28 days", "week" (one) or "two weeks" is."""
    number = int(count) if count.isdigit() else NUMBER_WORDS.get(count.lower(), 1)
    return number * _PERIOD_DAYS[unit.lower().rstrip("s")]


def _is_number(raw: str) -> bool:
    return raw[:1].isdigit() or raw.lower() in _NUMBER_WORDS
