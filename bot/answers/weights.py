"""Every weight and threshold of the answer path, in one place.

The weighed ones are fitted by scripts/fit_weights.py on one question set and reported on the
others (see README, "How answers are chosen"): these are the fit on the held-out sets of tests/data/
up to heldout_blind9.jsonl, reported on the dev sets and heldout_blind10.jsonl to heldout_blind34.jsonl; never
tuned per question.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUOTES = 3
MAX_QUOTED_CHARS = 450
# Two sentences this similar say the same thing; quoting both adds nothing.
REDUNDANT_SIMILARITY = 0.85
# Sentences found directly by their own vectors, besides those of the retrieved passages.
SENTENCE_DEPTH = 10
# How much a question word counts when only the sentence before has it (it names what this one speaks of).
CONTEXT_MATCH = 0.5
# Unknown words of at least this length are read as typos of the closest known word, if close enough.
TYPO_MIN_LENGTH, TYPO_SIMILARITY = 5, 0.8


@dataclass(frozen=True)
class Weights:
    """How the evidence about a sentence adds up to its score, and when the bot abstains."""

    dense: float = 0.275  # question ↔ sentence similarity
    passage: float = 0.18  # question ↔ surrounding passage similarity
    coverage: float = 0.30  # share of the question's (rarity-weighted) words the sentence has
    story: float = 0.1  # added for a sentence that tells the story (a spoiler section's), asked how it goes
    no_slot: float = 0.55  # factor when the sentence lacks the kind of answer asked for
    min_names: float = 0.25  # share of the people the question names that the sentence must name …
    off_names: float = 0.4  # … or its score is multiplied by this
    max_unknown: float = 0.75  # abstain when this share of the question's words never occurs in the articles
    off_story: float = 0.5  # factor for a spoiler sentence when the question is not about the story
    off_show: float = 0.5  # factor for a sentence about another show only, unless the question names it
    companion: float = 0.6  # further quotes must score this share of the best one
    min_confidence: float = 0.29  # abstain below this score
