"""Question in, Answer out, in stages with one job each: analyse → facts or retrieve → weigh → select.

There is no language model: an answer is the one to three sentences of the articles that best
answer the question, quoted verbatim. The question is read once (bot.answers.analysis). Cast and
crew questions are answered from the extracted facts, quoting the sentence that states each fact
(bot.answers.facts_answers). Other questions retrieve passages (bot.answers.retrieval), weigh each
candidate sentence's evidence — embedding similarity, the question's rarer words, whether it holds
the kind of thing asked for (bot.answers.evidence) — and quote the best with restraint
(bot.answers.selection). The bot abstains, saying the articles don't say, when the question's focus
is absent from the articles or no sentence scores well enough: a loosely related quote would mislead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property

import numpy as np

from bot.answers.analysis import Analyser, Analysis
from bot.answers.evidence import Evidence, Matcher
from bot.answers.facts_answers import FactAnswer, answer_from_facts
from bot.answers.kinds import FACT_KINDS, Kind
from bot.answers.model import Answer, Outcome, Quote
from bot.answers.questions import ARTICLE, Expects, Rejection, split_questions
from bot.answers.retrieval import Retriever
from bot.answers.selection import Candidate, merge, rank, select
from bot.answers.weights import CONTEXT_MATCH, MAX_QUOTES, SENTENCE_DEPTH, Weights
from bot.knowledge.articles import Article
from bot.knowledge.embedding import Encoder
from bot.knowledge.facts import Citation
from bot.knowledge.names import AliasBook
from bot.knowledge.passages import Sentence
from bot.knowledge.store import Knowledge, load_or_build
from bot.knowledge.text import Thesaurus, terms, words
from bot.settings import Settings

__all__ = ["Answerer", "Candidate", "Evidence", "Weights", "load_answerer"]

# How many of an article's sentences closest to a question describe it, beside its headline.
DESCRIBING_SENTENCES = 3
_REJECTED = {Rejection.EMPTY: Outcome.NOT_A_QUESTION, Rejection.NOT_ENGLISH: Outcome.NOT_ENGLISH}


class Answerer:
    """Answers questions from one Knowledge; cheap to call, safe to call from worker threads."""

    def __init__(self, knowledge: Knowledge, embedder: Encoder, aliases: AliasBook, thesaurus: Thesaurus,
                 weights: Weights | None = None) -> None:
        self.knowledge = knowledge
        self.embedder = embedder
        self.weights = weights or Weights()
        self.analyser = Analyser(knowledge, embedder, aliases, thesaurus)
        self.retriever = Retriever(knowledge)
        self._sentence_terms = self.analyser.subjects.sentence_terms
        # The sentence before, in the same paragraph: where "citing data from FlixPatrol" names what the
        # next sentence's "679 points" are.
        self._context_terms = [self._sentence_terms[s.id - 1] if s.position > 0 else frozenset()
                               for s in knowledge.sentences]
        self._speaker_terms = [frozenset(terms(s.speaker)) if s.speaker else frozenset() for s in knowledge.sentences]
        self._sentences_with: dict[str, list[int]] = {}
        for sid, present in enumerate(self._sentence_terms):
            for t in present:
                self._sentences_with.setdefault(t, []).append(sid)

    @property
    def articles(self) -> list[Article]:
        return self.knowledge.articles

    def ask(self, question: str) -> Answer:
        """The answer to each question the message asks, their quotes together (bot.answers.selection.merge)."""
        parts = split_questions(question)
        if len(parts) == 1:
            return self._ask_one(question)
        return combine(question, [self._ask_one(part) for part in parts])

    def _ask_one(self, question: str) -> Answer:
        analysed = self.analyser.analyse(question)
        if isinstance(analysed, Rejection):
            return Answer(question, _REJECTED[analysed])
        if analysed.kind is Kind.AUTHOR:
            return self.byline(question, analysed)
        writer = self._writer_asked_about(analysed)
        if writer is not None:
            return Answer(question, Outcome.ANSWERED, (self._byline_quote(writer, 1.0),))
        settled = self.settle(question, analysed)
        if settled is not None:
            return settled
        return self.answer(question, rank(self.gather(analysed), self.weights), analysed.asked.about)

    def byline(self, question: str, analysed: Analysis) -> Answer:
        """Who wrote the article the question describes: its byline as printed, or a decline when that article
        prints none, or when the question asks about a report the articles cite ("the Deadline article"). Several
        articles tell the same news, so an article is known by its headline and its few closest sentences together,
        not by one sentence."""
        if self._cited_report.search(analysed.lowered):
            return Answer(question, Outcome.NOT_IN_ARTICLES)
        similarity = self._sentence_similarity(analysed.vector)
        closest: dict[str, list[float]] = {}
        for sentence, value in zip(self.knowledge.sentences, similarity.tolist(), strict=True):
            closest.setdefault(sentence.source_id, []).append(value)
        headline = dict(zip((a.source_id for a in self.articles), (self._headline_vectors @ analysed.vector).tolist(),
                            strict=True))
        score = {a.source_id: headline[a.source_id] + float(np.mean(sorted(closest.get(a.source_id, [0.0]))
                                                                    [-DESCRIBING_SENTENCES:]))
                 for a in self.articles}
        article = max(self.articles, key=lambda a: score[a.source_id])
        if article.byline is None:
            return Answer(question, Outcome.NOT_IN_ARTICLES)
        return Answer(question, Outcome.ANSWERED, (self._byline_quote(article, score[article.source_id]),))

    def _writer_asked_about(self, analysed: Analysis) -> Article | None:
        """The article whose writer a question asks about by name ("who is Joel Kurian", "is he in the cast?"): who
        they are is that they wrote it. Not a question about what their article says ("according to Joel Kurian's
        piece, …", an article reference), nor about someone of the cast or crew."""
        if analysed.kind not in (Kind.PERSON, Kind.ACTOR, Kind.ROLE, Kind.CREW, Kind.YES_NO) or analysed.named \
                or analysed.article is not None:
            return None
        asked = set(words(analysed.lowered))
        return next((a for a in self.articles if a.author and set(words(a.author)) <= asked), None)

    @staticmethod
    def _byline_quote(article: Article, score: float) -> Quote:
        """An article's byline, as printed, quoted as the answer."""
        return Quote(article.byline or "", article.source_id, article.title, article.date, False, round(score, 4),
                     article.label)

    @cached_property
    def _source_ids(self) -> np.ndarray:
        """Each sentence's article, by sentence id."""
        return np.array([s.source_id for s in self.knowledge.sentences])

    @cached_property
    def _cited_report(self) -> re.Pattern[str]:
        """A report of an outlet the articles cite, by the one-word speakers of their sentences ("as per a report
        on Deadline", "Soompi reported"; not "Another hailed …", which opens its sentence): "the deadline
        article", "a report by soompi"."""
        outlets = sorted(self.analyser.outlets) or ["(?!)"]
        outlet = "(?:" + "|".join(map(re.escape, outlets)) + ")"
        return re.compile(rf"\b{outlet}(?:'s)? {ARTICLE}\b|\b{ARTICLE} (?:by|from|on|in) {outlet}\b")

    @cached_property
    def _headline_vectors(self) -> np.ndarray:
        return self.analyser.embedder.encode([a.title or "" for a in self.articles])

    def settle(self, question: str, analysed: Analysis) -> Answer | None:
        """The answer decided before any sentence is weighed (see `settled`)."""
        return settled(question, self.facts_for(analysed), analysed.unknown, self.weights)

    def facts_for(self, analysed: Analysis) -> FactAnswer | None:
        """The cast and crew facts' answer (or what they don't know), when the facts are the way to it."""
        # Another show named beside one of this series' characters whose actor is asked for ("the na-yeon actress,
        # the squid game girl? her name") only points at them; named alone, the question is about that show.
        pointer = analysed.asked.about is None or (analysed.kind is Kind.ACTOR
                                                   and any(n.is_character for n in analysed.named))
        if analysed.kind not in FACT_KINDS or not pointer:
            return None
        found = answer_from_facts(analysed.kind, analysed.lowered, analysed.named, self.analyser.facts,
                                  frozenset(analysed.terms) - self.analyser.series_terms,
                                  analysed.about_series_only, MAX_QUOTES)
        if found is None or analysed.article is None or not found.citations:
            return found
        # Asked of one article ("the February 7 article"), its own statement of the fact, else its sentences.
        own = tuple(c for c in found.citations if c.source_id == analysed.article)
        return replace(found, citations=own) if own else None

    def answer(self, question: str, candidates: list[Candidate], about: str | None = None) -> Answer:
        """Quote the best candidates, or abstain when even the best is weak, or none holds what the
        question's kind asks for (a date, a number, a place, the person's own words …), or the best leaves out
        another show the question names: "how many countries did squid game top, more than it" is not answered
        by this series' count alone."""
        candidates = [c for c in candidates if c.evidence.has_slot] + [c for c in candidates if not c.evidence.has_slot]
        if not candidates or not candidates[0].evidence.has_slot or candidates[0].score < self.weights.min_confidence \
                or not candidates[0].evidence.names_works:
            return Answer(question, Outcome.NOT_IN_ARTICLES)
        chosen = select(candidates, self.weights, self.knowledge.sentence_vectors)
        return Answer(question, Outcome.ANSWERED, tuple(self._quote(c) for c in chosen), about=about)

    def gather(self, analysed: Analysis) -> list[tuple[Sentence, Evidence]]:
        """The candidate sentences with their evidence, unweighed: only those about the work the question
        asks about (bot.answers.subject)."""
        question, vector = analysed.question, analysed.vector
        subjects = self.analyser.subjects
        query_terms = subjects.focus(analysed.asked, analysed.terms)
        allowed = subjects.allowed(analysed.asked)
        if analysed.article is not None:
            allowed = allowed & (self._source_ids == analysed.article)
        similarity = np.where(allowed, self._sentence_similarity(vector), -np.inf)
        passage_dense = {sid: dense for sid, dense in self._candidate_sentences(vector, similarity, query_terms).items()
                         if allowed[sid]}
        for sid in self._slot_holders(analysed):
            passage_dense.setdefault(sid, float(self.knowledge.passage_vectors[self._passage_of[sid]] @ vector))
        if not passage_dense:
            return []
        ids = np.fromiter(passage_dense, dtype=np.int64)
        dense = similarity[ids]
        idf = self.knowledge.lexical.idf
        weights = {t: idf(t) for t in set(query_terms)}
        # The people a question names, the figures that pin it down and the work it adapts ("the webtoon") must be
        # in the answer.
        asked_names = {t for t in weights
                       if t in self.analyser.name_terms or t in question.figures or t in self.analyser.origin_terms
                       or t in analysed.sources}
        names = _whole(asked_names)
        # A name is present through any spelling of whom it names ("Lee JQ" for Lee Jae-kyoo), a character's
        # through the actor who plays them ("the na-yeon actress"); each spelling counts whole ("Lee Yoo-mi" shares
        # a syllable with "Yoo In-soo").
        spelt: dict[str, list[frozenset[str]]] = {}
        for group in analysed.spellings:
            whole = [_whole(set(terms(name))) for name in group]
            for t in {t for name in group for t in terms(name)}:
                spelt.setdefault(t, []).extend(whole)
        matcher = self.analyser.matcher
        others = analysed.asked.named
        found = []
        for sid, sentence_dense in zip(ids.tolist(), dense.tolist(), strict=True):
            sentence = self.knowledge.sentences[sid]
            if not sentence.quotable:
                continue
            present, context = self._sentence_terms[sid], self._context_terms[sid]
            has_slot = matcher.has_slot(question, sentence, analysed.speakers)
            # Attributed speech names its speaker through the attribution ("…," Lee said), whatever is asked
            # of it ("why did Park Ji-hu feel …": "Because we are experiencing this pandemic …").
            # A surname alone ("according to director Lee") names the speaker it belongs to.
            spoken = matcher.spoken_by(sentence, analysed.speakers) or bool(names and names <= self._speaker_terms[sid])
            matched = {t: _presence(t, matcher, present, context, is_name=t in asked_names,
                                    spoken=spoken, spelt=any(s <= present for s in spelt.get(t, ()))
                                    or (spoken and t in analysed.job_terms))
                       for t in weights}
            found.append((sentence, Evidence(
                dense=sentence_dense,
                passage=passage_dense[sid],
                coverage=_weighted_share(matched, weights, set(weights)),
                names=1.0 if spoken else _weighted_share(matched, weights, names),
                has_slot=has_slot,
                spoils=sentence.spoiler and not question.about_the_story,
                tells_story=sentence.spoiler and question.about_the_story,
                elsewhere=matcher.elsewhere(sentence, analysed.asked.works),
                names_works=not others or bool(others & subjects.named_by(sid)),
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
        for hit in self.retriever.search(vector, self.analyser.expand(query_terms)):
            for sid in self.knowledge.passages[hit.passage_id].sentence_ids:
                found[sid] = max(found.get(sid, 0.0), hit.dense)
        by_words = self._lexical_sentences(query_terms)
        for sid in [*np.argsort(-similarity)[:SENTENCE_DEPTH].tolist(), *by_words]:
            passage = self._passage_of[sid]
            found.setdefault(sid, float(self.knowledge.passage_vectors[passage] @ vector))
        return found

    def _lexical_sentences(self, query_terms: list[str]) -> list[int]:
        """The sentences sharing the most of the question's (rarity-weighted) words or their relatives:
        a long paragraph about many things is found by neither its passage's vector nor its BM25 score,
        though one of its sentences answers ("Netflix had announced the series back in April 2020")."""
        idf = self.knowledge.lexical.idf
        weight: dict[int, float] = {}
        # In a fixed order, ties by position: which sentences make the cut must not change from one process to
        # the next with the order of a set.
        for query_term in sorted(set(query_terms)):
            holders = {sid for t in self.analyser.related_vocabulary(query_term)
                       for sid in self._sentences_with.get(t, ())}
            for sid in holders:
                weight[sid] = weight.get(sid, 0.0) + idf(query_term)
        return sorted(weight, key=lambda sid: (-weight[sid], sid))[:SENTENCE_DEPTH]

    def _slot_holders(self, analysed: Analysis) -> list[int]:
        """For a question whose slot is rare and telling, every sentence holding it, wherever it stands:
        what a named person said (their attributed words), a rank ("the second Korean series to …"), where
        it is out ("available to stream on Netflix") or its genre ("the new thriller/survival drama"), which
        retrieval by the question's own words ("is it the first …", "can i watch it outside korea", "what genre is
        it described as") would miss."""
        expects = analysed.question.expects
        if not (expects in (Expects.ORDINAL, Expects.PLATFORM, Expects.GENRE, Expects.SOURCE)
                or (expects is Expects.SPEECH and analysed.speakers)):
            return []
        return [s.id for s in self.knowledge.sentences
                if self.analyser.matcher.has_slot(analysed.question, s, analysed.speakers)]

    @cached_property
    def _passage_of(self) -> dict[int, int]:
        return {sid: p.id for p in self.knowledge.passages for sid in p.sentence_ids}

    def _quote(self, candidate: Candidate) -> Quote:
        sentence = candidate.sentence
        article = self.knowledge.article(sentence.source_id)
        return Quote(sentence.quote, article.source_id, article.title, article.date, sentence.spoiler,
                     round(candidate.score, 4), article.label)


def settled(question: str, found: FactAnswer | None, unknown: float, weights: Weights) -> Answer | None:
    """The answer decided before any sentence is weighed: the question's focus is unknown to the articles
    (unless the facts matched what it is about), or it is a cast or crew question the facts answer (or know
    nothing of). One decision, for the bot and for scripts/fit_weights.py alike."""
    if found is not None and not found.citations:
        return Answer(question, Outcome.NOT_IN_ARTICLES, missing=found.missing)
    if unknown >= weights.max_unknown and not (found is not None and found.focused):
        return Answer(question, Outcome.NOT_IN_ARTICLES)
    if found is not None:
        return Answer(question, Outcome.ANSWERED, tuple(_cite(c) for c in found.citations))
    return None


def combine(question: str, answers: list[Answer]) -> Answer:
    """One answer to a message from the answers to each question it asks: their quotes together, or the
    decline saying what is missing when none is answered."""
    answered = [a for a in answers if a.answered]
    if not answered:
        declined = [a for a in answers if a.outcome is Outcome.NOT_IN_ARTICLES]
        return Answer(question, answers[0].outcome if not declined else Outcome.NOT_IN_ARTICLES,
                      missing=declined[0].missing if declined else None)
    return Answer(question, Outcome.ANSWERED, merge([a.quotes for a in answered], MAX_QUOTES),
                  about=answered[0].about)


def _cite(citation: Citation) -> Quote:
    """A fact's citation as a quote: the sentence that states the fact."""
    return Quote(citation.text, citation.source_id, citation.title, citation.date, citation.spoiler, 1.0,
                 citation.label)


def _whole(names: set[str]) -> frozenset[str]:
    """Name terms with the syllables of a whole name among them dropped: "Nam-Ra" has "nam" but does not name
    Gwi-nam ("gwinam"), "Kim Nam-su" has "su" but does not name Yoo In-soo ("insu")."""
    return frozenset(t for t in names if not any(t != whole and t in whole for whole in names))


def _presence(wanted: str, matcher: Matcher, present: frozenset[str], context: frozenset[str], *,
              is_name: bool, spoken: bool, spelt: bool) -> float:
    """How far a sentence has one question term: a name through the speech attributed to its speaker or
    through another spelling of whom it names; any other term from the sentence before, at a discount."""
    if (spoken and is_name) or spelt:
        return 1.0
    own = matcher.match(wanted, present)
    return own if is_name else max(own, CONTEXT_MATCH * matcher.match(wanted, context))


def _weighted_share(matched: dict[str, float], weights: dict[str, float], among: Iterable[str]) -> float:
    """How much of the (rarity-weighted) terms in `among` are matched; 1 when there are none. Summed in a fixed
    order: a set's order changes from one process to the next, and with it the last bits of the sum, which
    would decide between sentences that score alike."""
    ordered = sorted(among)
    total = sum(weights[t] for t in ordered)
    return sum(matched[t] * weights[t] for t in ordered) / total if total else 1.0


def load_answerer(settings: Settings) -> Answerer:
    """Load the index with its ONNX query encoder (building both when missing, stale or damaged):
    under a second without torch; IndexUnavailable when it can be neither loaded nor built."""
    weights = Weights(min_confidence=settings.min_confidence) if settings.min_confidence is not None else None
    aliases, thesaurus = AliasBook.load(settings.aliases_file), Thesaurus.load(settings.synonyms_file)
    return load_or_build(settings.seeds_dir, settings.index_dir, aliases_file=settings.aliases_file,
                         model_path=settings.model_path or None, max_seed_bytes=settings.max_seed_bytes,
                         assemble=lambda knowledge: Answerer(knowledge, knowledge.encoder, aliases, thesaurus, weights))
