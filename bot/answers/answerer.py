"""Question in, Answer out: retrieve passages, score their sentences, quote the best or abstain.

There is no language model: an answer is the one to three sentences of the articles that best
match the question, quoted verbatim. A sentence's score mixes what the embedding model thinks of
it, how much of the question's rarer words it has (synonyms and spelling variants included), and
whether it holds the kind of thing asked for (see evidence.py). The bot abstains, saying the
articles don't say, when the question is mostly about things the articles never mention or when
no sentence scores well enough: a loosely related quote would mislead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answers.evidence import Matcher
from bot.answers.facts_answers import JOB_TERMS, CastFacts, Named, answer_from_facts
from bot.answers.kinds import EXPECTS, FACT_KINDS, Kind, KindClassifier, load_examples
from bot.answers.normalise import Normaliser
from bot.answers.model import Answer, Outcome, Quote
from bot.answers.questions import Expects, Question, Rejection, analyse
from bot.answers.retrieval import Retriever
from bot.knowledge.articles import Article
from bot.knowledge.embedding import Embedder
from bot.knowledge.facts import LONG_TITLE, Citation, find_titles
from bot.knowledge.names import HYPHENATED_NAME, AliasBook
from bot.knowledge.passages import Sentence
from bot.knowledge.store import Knowledge, load_or_build
from bot.knowledge.text import Thesaurus, term, terms, words
from bot.settings import Settings

MAX_QUOTES = 3
MAX_QUOTED_CHARS = 450
# Two sentences this similar say the same thing; quoting both adds nothing.
REDUNDANT_SIMILARITY = 0.85
# Sentences found directly by their own vectors, besides those of the retrieved passages.
SENTENCE_DEPTH = 10
# Unknown words of at least this length are read as typos of the closest known word, if close enough.
TYPO_MIN_LENGTH, TYPO_SIMILARITY = 5, 0.8


@dataclass(frozen=True)
class Weights:
    """How the evidence about a sentence adds up to its score, and when the bot abstains.

    Fitted once on the development and held-out questions together (never per question); see
    README, "How answers are chosen".
    """

    dense: float = 0.235  # question ↔ sentence similarity
    passage: float = 0.18  # question ↔ surrounding passage similarity
    coverage: float = 0.30  # share of the question's (rarity-weighted) words the sentence has
    no_slot: float = 0.55  # factor when the sentence lacks the kind of answer asked for
    min_names: float = 0.25  # share of the people the question names that the sentence must name …
    off_names: float = 0.4  # … or its score is multiplied by this
    max_unknown: float = 0.6  # abstain when this share of the question's words never occurs in the articles
    off_story: float = 0.8  # factor for a spoiler sentence when the question is not about the story
    companion: float = 0.71  # further quotes must score this share of the best one
    min_confidence: float = 0.28  # abstain below this score


@dataclass(frozen=True)
class Evidence:
    """What one sentence offers one question, before weighing."""

    dense: float
    passage: float
    coverage: float
    names: float
    has_slot: bool
    spoils: bool  # a spoiler sentence, for a question that did not ask about the story

    def score(self, w: Weights) -> float:
        score = w.dense * self.dense + w.passage * self.passage + w.coverage * self.coverage
        if not self.has_slot:
            score *= w.no_slot
        if self.spoils:
            score *= w.off_story
        if self.names < w.min_names:
            score *= w.off_names
        return score


@dataclass(frozen=True)
class Analysis:
    """Everything the later stages need to know about a question, worked out once."""

    question: Question
    kind: Kind
    vector: np.ndarray
    terms: list[str]  # the query terms: aliases added, acronyms spelt out, typos mended
    lowered: str  # the normalised text in lower case, for word rules
    other_show: bool  # names another show and not this one
    about_series_only: bool  # asks about nothing but the series ("who made it")
    named: tuple[Named, ...]  # the people and characters of the series it names
    speakers: tuple[str, ...]  # every spelling of the people it names, to match who said what


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    evidence: Evidence
    score: float


class Answerer:
    """Answers questions from one Knowledge; cheap to call, safe to call from worker threads."""

    def __init__(self, knowledge: Knowledge, embedder: Embedder, aliases: AliasBook, thesaurus: Thesaurus,
                 weights: Weights | None = None) -> None:
        self.knowledge = knowledge
        self.embedder = embedder
        self.aliases = aliases
        self.weights = weights or Weights()
        self.retriever = Retriever(knowledge)
        self.name_terms = self._collect_name_terms()
        self._sentence_terms = [frozenset(terms(s.quote)) for s in knowledge.sentences]
        self._related_terms: dict[str, frozenset[str]] = {}
        self.acronyms = self._collect_acronyms()
        self._spellings = sorted({w for s in knowledge.sentences for w in words(s.text)} | thesaurus.words)
        self.titles = find_titles(knowledge.sentences)
        self.matcher = Matcher(thesaurus, self.name_terms, self.titles)
        self._known_terms = knowledge.lexical.vocabulary | {term(w) for w in thesaurus.words}
        vocabulary = Counter(w for s in knowledge.sentences for w in words(s.text))
        vocabulary.update({w: 1 for w in thesaurus.words | {w for g in aliases.groups for n in g for w in words(n)}})
        self.normaliser = Normaliser(vocabulary, self.titles.series)
        examples = load_examples()
        self.kinds = KindClassifier(examples, embedder.encode([q for _, q in examples]))
        self.facts = CastFacts(knowledge.cast)

    @property
    def articles(self) -> list[Article]:
        return self.knowledge.articles

    def ask(self, question: str) -> Answer:
        analysed = self.analyse(question)
        if analysed is Rejection.EMPTY:
            return Answer(question, Outcome.NOT_A_QUESTION)
        if analysed is Rejection.NOT_ENGLISH:
            return Answer(question, Outcome.NOT_ENGLISH)
        assert isinstance(analysed, Analysis)
        if self.unknown_share(analysed.question, analysed.terms) >= self.weights.max_unknown:
            return Answer(question, Outcome.NOT_IN_ARTICLES)
        if analysed.kind in FACT_KINDS and not analysed.other_show:
            found = answer_from_facts(analysed.kind, analysed.lowered, analysed.named, self.facts,
                                      analysed.about_series_only, MAX_QUOTES)
            if found is not None and found.citations:
                return Answer(question, Outcome.ANSWERED, tuple(self._cite(c) for c in found.citations))
            if found is not None:
                return Answer(question, Outcome.NOT_IN_ARTICLES, missing=found.missing)
        candidates = self.rank(analysed)
        if not candidates or candidates[0].score < self.weights.min_confidence:
            return Answer(question, Outcome.NOT_IN_ARTICLES)
        return Answer(question, Outcome.ANSWERED, tuple(self._quote(c) for c in self._select(candidates)))

    def analyse(self, raw: str) -> Analysis | Rejection:
        """The question read once: tidied, its terms, its answer kind, its vector."""
        first = analyse(raw, self._known_terms)
        if isinstance(first, Rejection):
            return first
        tidy = analyse(self.normaliser.normalise(first.text), self._known_terms)
        question = tidy if isinstance(tidy, Question) else first
        lowered = question.text.lower()
        vector = self.embedder.encode([" ".join([question.text, *self._alias_names(question.text)])])[0]
        kind = self.kinds.classify(lowered, vector)
        question = replace(question, expects=EXPECTS.get(kind, question.expects))
        shows = {t for t in (self.titles.series, *self.titles.others) if t and t.casefold() in lowered}
        series_words = set(terms(self.titles.series or ""))
        named = tuple(self.facts.named_in(words(lowered)))
        speakers = tuple({*(s for n in named if not n.is_character for s in (n.name, *n.variants)),
                          *self._alias_names(question.text)})
        return Analysis(question, kind, vector, self.query_terms(question), lowered,
                        bool(shows) and self.titles.series not in shows,
                        not {t for t in question.terms if t not in series_words} - JOB_TERMS, named, speakers)

    def _cite(self, citation: Citation) -> Quote:
        return Quote(citation.text, citation.source_id, citation.title, citation.date, citation.spoiler, 1.0,
                     citation.label)

    def unknown_share(self, question: Question, query_terms: list[str]) -> float:
        """The rarity-weighted share of the question's non-name words that the articles never use.

        A question asking for an attribute the articles never mention ("the budget", "how tall") is
        wholly unknown, however well the rest of it matches.
        """
        if question.head and question.head not in self.acronyms and not self._known(self._respell(question.head)):
            return 1.0
        focus = {t for t in query_terms if t not in self.name_terms}
        if not focus:
            return 0.0
        idf = self.knowledge.lexical.idf
        unknown = {t for t in focus if not self._known(t)}
        return sum(idf(t) for t in unknown) / sum(idf(t) for t in focus)

    def rank(self, analysed: Analysis) -> list[Candidate]:
        """Sentences of the retrieved passages and the nearest sentences, best first."""
        found = [Candidate(s, e, e.score(self.weights)) for s, e in self.gather(analysed)]
        return sorted(found, key=lambda c: c.score, reverse=True)

    def gather(self, analysed: Analysis) -> list[tuple[Sentence, Evidence]]:
        """The candidate sentences with their evidence, unweighed."""
        question, vector, query_terms = analysed.question, analysed.vector, analysed.terms
        similarity = self._sentence_similarity(vector)
        passage_dense = self._candidate_sentences(vector, similarity, query_terms)
        for sid in self._spoken_by(analysed):
            passage_dense.setdefault(sid, float(self.knowledge.passage_vectors[self._passage_of[sid]] @ vector))
        if not passage_dense:
            return []
        ids = np.fromiter(passage_dense, dtype=np.int64)
        dense = similarity[ids]
        idf = self.knowledge.lexical.idf
        weights = {t: idf(t) for t in set(query_terms)}
        names = {t for t in weights if t in self.name_terms}
        found = []
        for sid, sentence_dense in zip(ids.tolist(), dense.tolist(), strict=True):
            sentence = self.knowledge.sentences[sid]
            if not sentence.quotable:
                continue
            present = self._sentence_terms[sid]
            matched = {t: self.matcher.match(t, present) for t in weights}
            has_slot = self.matcher.has_slot(question, sentence, analysed.speakers)
            # Attributed speech names its speaker through the attribution ("…," Lee said).
            spoken = has_slot and question.expects is Expects.SPEECH and bool(analysed.speakers)
            found.append((sentence, Evidence(
                dense=sentence_dense,
                passage=passage_dense[sid],
                coverage=_weighted_share(matched, weights, set(weights)),
                names=1.0 if spoken else _weighted_share(matched, weights, names),
                has_slot=has_slot,
                spoils=sentence.spoiler and not question.about_the_story,
            )))
        return found

    def _sentence_similarity(self, vector: np.ndarray) -> np.ndarray:
        """Each sentence's similarity to the question: of the whole sentence or of its best clause."""
        similarity = self.knowledge.sentence_vectors @ vector
        np.maximum.at(similarity, self.knowledge.clause_owners, self.knowledge.clause_vectors @ vector)
        return similarity

    def _candidate_sentences(self, vector: np.ndarray, similarity: np.ndarray,
                             query_terms: list[str]) -> dict[int, float]:
        """Sentence ids to score, each with the best similarity of a retrieved passage holding it."""
        found: dict[int, float] = {}
        for hit in self.retriever.search(vector, self._expand(query_terms)):
            for sid in self.knowledge.passages[hit.passage_id].sentence_ids:
                found[sid] = max(found.get(sid, 0.0), hit.dense)
        for sid in np.argsort(-similarity)[:SENTENCE_DEPTH].tolist():
            passage = self._passage_of[sid]
            found.setdefault(sid, float(self.knowledge.passage_vectors[passage] @ vector))
        return found

    def _spoken_by(self, analysed: Analysis) -> list[int]:
        """For a question about what someone said, every sentence attributed to them, wherever it stands."""
        if analysed.question.expects is not Expects.SPEECH or not analysed.speakers:
            return []
        return [s.id for s in self.knowledge.sentences
                if self.matcher.has_slot(analysed.question, s, analysed.speakers)]

    @cached_property
    def _passage_of(self) -> dict[int, int]:
        return {sid: p.id for p in self.knowledge.passages for sid in p.sentence_ids}

    def _expand(self, query_terms: list[str]) -> list[str]:
        """Query terms plus the articles' words related to them, for lexical search."""
        related = {v for t in set(query_terms) for v in self._related_vocabulary(t) if v != t}
        return [*query_terms, *sorted(related)]

    def _known(self, query_term: str) -> bool:
        """Whether the articles use the term, a synonym of it or a word of its family."""
        return bool(self._related_vocabulary(query_term))

    def _related_vocabulary(self, query_term: str) -> frozenset[str]:
        """The articles' terms that are this term, a synonym of it or of its family (memoised: the
        scan covers the whole vocabulary)."""
        if query_term not in self._related_terms:
            self._related_terms[query_term] = frozenset(
                v for v in self.knowledge.lexical.vocabulary if self.matcher.related(query_term, v))
        return self._related_terms[query_term]

    def query_terms(self, question: Question) -> list[str]:
        """The question's terms with aliases added, acronyms spelt out and misspellings corrected."""
        found: list[str] = []
        for word in question.words:
            if word in self.acronyms:
                found.extend(self.acronyms[word])
            else:
                found.append(term(word) if self._known(term(word)) else self._respell(word))
        for name in self._alias_names(question.text):
            found.extend(terms(name))
        return found

    def _respell(self, word: str) -> str:
        """The term of the known name or word closest to an unknown one (Chungsan, charcter), else its own."""
        attempts = ((self.name_terms, term(word), 4), (self._spellings, word, TYPO_MIN_LENGTH))
        for choices, key, min_length in attempts:
            if len(key) >= min_length and choices:
                match = process.extractOne(key, choices, scorer=Levenshtein.normalized_similarity,
                                           score_cutoff=TYPO_SIMILARITY)
                if match:
                    return term(match[0])
        return term(word)

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

    def _select(self, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentence, and up to two more that come close to it without repeating it."""
        best = candidates[0]
        chosen = [best]
        vectors = self.knowledge.sentence_vectors
        for other in candidates[1:]:
            if len(chosen) >= MAX_QUOTES or other.score < best.score * self.weights.companion:
                break
            if sum(len(c.sentence.quote) for c in chosen) + len(other.sentence.quote) > MAX_QUOTED_CHARS:
                continue
            if any(float(vectors[c.sentence.id] @ vectors[other.sentence.id]) > REDUNDANT_SIMILARITY
                   or _overlaps(c.sentence, other.sentence) for c in chosen):
                continue
            chosen.append(other)
        return chosen

    def _quote(self, candidate: Candidate) -> Quote:
        sentence = candidate.sentence
        article = self.knowledge.article(sentence.source_id)
        return Quote(sentence.quote, article.source_id, article.title, article.date, sentence.spoiler,
                     round(candidate.score, 4), article.label)


def _overlaps(a: Sentence, b: Sentence) -> bool:
    """Whether two quotes share a sentence (one is the other's lead)."""
    return a.source_id == b.source_id and a.paragraph == b.paragraph and abs(a.position - b.position) <= 1 \
        and (a.lead is not None or b.lead is not None)


def _weighted_share(matched: dict[str, float], weights: dict[str, float], among: set[str]) -> float:
    """How much of the (rarity-weighted) terms in `among` are matched; 1 when there are none."""
    total = sum(weights[t] for t in among)
    return sum(matched[t] * weights[t] for t in among) / total if total else 1.0


def load_answerer(settings: Settings) -> Answerer:
    """Load the model and the index (building it when missing or stale): a few seconds, once."""
    embedder = Embedder(settings.model_path or None)
    knowledge = load_or_build(settings.seeds_dir, settings.index_dir, embedder, settings.aliases_file)
    weights = Weights(min_confidence=settings.min_confidence) if settings.min_confidence is not None else None
    return Answerer(knowledge, embedder, AliasBook.load(settings.aliases_file),
                    Thesaurus.load(settings.synonyms_file), weights)
