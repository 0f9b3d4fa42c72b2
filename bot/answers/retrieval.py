"""Hybrid retrieval: dense (FAISS) and lexical (BM25) passage rankings fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.knowledge.store import Knowledge

# Reciprocal-rank fusion constant; 60 is the value of the original paper and rarely worth tuning.
RRF_K = 60


@dataclass(frozen=True)
class Hit:
    passage_id: int
    fused: float
    dense: float  # cosine similarity of question and passage


class Retriever:
    """Finds the passages most likely to hold the answer; sentences are chosen afterwards."""

    def __init__(self, knowledge: Knowledge, depth: int = 8) -> None:
        self.knowledge = knowledge
        self.depth = depth

    def search(self, query_vector: np.ndarray, query_terms: list[str]) -> list[Hit]:
        index = self.knowledge.passage_index
        pool = min(index.ntotal, self.depth * 4)
        if pool == 0:
            return []
        similarities, ids = index.search(query_vector.reshape(1, -1), pool)
        dense = dict(zip(ids[0].tolist(), similarities[0].tolist(), strict=True))
        lexical = self.knowledge.lexical.scores(query_terms)
        lexical_top = [int(pid) for pid in np.argsort(-lexical, kind="stable")[:pool] if lexical[pid] > 0]
        fused: dict[int, float] = {}
        for ranking in (list(dense), lexical_top):
            for rank, pid in enumerate(ranking):
                fused[pid] = fused.get(pid, 0.0) + 1 / (RRF_K + rank)
        best = sorted(fused, key=fused.__getitem__, reverse=True)[: self.depth]
        vectors = self.knowledge.passage_vectors
        return [Hit(pid, fused[pid], dense.get(pid) or float(vectors[pid] @ query_vector)) for pid in best]
