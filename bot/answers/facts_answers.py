"""Cast and crew questions answered from the extracted facts, quoting the sentence that states each one.

"who plays gwi nam" is answered by the sentence pairing Yoo In-soo with Yoon Gwi-nam, not by the
cast list that merely mentions both; "who directed it" quotes each article's version of the credit
side by side. A character, person or job the facts don't know gets a decline that names what is
missing — never the cast list.

All reading of bot.knowledge.cast goes through `CastFacts`, one narrow adapter, so the extraction
can change shape without touching the answer path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.kinds import AUXILIARY, Kind
from bot.answers.questions import BESIDES
from bot.knowledge.cast import Cast, Character, Person
from bot.knowledge.facts import Citation, number_value, unique_citations
from bot.knowledge.text import STOPWORDS, terms, words

# Names are looked for in windows of up to this many words of the question, longest first.
MAX_NAME_WORDS = 3
MIN_NAME_LENGTH = 3

# Which job a crew question asks about: (job as the facts name it, pattern, strong). A weak word
# ("made", "behind") only counts when the question asks about nothing but the series itself.
JOBS: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple((job, re.compile(pattern), strong)
                                                            for job, pattern, strong in (
    # Not the webtoon a show was made from ("which writer took inspiration from the webtoon"): the job is another.
    ("original webtoon author", r"^(?!.*\b(from|based on|inspired by|adapted from) (the |a )?(original |og |naver )?"
                                r"(webtoon|comic|manhwa|manga)\b).*\b(webtoon|comic|manhwa|manga|original)\b", True),
    ("showrunner", r"\bshow ?runner\b", True),
    ("writer", r"\b(writer|wrote|written|screenwriter|script\w*|penned|pen)\b", True),
    ("director", r"\b(direct\w*|helm\w*)\b", True),
    ("studio", r"\b(studios?|production compan\w*|produced|producers?)\b", True),
    ("creator", r"\b(creat\w*)\b", True),
    ("creator", r"\b(made|maker|makers|came up with|behind)\b", False),
))


@dataclass(frozen=True)
class Named:
    """A person or character the question names, as the facts know them."""

    name: str
    variants: tuple[str, ...]
    is_character: bool
    facts: tuple[Citation, ...]  # the sentences pairing them with their actor or character
    players: tuple[str, ...] = ()  # for a character, every spelling of the people who play them
    typed: tuple[str, ...] = ()  # the question's words that name them, however spelt ("parkjihu")
    jobs: tuple[Citation, ...] = ()  # for a person, the sentences stating the jobs they did on the series


@dataclass(frozen=True)
class FactAnswer:
    """Citations that answer, best first; or, when empty, what the articles don't say."""

    citations: tuple[Citation, ...] = ()
    missing: str | None = None
    # The facts matched what the question is about (the job asked, the person whose role is asked), so
    # its other words are talk around it ("whos credited as the creator"); a character's actor is not
    # that sure: "who plays namra's dad" names Nam-ra but asks about someone else.
    focused: bool = False


