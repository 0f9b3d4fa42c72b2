"""Stage one: read a question once into one value, `Analysis`, that the later stages only consume.

Tidy the fan's wording (bot.answers.normalise), check it is a question at all (bot.answers.questions),
encode it once, decide the kind of answer wanted (bot.answers.kinds), find the people and characters
it names (through the facts adapter), and reduce it to query terms: aliases added, fans' initials
spelt out, misspelt names mended.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answers.evidence import Matcher
from bot.answers.facts_answers import JOB_TERMS, CastFacts, Named, asked_job
from bot.answers.kinds import EXPECTS, Kind, KindClassifier, load_examples
from bot.answers.normalise import Normaliser, is_english
from bot.answers.questions import SAYING, SETTING_ASIDE, Expects, Question, Rejection, analyse
from bot.answers.references import ArticleReferences
from bot.answers.subject import Asked, Subjects
from bot.answers.weights import TYPO_MIN_LENGTH, TYPO_SIMILARITY
from bot.knowledge.embedding import Encoder
from bot.knowledge.facts import LONG_TITLE
from bot.knowledge.names import HYPHENATED_NAME, AliasBook
from bot.knowledge.passages import REPORTING
from bot.knowledge.store import Knowledge
from bot.knowledge.subjects import fold_title
from bot.knowledge.text import STOPWORDS, Thesaurus, same_family, term, terms, words


def _joined_names(name: str) -> list[str]:
    """The terms of a name's hyphenated parts written whole: "Yoon Gwi-nam" → ["gwinam"]."""
    return [term(part.replace("-", "").lower()) for part in HYPHENATED_NAME.findall(name)]


# Asking what someone said, or where or how they said it: "the director" is then whoever directed it.
_SPEECH = re.compile(rf"\b{SAYING}\b|\baccording to\b")
# A capitalised word inside a sentence: a name (Netflix, Hyosan), not a sentence's first word.
_INNER_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][\w+]*(?:-\w+)*")


@dataclass(frozen=True)
class Analysis:
    """Everything the later stages need to know about a question, worked out once."""

    question: Question
    kind: Kind
    vector: np.ndarray
    terms: list[str]  # the query terms: aliases added, acronyms spelt out, typos mended
    lowered: str  # the normalised text in lower case, for word rules
    asked: Asked  # the works it asks about; `asked.about` names another show asked about alone
    about_series_only: bool  # asks about nothing but the series ("who made it")
    named: tuple[Named, ...]  # the people and characters of the series it names
    speakers: tuple[str, ...]  # every spelling of the people it names (a character's actors), to match who said what
    unknown: float  # the rarity-weighted share of its words the articles never use
    # Each person or character it names, as every spelling that names them (a character's: its actors' too).
    spellings: tuple[tuple[str, ...], ...] = ()
    # The terms naming a job whose holders are among the speakers ("director"): their words have them.
    job_terms: frozenset[str] = frozenset()
    article: str | None = None  # the article it points at ("the February 7 article"), answered from alone
    sources: frozenset[str] = frozenset()  # the outlets it says reported it ("Deadline's reported figure"): named


