"""BM25 over the same terms the questions are reduced to (stemmed, spelling variants folded)."""

from __future__ import annotations

import logging
import math
from collections import Counter

import bm25s
import numpy as np

from bot.knowledge.text import terms

# bm25s sets its own logger to DEBUG when imported, which would print on every index load.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """BM25 scores for passages, and each term's rarity for weighing what a question asks about."""

    def __init__(self, texts: list[str]) -> None:
        tokenized = [terms(t) or ["\x00"] for t in texts]
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokenized, show_progress=False)
        self.vocabulary = frozenset(t for doc in tokenized for t in doc)
        doc_freq = Counter(t for doc in tokenized for t in set(doc))
        self._idf = {t: math.log(1 + (len(texts) - df + 0.5) / (df + 0.5)) for t, df in doc_freq.items()}
        self._unseen_idf = math.log(1 + (len(texts) + 0.5) / 0.5)

    def scores(self, query_terms: list[str]) -> np.ndarray:
        known = [t for t in query_terms if t in self.vocabulary]
        if not known:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def idf(self, term: str) -> float:
        """How rare a term is across the texts; a term never seen counts as the rarest."""
        return self._idf.get(term, self._unseen_idf)
