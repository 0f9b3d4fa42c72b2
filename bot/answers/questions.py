"""What a question asks: cleaned text, its content terms, the kind of answer it expects.

Also the first line of defence against bad input: empty, emoji-only, gibberish, Korean, invisible
characters and 6000-character pastes are recognised here, before any model work.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.text import DAY_OF_MONTH, STOPWORDS, term, terms, words
from bot.knowledge.wordlists import COUNTRIES, GENRES, MONTHS, ORDINAL_WORDS, WEEKDAYS

# Only so much of a question is read: the model sees 256 tokens, and nobody asks in 6000 characters.
MAX_QUESTION_CHARS = 600
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_DISCORD_MARKUP = re.compile(r"<(@[!&]?|#)\d+>|@(everyone|here)\b|\|\||`+|\*\*|__|~~")


class Expects(StrEnum):
    """The shape of an answer a question asks for, used to prefer sentences that have it."""

    PERSON = "person"  # a name of someone
    DATE = "date"
    NUMBER = "number"
    NAME = "name"  # "which webtoon", "what school": a proper name next to the thing asked about
    PLACE = "place"  # where: a named place, or a place word (school, city)
    SPEECH = "speech"  # what someone said: a sentence reporting speech (by the person asked about)
    REASON = "reason"  # why or how something came about: a sentence giving a cause
    OTHER_TITLE = "other_title"  # what else someone made or was in: a sentence naming another show
    ORDINAL = "ordinal"  # "is it the first …": a sentence stating a rank, whichever it is
    GENRE = "genre"  # "what genre is it": a sentence naming one
    QUANTITY = "quantity"  # "do a lot of characters die": a sentence saying how many ("numerous", "no one")
    PLATFORM = "platform"  # where to watch it: a sentence saying where it is out ("available to stream on Netflix")
    SOURCE = "source"  # who reported it: a sentence attributed to an outlet ("as per a report on Deadline")
    SIZE = "size"  # "how big was squid game": a figure, or a superlative ("Netflix's most watched show ever")
    ANY = "any"

# A rank in words or figures, "the second Korean series", "2nd": not a part of the show ("a second season",
# "its first week"); the word list lives in bot.knowledge.facts.
RANK = (r"\b(" + "|".join(w for w in ORDINAL_WORDS if w != "zeroth") + r"|\d+(st|nd|rd|th))\b"
        r"(?!\s+(season|episode|part|half|time|week|day|month|year)s?\b)")
# Where to watch it: a platform or app (not the webtoon's), a choice of Netflix or another ("netflix or wat" is
# chatter), where or whether one can watch or stream it, whether it is out worldwide.
PLATFORM = (r"\b(app|platform|streaming (service|site|platform)|streamer)s?\b(?!.*\bwebtoon)|"
            r"\bnetflix or\b(?!\W*(wat|what|nah|not|smth|something)\b)|\bor netflix\b|"
            r"\b(where|how) (can|do|to|should) (i|you|u|we) (watch|stream|see)\b|"
            r"^(can|could) (i|you|u|we) (watch|stream)\b|"
            r"\b(available|availability|out) (on netflix |to stream |to watch )?(worldwide|everywhere|globally|"
            r"internationally|abroad|overseas)\b")
# "when" asks for a date unless another question word comes first ("what record did it set when it reached No. 1",
# "where are they trapped when …").
WHEN = r"^(?!.*\b(who|what|which|where|why|how)\b.*\bwhen\b).*\bwhen\b"
# What fans call an article ("the February 7 article", "Joel Kurian's piece", "the Deadline report").
ARTICLE = r"(?:article|piece|report|story|post|write-?up)s?"
# Verbs of saying something ("what did he say about …", "where did the director talk …").
SAYING = r"(?:say|said|says|saying|talk\w*|spoke|speak\w*|comment\w*|explain\w*|think|thought)"
# Words about the articles themselves ("why does one article bring up AMC", "according to the articles"): no part of
# what is asked of them.
_ABOUT_THE_ARTICLES = frozenset("article articles piece pieces mention mentions mentioned mentioning bring brings "
                                "brought".split())
# Asking about what else ("does he do anything besides directing") …
BESIDES = r"besides|apart from|aside from|other than|except|as well as"
# … and setting a work aside ("what else besides Squid Game", "alongside Squid Game and Hellbound").
SETTING_ASIDE = re.compile(rf"\b({BESIDES}|alongside|along with|beyond|not counting)\b")
# Whom "who plays" asks about ("who plays Kang Sae-byeok in Squid Game"): an answer pairs an actor with them.
_WHO_PLAYS = re.compile(r"\bwho (?:plays|played|portrays|portrayed|is playing|was playing) (?P<character>[\w' -]+?)"
                     r"(?=\s+(?:in|on|from|for)\b|[?!.,]|$)")
# The articles' own voice asks nothing of them: "one article" counts nothing ("which titles does one article list"),
# and "according to one writer", "why does the author think …" point at the articles, not at a crew's writer.
WRITERS = r"(?:writer|author|journalist|reporter)s?"
_VOICING = r"(?:thinks?|says?|suggests?|reckons?|argues?|claims?)"
_ARTICLE_VOICE = re.compile(rf"\baccording to (?:the|that|this|one) (?:\w+ )?(?:{ARTICLE}|{WRITERS})\b|"
                            rf"\bone (?:of the )?(?:{ARTICLE}|{WRITERS})(?: {_VOICING})?\b|"
                            rf"\b(?:the|that|this) {WRITERS} {_VOICING}\b", re.I)
# Where it ranks or placed, what place it took: a position ("where did it place among …"); not where something
# takes place.
WHERE_IT_RANKS = re.compile(r"\bwhere (did|does|do|is|was|will) [\w' -]+ (rank\w*|(?<!take )(?<!takes )(?<!took )"
                            r"(?<!taking )place[ds]?|finish\w*)\b|"
                            r"\b(what|which) (place|position|spot)\b")
# Who published it: the outlet a report or data is attributed to ("as per a report on Deadline", "citing data from
# FlixPatrol"), whatever it says.
SOURCE = re.compile(r"\b(which|what) ([\w-]+ )?(news (site|website|paper)|(news )?(outlet|publication|newspaper|"
                    r"magazine|source))(s|'s|’s)?\b|"
                    r"\b(which|what) (news )?(site|website)s? (first )?(reported|said|says|wrote|broke)\b|"
                    r"\bwho (first )?(reported|broke)\b|\bwhose (data|figures|numbers|stats|report\w*)\b|"
                    r"\baccording to (which|what|whom)\b|"
                    r"\bwhere (did|does|do) (the|its|that|this|those|these) (\w+ )?"
                    r"(data|figures|numbers|stats|info\w*)\b")
# Why an article mentions something ("why does one article bring up AMC").
WHY_MENTIONED = re.compile(r"\b(?:why|how come)\b.*\b(?:mention\w*|brings? up|brought up|bringing up|referenc\w*|"
                           r"cite[sd]?|name-?dropp?\w*)\b")
# A question whether something is the first (or any rank) of its kind: "is it the first k-drama to …".
_RANKED = re.compile(r"\bthe " + RANK + r"\s+(?P<target>(?:[\w-]+\s+){0,2}[\w-]+)\s+"
                     r"(?:to\s+(?P<verb>[a-z-]+)|among|ever)\b")

_EXPECTS = (
    (Expects.SOURCE, SOURCE),
    (Expects.ORDINAL, re.compile(r"\b(what|which) number\b(?!\s+of\b)")),  # "what number korean series is it"
    (Expects.ORDINAL, WHERE_IT_RANKS),
    (Expects.GENRE, re.compile(r"\b(genres?|(kind|type|sort) of (show|series|drama|k-drama))\b")),
    # Whether many do something ("do a lot of characters die", "are most of the cast new actors"); not "like most
    # k-dramas", which compares.
    (Expects.QUANTITY, re.compile(r"^(?:do|does|did|are|is|were|was|r|will|have|has)\b.*?"
                                  r"\b(?:a lot of|lots of|plenty of|tons of|most of|many)\b")),
    (Expects.DATE, re.compile(rf"{WHEN}|"
                              r"\b(what (day|date|year|month|time)s?|which (day|date|year|month)s?|"
                              r"(release|premiere|air) date)\b")),
    (Expects.SIZE, re.compile(r"\bhow (big|huge|large|popular|successful)\b")),
    (Expects.NUMBER, re.compile(r"\b(how (many|much|long|soon|often|(fast|quickly)(?!\s+(is|are|was|were)\b))|"
                                r"(what|which)\b.*\b(number(?! one\b)|score|rank|ranking|position|percentage|points|"
                                r"rating|figure|total|amount)s?)\b")),
    (Expects.PLATFORM, re.compile(PLATFORM)),
    (Expects.PERSON, re.compile(r"(^|[.?!]\s*)(who|whom|whose)\b|\b(which|what) (actor|actress|director|"
                                r"writer|author|cast member|person|character|role|creator)s?\b|"
                                r"\bname of the \w+(er|or|ist|ess)\b")),
    # "which 25 countries", "list the 25 countries": the things counted, each by name.
    (Expects.NAME, re.compile(r"\b(called|named)\W*(in|on|by|$)|\bwhich\s+(?!is\b|was\b|are\b|were\b)(\d+\s+)?[a-z]|"
                              r"\b(list|name)\s+(the|all)\b(?!\s+other\b)|\bname of (the|its|their) [a-z]|"
                              r"\bwhat\s+(?!else\b)[a-z-]+(\s+[a-z-]+)?\s+(is|was|are|were|does|did|do|has|have|had)\b")),
    (Expects.ORDINAL, _RANKED),
    # Why an article mentions something is what it says about it, not a cause ("why is bts even mentioned").
    (Expects.ANY, WHY_MENTIONED),
    (Expects.REASON, re.compile(r"\b(why|how come|(come|came|comes) from|origins?)\b")),
)
# A question about how the story goes or ends may be answered from a spoiler section first.
_ABOUT_THE_STORY = re.compile(r"\b(spoil\w*|end\w*|finale|die[sd]?|death|alive|surviv\w*|kill\w*|happen\w*|"
                              r"fate|twist)\b")
# The thing a question is about when it asks for an attribute: "what is the budget …", "how tall …".
_HEAD = re.compile(r"\b(?:where|how) (?:can|could|do|should) (?:i|we|you|u) ([a-z]+)|"
                   r"\bwhat(?:'s|s| is| was| are| were)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
                   r"(?:(?:full|real|exact|actual|official|total|whole|main|original)\s+)?([a-z]+)|"
                   r"\bhow\s+(?!many\b|much\b|did\b|does\b|do\b|is\b|was\b|are\b|were\b|can\b|could\b|"
                   r"would\b|will\b|has\b|have\b|had\b|long\b|quickly\b|soon\b|fast\b|often\b|far\b|big\b|"
                   r"huge\b|large\b)([a-z]+)|"
                   # "has she won any awards": the thing asked about, unless it only asks for news of it or guesses
                   # at it ("any theories on what s2 could explore").
                   r"\bany\s+(?:other\s+)?(?!(?:numbers?|figures?|stats?|news|info|information|details?|updates?|word|"
                   r"ideas?|clues?|chance|way|data|sources?|theor(?:y|ies)|thoughts|hints?|predictions?|guess(?:es)?|"
                   r"speculation)\b)([a-z]+)|"
                   # "what music plays in the finale", "which language is it in": the thing asked for.
                   r"\b(?:what|which)\s+(?!(?:is|was|are|were|does|did|do|has|have|had|else|kind|sort|type)\b)"
                   r"([a-z]+)\s+(?:is|was|are|were|does|did|do|has|have|had|plays?|played)\b")
# The words of a noun phrase, up to a function word, a verb of naming or a possessive's end.
_NOUN_RUN = re.compile(r"(?:(?!(?:" + "|".join(map(re.escape, sorted(STOPWORDS)))
                       + r"|called|named)\b)[a-z-]+(?:\s+|$))+")
# The two-word thing asked about, "what age rating does …", "which talent agency is …": both words must
# stand together somewhere in the articles, or they don't say (bot.answers.analysis).
_COMPOUND = re.compile(r"\b(?:what|which)\s+([a-z0-9-]+)\s+([a-z0-9-]+)\s+"
                       r"(?:does|did|do|is|was|are|were|has|have|had)\b")
# Other works of a kind: "other zombie shows", "what other korean netflix titles".
_WORKS_OF_A_KIND = re.compile(r"\bother\s+(?P<kind>(?:[a-z-]+\s+){1,2}?)(?:shows?|series|dramas?|k-dramas?|films?|"
                              r"movies?|titles?|productions?|stuff)\b")
# Words that pick among things rather than name one: "which earlier works" asks for works, not for "earlier
# works" as a phrase the articles must use.
_PICKING = frozenset("other others earlier previous later similar main first last new old best".split())
# "what viewing-hour total": a quantity of the thing, which the articles need not call a total.
_QUANTITY_NOUNS = frozenset("total totals amount amounts number numbers figure figures count sum".split())
# What someone is after ("what's the end goal") is what they must or try to do, whatever the articles call it: no
# attribute they must name.
_AIMS = frozenset("goal goals aim aims objective objectives mission plan plans".split())
# "which zombie titles", "what korean shows": a kind of work, which the articles need not name in those words.
_WORK_NOUNS = frozenset("show shows series drama dramas k-drama k-dramas film films movie movies title titles "
                        "production productions".split())
# The thing a "which …" question names (the word after it) or a "how many …" question counts
# (up to two words, stopping at the verb: "how many subscribers watched" counts subscribers).
_TARGET = {
    Expects.NAME: (re.compile(r"(?:(?P<qualifier>[a-z0-9-]+)\s+)?(?P<target>[a-z0-9-]+)\s+(?:called|named)\b"),
                   re.compile(r"\bname of (?:the|its|their) (?P<target>[a-z-]+)"),
                   # … the noun ending its phrase ("which real korean city is"), else the word after "which".
                   re.compile(r"\b(?:which|what)\s+(?:\d+\s+)?(?:[a-z0-9-]+\s+){0,2}?(?P<target>[a-z0-9-]+)\s+"
                              r"(?:is|was|are|were|does|did|do|has|have|had|known|gets?|got)\b"),
                   re.compile(r"\b(?:which|what)\s+(?:\d+\s+)?(?P<target>[a-z0-9-]+)"),
                   re.compile(r"\b(?:list|name)\s+(?:the|all)\s+(?:the\s+)?(?:\d+\s+)?(?P<target>[a-z-]+)")),
    # … among what ("among the most popular non-English series", "the ranking of …"), up to a preposition.
    Expects.ORDINAL: (_RANKED, re.compile(r"\b(?:among|(?:ranking|list|chart) of)\s+(?:the\s+)?(?:most\s+)?"
                                          r"(?P<target>[a-z-]+(?:\s+(?!(?:in|on|to|of|for|at|during|with|after|"
                                          r"before)\b)[a-z-]+){0,3})")),
    Expects.NUMBER: (re.compile(r"\bhow many\s+(?P<target>(?:(?!(?:is|are|was|were|did|does|do|has|have|had|in|"
                                r"on|of|for|at|to)\b|[a-z]+ed\b)[a-z0-9-]+\s*){1,2})"),
                     # "what were the ranking points" counts points, as "how many" would.
                     re.compile(r"\bwhat (?:were|was|are|is) (?:the |its |their )?(?:[a-z-]+\s+)?(?P<target>points|"
                                r"hours|views|viewers|episodes|countries|subscribers|households|days|weeks|votes)\b")),
}


# A choice between alternatives, "netflix or disney+", "season 2 or a movie", "shows/movies": the word on each
# side of "or" or of a slash.
_CHOICE = re.compile(r"([a-z0-9][a-z0-9+-]*)(?:\W+or\W+(?:(?:a|an|the)\s+)?|/)([a-z0-9][a-z0-9+-]*)")

# A number that pins down what is asked about ("in its first 28 days", "the top 10"): a sentence must give it.
# Not one that numbers a part ("season 2", "episode 5": the articles say "second season"), nor a 1 ("#1").
_FIGURE = re.compile(r"(?<!season )(?<!episode )(?<!part )(?<!#)\b([2-9]|\d\d+)\b")
# Unless a yes-or-no question offers it as a guess at a count ("is it 16 eps?"): the answer gives the right one.
_GUESSED_COUNT = re.compile(r"^(?:is|are|was|were|do|does|did|has|have)\b.*?\b(\d+)\s+[a-z]+s\b")
# So does a day or month it names ("how many points on Sunday"); not "may", which is mostly a verb.
_CALENDAR = re.compile(r"\b(" + "|".join(w.lower() for w in (*WEEKDAYS, *MONTHS) if w != "May") + r")\b")
# So does a later period it names by rank ("in its second week"): the first week's figures are not the second's.
# The first goes by many names (its opening day, its debut), which a sentence need not share.
_PERIOD = re.compile(r"\b(" + "|".join(w for w in ORDINAL_WORDS if w != "first")
                     + r")[\s-]+(?:week|weekend|day|month|year)s?\b")
# The first period a count is asked for ("in its first week", "opening weekend"): a count over another period
# ("in its first 28 days") is no answer.
_FIRST_PERIOD = re.compile(r"\b(?:first|opening|debut)\s+(day|week|weekend|month)\b")
# What a later season's story could be ("what could season 2 explore"), which only the first one's end tells.
_NEXT_STORY = re.compile(r"\b(about|explore\w*|plot|story|storyline|happen\w*|continue\w*|pick up)\b")
# … asked what it could be, not whether there will be one ("is s2 happening").
_ASKS_WHAT = re.compile(r"\b(what|wat|how|which)\b")
# A season after the first ("how many eps will s2 have"), which the answer must be about.
_LATER_SEASON = re.compile(r"\b(season (?:[2-9]|two|three)|(?:second|third|next|new|another) season|sequel)\b")
# What someone does next ("what's lee jq working on next", "any new drama?"): their future work, which only a sentence
# about what is to come tells.
_NEXT_WORK = re.compile(r"\b(doing|working on|up to|filming|starring in|shooting)\b.*\bnext\b|"
                        r"\b(next|upcoming|new|future) (projects?|dramas?|shows?|films?|movies?|roles?|works?)\b")
# Where it was filmed, or whether a place of the story is real ("is hyosan a real city", "which school is it irl"):
# the real world behind the story, which where the story takes place does not tell (bot.answers.evidence).
# "film" only as a verb: a name ("Film Monster") or the noun ("the film") says nothing of filming.
_FILMING = r"\b(filmed|filming|shoot|shooting|shot|(did|do|does|they|to|we) film)\b"
_PLACE_NOUN = r"\b(city|town|village|school|place|location|country|studio|set)\b"
_REAL_PLACE = re.compile(rf"\bwhere\b[^?]*{_FILMING}|{_FILMING}[^?]*\bwhere\b|"
                         rf"\b(which|what) (real )?{_PLACE_NOUN}[^?]*{_FILMING}|"
                         rf"\breal {_PLACE_NOUN}|(\bwhere\b|{_PLACE_NOUN})[^?]*\b(irl|in real life)\b")
# What someone said something about ("what did park ji-hu say about the pandemic"), up to a clause of time or
# cause ("… about it when it came out"): the words quoted must touch it.
_SAID_ABOUT = re.compile(rf"\b{SAYING}\b"
                         r"(?:\s+(?:anything|something|smth))?\s+about\s+"
                         r"(?P<topic>.+?)(?:\s+(?:when|while|after|before|since|because|during|once|until|if)\b.*)?$")
# Asking why, and asking for a name: what a quotation must give, and what a job does not.
_ASKS_WHY = re.compile(r"\b(why|how come)\b")
_ASKS_NAME = re.compile(r"\bnamed?\b")

# The part of a date a question names ("what day of the week"), which the answer must give
# (bot.answers.evidence holds what each part looks like in a sentence).
_DATE_PARTS = (("weekday", re.compile(r"\b(day of the week|weekday)\b")),
               ("year", re.compile(r"\b(what|which) years?\b|\byears? did\b")),
               ("month", re.compile(r"\b(what|which) month\b")),
               # "what day did it premiere" asks for the date, not the weekday, unless it says "of the week".
               ("date", re.compile(r"\b(what|which) date\b|\brelease date\b|\b(what|which|wat) day\b(?! of the week)")))

# A name: a capitalised word, save the first of a sentence or quotation and a nationality or direction
# ("American", "Western", "Japanese", "British"), which describes rather than names.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:-[A-Za-z]+)*\b(?<!ean)(?<!ian)(?<!can)(?<!ern)(?<!ese)(?<!ish)")
# A country, however typed.
_COUNTRY = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
_OPENER = re.compile(r"(?:^|[.?!:;\"“(]\s*)$")

# "What is it about?" asks for the plot, though it says no word of it.
_ABOUT_WHAT = re.compile(r"^what\b.*\babout\W*$")

# "How long" (how quickly or fast it did something) counts in units of time: the number must stand before one.
_DURATION = re.compile(r"\bhow (long|(quickly|fast)(?!\s+(is|are|was|were|r)\b))\b")
TIME_UNITS = tuple(terms("minutes hours days weeks months years"))
# "How much" paid, cost or earned counts in money: the number must stand before a currency.
_MONEY = re.compile(r"\bhow much\b.*\b(paid|pay|cost|costs|earn\w*|budget|salar\w*|worth|spent|spend)\b")
_MONEY_UNITS = tuple(terms("dollars dollar won usd euros pounds"))
# Words that only say which kind of answer is wanted ("what day"), not what it is about.
_KIND_WORDS = {
    Expects.DATE: {"day", "days", "week", "weekday", "date", "dates", "year", "years", "month", "months", "time"},
    Expects.NUMBER: {"number", "percentage"},
    # … and the genres it guesses at ("what genre is it, horror?"): the answer names its own.
    Expects.GENRE: {"genre", "genres", "kind", "type", "sort", "described", "describe", "considered", "classified",
                    "labelled", "labeled", "categorised", "categorized", "belong", "belongs", *GENRES},
    Expects.SOURCE: {"news", "site", "sites", "website", "websites", "outlet", "outlet's", "outlets", "publication",
                     "source", "sources", "data", "come", "came", "comes"},
    Expects.REASON: {"why", "come", "came", "comes", "origin", "origins", "reason", "cause"},
}


@dataclass(frozen=True)
class Question:
    """A question ready for retrieval; `text` is what the model embeds."""

    text: str
    words: tuple[str, ...]  # the content words, as typed (lower case): typos are mended from these
    expects: Expects
    target: tuple[str, ...] = ()  # terms of the thing counted or named, for NUMBER and NAME
    head: str | None = None  # the attribute asked about ("budget", "tall"), when the question has one
    about_the_story: bool = False  # asks how the story goes or ends, so spoilers are fair game
    compound: tuple[str, str] | None = None  # the terms of a two-word thing asked about ("age rating")
    alternatives: tuple[str, ...] = ()  # the terms offered as a choice ("netflix or disney+"); one may be absent
    figures: tuple[str, ...] = ()  # numbers, days, months that pin down what is asked ("its first 28 days")
    set_aside: frozenset[str] = frozenset()  # other works it sets aside ("besides Squid Game"): no answer to what else
    played: tuple[str, ...] = ()  # the terms of whom "who plays" asks about: their actor is named beside them
    date_part: str | None = None  # the part of a date asked for: "weekday", "year", "month" or "date"
    later_season: bool = False  # asks about a season after the first: the first's figures don't answer it
    next_story: bool = False  # asks what a later season's story could be: only a sentence about the story tells
    period: str | None = None  # the first period a count is for ("first week": "week"); another period's is no answer
    next_work: bool = False  # asks what someone does next: only a sentence about what is to come answers
    real_place: bool = False  # asks where it was filmed, or whether a place of the story is real
    rank_verb: str | None = None  # what "the first k-drama to top netflix" ranks by ("top"): the rank must be for it
    asks_why: bool = False  # "according to Lee, why …": the words quoted must give a reason
    kind_of_work: tuple[str, ...] = ()  # what the other works asked for are ("other zombie shows": zombie)
    qualifier: str | None = None  # the term qualifying the thing named ("zombie" virus); a name in its place: another
    topic: tuple[str, ...] = ()  # the terms of what someone is asked to have said something about
    asks_name: bool = False  # "what is the choreographer's name": a job or "a Twitter user" is no answer
    proper: tuple[str, ...] = ()  # the names it capitalises ("Brazil") or countries it names: the articles must say

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term(w) for w in self.words)


class Rejection(StrEnum):
    EMPTY = "empty"
    NOT_ENGLISH = "not_english"


def clean(raw: str) -> str:
    """Drop invisible and direction characters and Discord markup; fold white space; cap the length."""
    text = unicodedata.normalize("NFKC", raw)
    text = _INVISIBLE.sub("", text)
    text = _DISCORD_MARKUP.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
    return text


# Where one message asks two questions: "and" or a question mark, then a question word opening the second.
_QUESTION_WORD = (r"(?:when|what|whats|who|whos|whom|where|why|how|which|is|are|was|were|do|does|did|has|have|"
                  r"can|will)\b")
_SECOND_QUESTION = re.compile(rf"(?:,?\s+(?:and|&)\s+|\?\s*(?:(?:and|also|so|but|like|ok|okay|wait|or)\s+)*)"
                              rf"(?={_QUESTION_WORD})", re.I)
_OPENS_QUESTION = re.compile(rf"^\W*{_QUESTION_WORD}", re.I)
_HAS_QUESTION_WORD = re.compile(rf"\b{_QUESTION_WORD}", re.I)
# A part pointing back at someone named before it ("who does she play", "whats his character").
PERSONAL_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)


def split_questions(text: str) -> list[str]:
    """The questions one message asks, each answered on its own ("who directed it and when did it come
    out"), unless a part is no question of its own ("and hellbound? did it …") or needs the one before
    to say who it is about ("is lee yoo-mi in this? who does she play")."""
    parts = [p.strip() for p in _SECOND_QUESTION.split(text) if p.strip()]
    if len(parts) < 2 or not _HAS_QUESTION_WORD.search(parts[0]) or not all(
            _OPENS_QUESTION.match(p) and not PERSONAL_PRONOUN.search(p) for p in parts[1:]):
        return [text]
    return parts


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch.isascii() for ch in letters) / len(letters)


def analyse(raw: str, known_terms: frozenset[str]) -> Question | Rejection:
    """A Question, or why there is nothing to answer. `known_terms` is the articles' vocabulary."""
    text = clean(raw)
    if not any(ch.isalnum() for ch in text):
        return Rejection.EMPTY
    if _latin_share(text) < 0.5:
        return Rejection.NOT_ENGLISH
    plain = words(text)
    # Gibberish shares no word with English function words or with the articles.
    if not any(w in STOPWORDS for w in plain) and not set(terms(text)) & known_terms:
        return Rejection.EMPTY
    lowered = text.lower()
    expects = next((kind for kind, pattern in _EXPECTS if pattern.search(lowered)), Expects.ANY)
    kind_words = _KIND_WORDS.get(expects, set())
    content = " ".join(w for w in text.split() if w.lower().strip("?!.,") not in kind_words)
    target: tuple[str, ...] = ()
    match = next((m for pattern in _TARGET.get(expects, ()) if (m := pattern.search(lowered))), None)
    qualifier = None
    if match:
        target = tuple(terms(match.group("target")))
        qualifier = match.groupdict().get("qualifier")
    elif expects is Expects.NUMBER and _DURATION.search(lowered):
        target = TIME_UNITS
    elif expects is Expects.NUMBER and _MONEY.search(lowered):
        target = _MONEY_UNITS
    # … in the question itself, not in a rephrasing after it ("why do they attack first? like whats their motive").
    head_match = _HEAD.search(lowered.split("?", 1)[0] or lowered)
    head = next((w for w in head_match.groups() if w), None) if head_match else None
    if head_match and head_match.group(2):
        # The attribute is the last word of its noun phrase: "what's the best bts album" asks for an album; a
        # participle after it is the verb ("what are the students forced to do" asks about students).
        phrase = _NOUN_RUN.match(lowered, head_match.start(2))
        run = phrase.group(0).split() if phrase else [head]
        # … up to a name starting a clause ("what is the official synopsis Netflix gave").
        typed = text.split()
        run = run[:next((i for i, w in enumerate(run[1:], 1) if any(t.lower() == w and t[:1].isupper()
                                                                    for t in typed)), len(run))]
        head = run[-2] if len(run) > 1 and run[-1].endswith(("ed", "ing")) else run[-1]
    compound_match = _COMPOUND.search(lowered)
    compound = compound_match.groups() if compound_match else None
    asked_words = tuple(w for w in words(_ARTICLE_VOICE.sub(" ", content))
                        if w not in STOPWORDS | _ABOUT_THE_ARTICLES | _AIMS)
    ranked = _RANKED.search(lowered)
    if _ABOUT_WHAT.search(lowered):
        asked_words += ("plot",)
    guessed = _GUESSED_COUNT.findall(lowered)
    next_story = bool(_LATER_SEASON.search(lowered) and _NEXT_STORY.search(lowered) and _ASKS_WHAT.search(lowered))
    return Question(
        text, asked_words, expects, target,
        head=head if head and head not in STOPWORDS | _WORK_NOUNS | _AIMS | kind_words else None,
        about_the_story=bool(_ABOUT_THE_STORY.search(lowered) or next_story),
        next_story=next_story,
        compound=(term(compound[0]), term(compound[1]))
        if compound and not STOPWORDS.intersection(compound) and compound[0] not in kind_words | _PICKING
        and compound[1] not in _WORK_NOUNS | _QUANTITY_NOUNS | kind_words else None,
        alternatives=tuple(term(w) for pair in _CHOICE.findall(lowered) for w in pair if w not in STOPWORDS),
        figures=(*(f for f in _FIGURE.findall(DAY_OF_MONTH.sub(" ", lowered)) if f not in guessed),
                 *(term(w) for w in (*_CALENDAR.findall(lowered), *_PERIOD.findall(lowered)))),
        date_part=next((part for part, pattern in _DATE_PARTS if pattern.search(lowered)), None),
        later_season=bool(_LATER_SEASON.search(lowered)),
        next_work=bool(_NEXT_WORK.search(lowered)),
        period=period.group(1) if (period := _FIRST_PERIOD.search(lowered)) else None,
        played=tuple(terms(played.group("character"))) if (played := _WHO_PLAYS.search(lowered)) else (),
        real_place=bool(_REAL_PLACE.search(lowered)),
        rank_verb=term(ranked.group("verb")) if ranked and ranked.group("verb") else None,
        asks_why=bool(_ASKS_WHY.search(lowered)),
        kind_of_work=tuple(terms(kind_match.group("kind"))) if (kind_match := _WORKS_OF_A_KIND.search(lowered)) else (),
        qualifier=term(qualifier) if qualifier and qualifier not in STOPWORDS and not qualifier.isdigit() else None,
        topic=tuple(term(w) for w in words(said_about.group("topic")) if w not in STOPWORDS | _WORK_NOUNS)
        if (said_about := _SAID_ABOUT.search(lowered)) else (),
        asks_name=bool(_ASKS_NAME.search(lowered)),
        proper=tuple(dict.fromkeys((*(term(m.group(0).lower()) for m in _CAPITALISED.finditer(text)
                                      if not _OPENER.search(text[:m.start()]) and m.group(0).lower() not in STOPWORDS),
                                    *(term(w) for w in _COUNTRY.findall(lowered))))),
    )
