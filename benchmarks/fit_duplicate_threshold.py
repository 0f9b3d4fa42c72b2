"""Fit the report's near-duplicate threshold on one half of labelled question pairs, report on the other.

tests/data/question_pairs.jsonl holds pairs of fans' questions marked the same question or not
("where was it filmed?" / "when was it filmed?" are not). Two questions are grouped when they ask
for the same kind of answer and their embeddings are at least the threshold apart; the threshold
with the best accuracy on the "fit" pairs is printed with its accuracy, precision and recall on the
"report" pairs, next to the value in bot/records/report.py.

    HF_HUB_OFFLINE=1 PYTHONPATH=. .venv/bin/python benchmarks/fit_duplicate_threshold.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.knowledge.embedding import Embedder
from bot.records import report

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "question_pairs.jsonl"


def scores(pairs: list[dict], embedder: Embedder) -> np.ndarray:
    """Each pair's similarity, or -1 when the two ask for different kinds of answer."""
    a = embedder.encode([p["a"] for p in pairs])
    b = embedder.encode([p["b"] for p in pairs])
    same_kind = np.array([report._kind(p["a"]) == report._kind(p["b"]) for p in pairs])
    return np.where(same_kind, np.einsum("ij,ij->i", a, b), -1.0)


def quality(similarity: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[float, float, float]:
    grouped = similarity >= threshold
    hits = int((grouped & truth).sum())
    precision = hits / grouped.sum() if grouped.any() else 1.0
    return float((grouped == truth).mean()), precision, hits / truth.sum()


def main() -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    embedder = Embedder()
    halves = {}
    for split in ("fit", "report"):
        chosen = [p for p in pairs if p["split"] == split]
        halves[split] = (scores(chosen, embedder), np.array([p["same"] for p in chosen]))
    grid = np.round(np.arange(0.50, 0.96, 0.01), 2)
    fit_similarity, fit_truth = halves["fit"]
    # Best accuracy; among equals the highest threshold (a wrong merge hides a question, a missed one only repeats it).
    best = max(grid, key=lambda t: (quality(fit_similarity, fit_truth, t)[0], t))
    for name, threshold in (("fitted", best), ("in use", report.DUPLICATE_SIMILARITY)):
        for split, (similarity, truth) in halves.items():
            accuracy, precision, recall = quality(similarity, truth, threshold)
            print(f"{name} threshold {threshold:.2f} on {split:6s} pairs ({len(truth)}): accuracy {accuracy:.2f}, "
                  f"precision {precision:.2f}, recall {recall:.2f}")


if __name__ == "__main__":
    main()