class CastFacts:
    """The one adapter over bot.knowledge.cast.Cast that the answer path reads facts through."""

    def __init__(self, cast: Cast) -> None:
        self._cast = cast
        self.jobs = frozenset(credit.job for credit in cast.credits)

    def named_in(self, words: list[str]) -> list[Named]:
        """People and characters of the series the words name, in any spelling, longest windows first."""
        found: dict[str, Named] = {}
        taken: set[int] = set()
        for size in range(MAX_NAME_WORDS, 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                window = words[start:start + size]
                if taken & set(span) or all(w in STOPWORDS or len(w) < MIN_NAME_LENGTH for w in window):
                    continue
                match = self._cast.lookup(" ".join(window))
                if match:
                    taken.update(span)
                    found.setdefault(match.entry.name, self._named(match.entry, tuple(window)))
        return list(found.values())

    def _named(self, entry: Person | Character, typed: tuple[str, ...]) -> Named:
        if isinstance(entry, Character):
            players = [p for p in self._cast.people if p.name in entry.played_by]
            return Named(entry.name, entry.variants, True, unique_citations(entry.pairs),
                         tuple(s for p in players for s in (p.name, *p.variants)), typed)
        return Named(entry.name, entry.variants, False,
                     unique_citations(c for role in entry.roles for c in role.citations), typed=typed,
                     jobs=unique_citations(c for job in entry.jobs for c in job.citations))

    def versions(self, job: str) -> list[tuple[tuple[str, ...], tuple[Citation, ...]]]:
        """Each article version of who did a job: (names, citations), the best attested first."""
        credit = next((c for c in self._cast.credits if c.job == job), None)
        if credit is None:
            return []
        return sorted(((v.names, v.citations) for v in credit.versions), key=lambda v: -len(v[1]))


def asked_job(text: str, about_series_only: bool) -> str | None:
    """The job a crew question asks about, if it names one."""
    return next((job for job, pattern, strong in JOBS if (strong or about_series_only) and pattern.search(text)),
                None)


def answer_from_facts(kind: Kind, text: str, named: Sequence[Named], facts: CastFacts, asked: frozenset[str],
                      about_series_only: bool, limit: int) -> FactAnswer | None:
    """The fact citations answering a cast or crew question; None when the facts are not the way to it.
    `asked` holds the question's terms other than the series' title."""
    if kind is Kind.PERSON:
        # "who is Kim Nam-su?": what they did on the series, their roles and jobs; other "who" questions
        # ("who died saving On-jo") are for the sentences.
        # An actor is best said by the sentences about them ("Lee Yoo-mi who shot to fame with her role in Squid
        # Game"), of which their pairing in a cast list is one.
        people = [n for n in named if not n.is_character and n.jobs]
        if not people or not _WHO_IS.search(text):
            return None
        return FactAnswer(_spread([c for n in people for c in (*n.jobs, *n.facts)], limit), focused=True)
    if kind in (Kind.ACTOR, Kind.ROLE):
        # "who plays cheong-san's mother" asks about someone the facts only name through a character.
        relative = _RELATIVE.search(text)
        if relative and kind is Kind.ACTOR:
            return FactAnswer(missing=f"who plays {relative.group(0)}")
        # The entity named decides the direction, whatever the words said: a character asks for the
        # actor, an actor for the character.
        with_facts = [n for n in named if n.facts]
        if with_facts:
            # A character asked about right after "plays" is what the question is about, whatever words describe
            # them ("who plays nam-ra the class president"); elsewhere ("who plays the girl who loves cheong-san")
            # the words the articles don't use may be about someone else.
            played = _PLAYED.search(text)
            asked = set(words(played.group(1))) if played else set()
            return FactAnswer(_spread([c for n in with_facts for c in n.facts], limit),
                              focused=all(not n.is_character or bool(asked & set(n.typed)) for n in with_facts))
        # "what was Kim Nam-su's role": someone who plays no one did a job on the series.
        crew = [n for n in named if not n.is_character and n.jobs]
        if crew and kind is Kind.ROLE:
            return FactAnswer(_spread([c for n in crew for c in n.jobs], limit), focused=True)
        # An actor named in a question for actors asks about the cast around them ("kim byung-chul and who
        # else?"): the sentences listing it answer.
        if named and kind is Kind.ACTOR and not named[0].is_character:
            return None
        if named:
            return FactAnswer(missing=f"which role {named[0].name} plays" if not named[0].is_character
                              else f"who plays {named[0].name}")
        # Nothing named: a question asking for a name ("who plays the principal") is declined for the
        # role it names; any other ("are the actors new?") is not a cast question after all.
        if not _ASKS_FOR_NAME.search(text) or _YES_NO.match(text):
            return None
        # One role asked about ("who plays the principal") is declined by name; the cast as a whole ("who
        # are the main actors") is for the sentences listing it.
        subject = _subject(text)
        return FactAnswer(missing=f"who plays {subject}") if subject else None
    job = asked_job(text, about_series_only)
    if job is None or job not in facts.jobs or _did_something_else(text):
        return None
    versions = facts.versions(job)
    people = {n.name for n in named if not n.is_character}
    # Naming who did the job, it asks something else of them ("what inspired creator Cheon Seong-il?"), unless
    # it asks what else they did ("does lee jq do anything besides directing"): their other jobs.
    if people & {name for names, _ in versions for name in names}:
        if not _BESIDES.search(text):
            return None
        done = {c.text for _, citations in versions for c in citations}
        jobs = [c for n in named if n.name in people for c in n.jobs]
        return FactAnswer(_spread(sorted(jobs, key=lambda c: c.text in done), limit), focused=True) if jobs else None
    # The version naming whom the question names first, then the one sharing most of its words besides the job
    # ("the guy who did damo directed this?": the credit that mentions Damo).
    besides = {t for t in asked if not any(pattern.search(t) for _, pattern, _ in JOBS)}
    # "Which three people are credited as its creators": the version naming three.
    counted = _HOW_MANY_NAMED.search(text)
    wanted = number_value(counted.group(1)) if counted else None
    versions.sort(key=lambda v: (not (people & set(v[0])), wanted is not None and len(v[0]) != wanted,
                                 -len(besides & set(terms(v[1][0].text)))))
    return FactAnswer(_spread([c for _, citations in versions for c in citations[:1]], limit),
                      focused=bool(_ASKS_WHO.search(text)))


def _spread(citations: list[Citation], limit: int) -> tuple[Citation, ...]:
    """Up to `limit` distinct citations, one per sentence, in the order given."""
    return unique_citations(citations)[:limit]


# How many people a question says did the job ("which three people", "lists three creators").
_HOW_MANY_NAMED = re.compile(r"\b(two|three|four|five|[2-5])\s+(?:\w+\s+)?(?:people|persons|names|creators|directors|"
                             r"writers|producers|showrunners|studios|companies|men|women|guys)\b")
# Asking what else someone did than the job named.
_BESIDES = re.compile(rf"\b({BESIDES})\b")
# "who plays nam-ra …": whom the question asks the actor of.
_PLAYED = re.compile(r"\b(?:plays?|played|playing|portrays?|portrayed|portraying)\s+([\w-]+)")
# A relative of a character: another person, whom the character's facts don't answer for.
_RELATIVE = re.compile(r"\b[\w-]+(?:'s)? (?:mother|mom|mum|father|dad|parents?|sisters?|brothers?|siblings?|friends?|"
                       r"boyfriend|girlfriend|teachers?|sons?|daughters?|family|wife|husband|grand\w+)\b")
_ASKS_FOR_NAME = re.compile(r"\b(who|whom|whose|which|what|name)\b|\?\W*$")
# A job done on something other than the series: "the teacher who created the virus" is a story question,
# "who directed train to busan" asks about another work. The word after the verb (and an article) says which.
_JOB_DONE_ON = re.compile(r"\b(?:creat(?:e|es|ed|ing)|ma(?:de|ke|kes|king)|direct(?:s|ed|ing)?|"
                          r"wr(?:ote|itten|ites?|iting)|produc(?:e|es|ed|ing))\s+"
                          r"(?P<article>(?:the|a|an)\s+)?(?P<what>[a-z][\w-]*)")
# What a job may be done on that is the series or a part of it.
_OWN_WORK = frozenset("show shows series drama dramas k-drama kdrama webtoon comic script screenplay episode episodes "
                      "first second season seasons whole original name names".split())


def _did_something_else(text: str) -> bool:
    """Whether the question asks who did a job on something other than the series."""
    for match in _JOB_DONE_ON.finditer(text):
        what = match.group("what")
        # Without an article, a small word ("directed it", "wrote and directed") says nothing of what.
        own = what in _OWN_WORK or what.removesuffix("s") in _OWN_WORK
        if not own and (match.group("article") or what not in STOPWORDS):
            return True
    return False


# Asking who someone is: "who is kim nam-su", "whos lee jq exactly".
_WHO_IS = re.compile(r"^\W*(?:who is|who was|who's|who are)\b")
# Asking who did the job ("which filmmakers directed it", "what production companies are behind it"), not where
# to buy the webtoon.
_ASKS_WHO = re.compile(r"\b(who|whom|whose|which|name)\b|\bwhat\s+(?:\w+\s+)?(?:compan(?:y|ies)|studios?|"
                       r"directors?|writers?|creators?|producers?|authors?|showrunners?)\b")
# A yes-or-no question ("are most of the cast new actors?") asks for no name.
_YES_NO = re.compile(rf"^{AUXILIARY}\b")
_ASKED_ABOUT = re.compile(r"\b(?:plays?|played|for|as|of|behind)\s+(?P<what>(?:the|a|an)\s+[\w -]+?)"
                          r"\s*(?:\?|$|\bwho\b)|\b(?:plays?|played)\s+(?P<who>[a-z][\w-]+)\b")


def _subject(text: str) -> str | None:
    """The role a question asks about when no name matched ("the pe teacher"), for the decline."""
    match = _ASKED_ABOUT.search(text)
    if not match:
        return None
    if match.group("what"):
        return match.group("what").strip()
    return None if match.group("who") in STOPWORDS else match.group("who")


# The words of a crew question that only say which job: what is left asks about something else.
JOB_TERMS = frozenset(terms(" ".join(p.pattern for _, p, _ in JOBS).replace("\\b", " ").replace("\\w*", "")))
