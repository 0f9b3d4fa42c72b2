"""Fit the answer weights on some question sets and report them on others, honestly.

    python scripts/fit_weights.py --fit A.jsonl [B.jsonl …] --report C.jsonl [D.jsonl …]

Each question is analysed and its candidate evidence gathered once, with the real model and seeds;
then the weights of bot.answers.weights.Weights are fitted by coordinate descent (a value only moves
when it does strictly better) to maximise hit + first-quote-right + abstain rates, averaged over the
`--fit` sets. The fitted weights are reported on the `--report` sets, which the fit never saw, with
the same measures as the team's scorer. Run it both ways round and keep the printout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.answers.analysis import Analysis
from bot.answers.answerer import Answerer, combine, load_answerer, settled
from bot.answers.evidence import Evidence
from bot.answers.facts_answers import FactAnswer
from bot.answers.kinds import Kind
from bot.answers.model import Answer, Outcome
from bot.answers.questions import Rejection, split_questions
from bot.answers.selection import rank
from bot.answers.weights import Weights
from bot.knowledge.passages import Sentence
from bot.settings import load_settings

GRID: dict[str, list[float]] = {
    "dense": [round(0.1 + 0.025 * i, 3) for i in range(11)],
    "passage": [round(0.05 + 0.025 * i, 3) for i in range(11)],
    "coverage": [round(0.1 + 0.05 * i, 3) for i in range(9)],
    "story": [round(0.02 * i, 3) for i in range(9)],
    "no_slot": [round(0.3 + 0.05 * i, 3) for i in range(12)],
    "off_names": [round(0.2 + 0.05 * i, 3) for i in range(11)],
    "max_unknown": [round(0.4 + 0.05 * i, 3) for i in range(9)],
    "off_story": [round(0.5 + 0.05 * i, 3) for i in range(11)],
    "off_show": [round(0.5 + 0.05 * i, 3) for i in range(11)],
    "companion": [round(0.6 + 0.02 * i, 3) for i in range(16)],
    "min_confidence": [round(0.15 + 0.01 * i, 3) for i in range(26)],
}
PASSES = 3


@dataclass
class Part:
    """One question of a message worked out once: what the weights then decide between."""

    text: str
    decided: Answer | None  # decided before any weight: input that is no question at all, or an article's byline
    found: FactAnswer | None  # the facts' answer for a cast or crew question
    unknown: float
    about: str | None
    evidence: list[tuple[Sentence, Evidence]]


@dataclass
class Prepared:
    """One row of a question set: the questions its message asks (bot.answers.questions.split_questions)."""

    row: dict
    parts: list[Part]


def fold(text: str) -> str:
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def prepare(answerer: Answerer, rows: list[dict]) -> list[Prepared]:
    return [Prepared(row, [prepare_part(answerer, text) for text in split_questions(row["q"])]) for row in rows]


def prepare_part(answerer: Answerer, text: str) -> Part:
    analysed = answerer.analyser.analyse(text)
    if isinstance(analysed, Rejection):
        return Part(text, Answer(text, Outcome.NOT_A_QUESTION), None, 0.0, None, [])
    assert isinstance(analysed, Analysis)
    if analysed.kind is Kind.AUTHOR:
        return Part(text, answerer.byline(text, analysed), None, 0.0, None, [])
    return Part(text, None, answerer.facts_for(analysed), analysed.unknown, analysed.asked.about,
                answerer.gather(analysed))


def answer_part(answerer: Answerer, part: Part, weights: Weights) -> Answer:
    """The bot's own decisions (Answerer.byline or Answerer.settle, then Answerer.answer) with these weights."""
    if part.decided is not None:
        return part.decided
    before_weighing = settled(part.text, part.found, part.unknown, weights)
    if before_weighing is not None:
        return before_weighing
    answerer.weights = weights
    return answerer.answer(part.text, rank(part.evidence, weights), part.about)


def answer(answerer: Answerer, item: Prepared, weights: Weights) -> Answer:
    """The answer the bot gives with these weights, as Answerer.ask puts a message's answers together."""
    answers = [answer_part(answerer, part, weights) for part in item.parts]
    return answers[0] if len(answers) == 1 else combine(item.row["q"], answers)


def measure(answerer: Answerer, items: list[Prepared], weights: Weights) -> dict[str, float]:
    """The scorer's measures: hit, first quote right, abstain (rates) and median quoted characters."""
    hit = first = answerable = abstain = unanswerable = 0
    chars = []
    for item in items:
        reply = answer(answerer, item, weights)
        texts = [fold(q.text) for q in reply.quotes]
        if reply.answered:
            chars.append(len(" ".join(texts)))
        if item.row["kind"] in ("answerable", "either"):
            answerable += 1
            good = reply.answered and any(e in " ".join(texts) for e in item.row["expect"])
            either = item.row["kind"] == "either" and not reply.answered
            hit += bool(good or either)
            first += bool(either or (reply.answered and any(e in texts[0] for e in item.row["expect"])))
        else:
            unanswerable += 1
            abstain += not reply.answered
    return {"hit": hit / max(answerable, 1), "first": first / max(answerable, 1),
            "abstain": abstain / max(unanswerable, 1), "chars": statistics.median(chars) if chars else 0.0,
            "n": answerable, "m": unanswerable, "hits": hit, "firsts": first, "abstains": abstain}


def objective(answerer: Answerer, sets: list[list[Prepared]], weights: Weights) -> float:
    scores = [measure(answerer, items, weights) for items in sets]
    return statistics.mean(s["hit"] + s["first"] + s["abstain"] for s in scores)


def fit(answerer: Answerer, sets: list[list[Prepared]], start: Weights) -> Weights:
    best, best_score = start, objective(answerer, sets, start)
    for _ in range(PASSES):
        moved = False
        for name, values in GRID.items():
            for value in values:
                trial = replace(best, **{name: value})
                score = objective(answerer, sets, trial)
                if score > best_score + 1e-9:
                    best, best_score, moved = trial, score, True
        if not moved:
            break
    return best


def line(name: str, s: dict[str, float]) -> str:
    return (f"{name}: hit {s['hits']}/{s['n']} ({100 * s['hit']:.0f}%) | abstain {s['abstains']}/{s['m']} "
            f"({100 * s['abstain']:.0f}%) | median quoted chars {s['chars']:.0f} | "
            f"first quote right {s['firsts']}/{s['n']} ({100 * s['first']:.0f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", nargs="+", type=Path, required=True)
    parser.add_argument("--report", nargs="+", type=Path, required=True)
    args = parser.parse_args()
    answerer = load_answerer(load_settings())
    start = answerer.weights
    load = {p: prepare(answerer, [json.loads(x) for x in p.read_text().splitlines() if x.strip()])
            for p in (*args.fit, *args.report)}
    fitted = fit(answerer, [load[p] for p in args.fit], start)
    print("fitted on", ", ".join(p.name for p in args.fit))
    print("  ", fitted)
    for role, paths in (("fit", args.fit), ("report", args.report)):
        for path in paths:
            print(f"  [{role}] {line(path.name + ' before', measure(answerer, load[path], start))}")
            print(f"  [{role}] {line(path.name + ' fitted', measure(answerer, load[path], fitted))}")
    changed = {f.name: getattr(fitted, f.name) for f in fields(Weights)
               if getattr(fitted, f.name) != getattr(start, f.name)}
    print("  changed:", changed)


if __name__ == "__main__":
    main()