class Analyser:
    """What the articles' words, names and titles tell about a question; built once per Knowledge."""

    def __init__(self, knowledge: Knowledge, embedder: Encoder, aliases: AliasBook, thesaurus: Thesaurus) -> None:
        self.knowledge = knowledge
        self.embedder = embedder
        self.aliases = aliases
        self.subjects = Subjects(knowledge.sentences)
        self.name_terms = self._collect_name_terms()
        self.matcher = Matcher(thesaurus, self.name_terms, self.subjects.works)
        self.facts = CastFacts(knowledge.cast)
        self.references = ArticleReferences(knowledge.articles)
        self.acronyms = self._collect_acronyms()
        # Bounded: every new word asked adds an entry, and a bot runs for weeks.
        self.related_vocabulary = lru_cache(maxsize=8192)(self._scan_related)
        self._spellings = sorted({w for s in knowledge.sentences for w in words(s.text)} | thesaurus.words)
        self._known_terms = knowledge.lexical.vocabulary | {term(w) for w in thesaurus.words}
        vocabulary = Counter(w for s in knowledge.sentences for w in words(s.text))
        vocabulary.update({w: 1 for w in thesaurus.words | {w for g in aliases.groups for n in g for w in words(n)}})
        # The writers' names the pages print ("Written By Joel Kurian") are the articles' words too.
        vocabulary.update({w: 1 for a in knowledge.articles if a.byline for w in words(a.byline)})
        series = self.subjects.works.series.title
        given_names = {m for s in knowledge.sentences for m in HYPHENATED_NAME.findall(s.text)}
        given_names |= {m for group in aliases.groups for n in group for m in HYPHENATED_NAME.findall(n)}
        self.normaliser = Normaliser(vocabulary, series, names=given_names)
        examples = load_examples()
        self.kinds = KindClassifier(examples, embedder.encode([q for _, q in examples]))
        self.series_terms = frozenset(terms(series))
        self._proper_terms = frozenset(term(m.lower()) for s in knowledge.sentences
                                       for m in _INNER_CAPITAL.findall(s.text))
        works = self.subjects.works.series
        self._series_titles = frozenset(fold_title(t) for t in (works.title, *works.aliases))
        self.origin_terms = frozenset(term(w) for w in works.origin_words)
        self._pairs = frozenset(pair for s in knowledge.sentences for pair in pairwise(terms(s.quote)))
        # The outlets the articles report from ("as per a report on Deadline"), by their words.
        self.outlets = frozenset(w for s in knowledge.sentences if s.outlet for w in words(s.outlet)) - STOPWORDS
        self.outlet_terms = frozenset(map(term, self.outlets))

    def analyse(self, raw: str) -> Analysis | Rejection:
        """The question read once: tidied, its terms, its answer kind, its vector."""
        first = analyse(raw, self._known_terms)
        if isinstance(first, Rejection):
            return first
        tidy = analyse(self.normaliser.normalise(first.text), self._known_terms)
        question = tidy if isinstance(tidy, Question) else first
        lowered = question.text.lower()
        aliases = self._alias_names(question.text)
        # The words pointing at an article ("Joel Kurian's piece", "according to the February 7 article") ask
        # nothing of it; they are read as typed (a quoted headline is not to be tidied).
        reference = self.references.find(first.text.lower())
        asking = self.references.without(question.text, reference) if reference else question.text
        vector = self.embedder.encode([" ".join([self._without_title(asking), *aliases])])[0]
        kind = self.kinds.classify(self.references.asking(lowered) if reference else lowered, vector)
        question = replace(question, expects=EXPECTS.get(kind, question.expects))
        # "which us network …": a kind of thing the articles never name is answered by any name.
        if question.expects is Expects.NAME and not any(self.known(t) for t in question.target):
            question = replace(question, target=())
        asked = self.subjects.asked(question.text)
        if SETTING_ASIDE.search(lowered):
            question = replace(question, set_aside=asked.named)
        named = tuple(self.facts.named_in(words(lowered)))
        # Characters give no interviews: what a character "said" off screen is their actor's words; what "the
        # director" said is the words of those who directed it.
        job = asked_job(lowered, about_series_only=False) if kind is Kind.SAID or _SPEECH.search(lowered) else None
        by_job = ", ".join(name for names, _ in (self.facts.versions(job) if job else ()) for name in names)
        speakers = tuple(dict.fromkeys([*(s for n in named for s in (n.players if n.is_character
                                                                       else (n.name, *n.variants))),
                                        *aliases, *(n for group in self.aliases.mentioned_in(by_job) for n in group)]))
        vocabulary = self.subjects.vocabulary(asked)
        if reference:
            question = replace(question, figures=tuple(f for f in question.figures if f not in reference.terms))
        query_terms = [t for t in self._choice_made(question, self.query_terms(question), vocabulary)
                       if not reference or t not in reference.terms]
        # A name typed in parts ("gwi nam") is the whole name (Gwi-nam), not its syllables: "Nam-Ra" shares one.
        query_terms += [joined for n in named for joined in _joined_names(n.name) if joined not in query_terms]
        # A name the facts recognise, however typed ("parkjihu"), is known.
        name_words = {term(w) for n in named for w in n.typed}
        return Analysis(question, kind, vector, query_terms, lowered,
                        asked=asked,
                        about_series_only=not {t for t in question.terms if t not in self.series_terms} - JOB_TERMS,
                        named=named, speakers=speakers,
                        spellings=(*self.aliases.mentioned_in(question.text),
                                   *((n.name, *n.variants, *n.players) for n in named)),
                        unknown=self.unknown_share(question, [t for t in query_terms if t not in name_words],
                                                   vocabulary),
                        job_terms=frozenset(t for t in question.terms if by_job
                                            and any(same_family(t, j) for j in JOB_TERMS)),
                        article=reference.source_id if reference else None,
                        sources=self._sources(lowered))

    def _sources(self, lowered: str) -> frozenset[str]:
        """The outlets the question says reported what it asks about ("Deadline's reported figure", "according to
        Koreaboo"): its answer is what they reported, which names them."""
        typed = lowered.split()
        return frozenset(t for i, w in enumerate(typed) if (t := term(w.strip("?!.,").removesuffix("'s")))
                         in self.outlet_terms and (any(REPORTING.match(x) for x in typed[i + 1:i + 3])
                                                   or " ".join(typed[max(0, i - 2):i]) in ("according to", "as per")))

    def unknown_share(self, question: Question, query_terms: list[str], vocabulary: frozenset[str]) -> float:
        """The rarity-weighted share of the question's non-name words that the articles never use.

        A question asking for an attribute the articles never mention ("the budget", "how tall") is
        wholly unknown, however well the rest of it matches. Only the `vocabulary` of the sentences that
        may answer counts: "budget" known only from another show's article is unknown for this one.
        """
        head = question.head
        if head and head not in self.acronyms and not self.known(self._respell(head), vocabulary):
            return 1.0
        # A name before the thing ("what FlixPatrol score", "which K-pop success") only says whose it is.
        if question.compound and question.compound[0] not in self._proper_terms \
                and not self._together(*question.compound):
            return 1.0
        focus = {t for t in query_terms if t not in self.name_terms}
        if not focus:
            return 0.0
        idf = self.knowledge.lexical.idf
        unknown = {t for t in focus if not self.known(t, vocabulary)}
        # A name the articles never use is what the question is about ("was Brazil one of the 25 countries").
        if unknown & set(question.proper):
            return 1.0
        # Of a choice ("veterans or newbies"), the alternative the articles never use is no absent focus when they
        # use the other: the answer is that one.
        if any(self.known(t, vocabulary) for t in question.alternatives):
            unknown -= set(question.alternatives)
        return sum(idf(t) for t in unknown) / sum(idf(t) for t in focus)

    def _choice_made(self, question: Question, query_terms: list[str], vocabulary: frozenset[str]) -> list[str]:
        """Of a choice between named things ("netflix or disney+"), the one the articles never name is no
        term of the question: the answer names the other. A choice of words ("good or just hype") keeps both."""
        if not any(t in self._proper_terms and self.known(t, vocabulary) for t in question.alternatives):
            return query_terms
        absent = {t for t in question.alternatives if not self.known(t, vocabulary)}
        return [t for t in query_terms if t not in absent]

    def _together(self, first: str, second: str) -> bool:
        """Whether the articles use the two terms (or related ones) side by side: "age rating" is unknown
        though "rating" is known (a FlixPatrol rating)."""
        return any((a, b) in self._pairs for a in self.related_vocabulary(first)
                   for b in self.related_vocabulary(second))

    def expand(self, query_terms: list[str]) -> list[str]:
        """Query terms plus the articles' words related to them, for lexical search."""
        related = {v for t in set(query_terms) for v in self.related_vocabulary(t) if v != t}
        return [*query_terms, *sorted(related)]

    def known(self, query_term: str, vocabulary: frozenset[str] | None = None) -> bool:
        """Whether the articles (or `vocabulary`) use the term, a synonym of it or a word of its family."""
        related = self.related_vocabulary(query_term)
        return bool(related & vocabulary if vocabulary is not None else related)

    def _scan_related(self, query_term: str) -> frozenset[str]:
        """The articles' terms that are this term, a synonym of it or of its family (memoised in
        `related_vocabulary`: the scan covers the whole vocabulary)."""
        return frozenset(v for v in self.knowledge.lexical.vocabulary if self.matcher.related(query_term, v))

    def query_terms(self, question: Question) -> list[str]:
        """The question's terms with aliases added, acronyms spelt out and misspelt names corrected."""
        found: list[str] = []
        for word in question.words:
            if word in self.acronyms:
                found.extend(self.acronyms[word])
            else:
                found.append(term(word) if self.known(term(word)) else self._respell(word))
        for name in self._alias_names(question.text):
            found.extend(terms(name))
        return found

    def _respell(self, word: str) -> str:
        """The term of the known name or word closest to an unknown one (Chungsan, charcter), else its own.
        An English word is no typo of another ("dating" is not "eating"), though it may be of a name."""
        attempts = ((self.name_terms, term(word), 4),
                    *(() if is_english(word) else ((self._spellings, word, TYPO_MIN_LENGTH),)))
        for choices, key, min_length in attempts:
            if len(key) >= min_length and choices:
                match = process.extractOne(key, choices, scorer=Levenshtein.normalized_similarity,
                                           score_cutoff=TYPO_SIMILARITY)
                if match:
                    return term(match[0])
        return term(word)

    def _without_title(self, text: str) -> str:
        """The question with the series' own title put as "the show": every sentence naming the title would
        otherwise look like the answer to every question naming it ("when did netflix announce it")."""
        for mention in reversed(self.subjects.works.mentions(text)):
            if fold_title(text[mention.start:mention.end]) in self._series_titles:
                text = f"{text[:mention.start]}the show{text[mention.end:]}"
        return text

    def _alias_names(self, text: str) -> list[str]:
        return [name for group in self.aliases.mentioned_in(text) for name in group]

    def _collect_acronyms(self) -> dict[str, list[str]]:
        """Fans' initials for the titles the articles capitalise: AOUAD for All of Us Are Dead."""
        found: dict[str, list[str]] = {}
        for sentence in self.knowledge.sentences:
            for match in LONG_TITLE.finditer(sentence.text):
                parts = match.group(0).split()
                initials = "".join(p[0] for p in parts).lower()
                if len(initials) >= 3 and initials not in self.knowledge.lexical.vocabulary:
                    found.setdefault(initials, terms(match.group(0)))
        return found

    def _collect_name_terms(self) -> frozenset[str]:
        """Terms that spell people's names in the articles: what a misspelt name is matched against."""
        names = {term(w) for s in self.knowledge.sentences for m in HYPHENATED_NAME.findall(s.text)
                 for w in words(m)}
        names |= {term(w) for group in self.aliases.groups for n in group for w in words(n)}
        return frozenset(names)
