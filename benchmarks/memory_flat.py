"""Whether memory stays flat over many questions: 20 000 questions of random words, most of them new.

Every new word a question brings may be remembered somewhere (term and related-term caches,
spelling look-ups); a cache without a bound grows with every question for as long as the bot runs.
The baseline, measured in the same run, asks the same number of times from a small fixed set of
questions (no new words), so the growth it shows is the process's own noise. Prints the resident
set size (RSS) at the start and end of each phase and the growth per 1 000 questions of both.
Run: `.venv/bin/python benchmarks/memory_flat.py [QUESTIONS]` (default 20 000; about 15 minutes).
"""

from __future__ import annotations

import gc
import os
import random
import string
import sys
import tempfile
from pathlib import Path

import psutil

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers.answerer import load_answerer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.text_input import clean_question  # noqa: E402

WARM_UP = 1000
STARTS = ("who", "what", "when", "how many", "which", "why did", "where is")
FIXED = ("who plays Lomon?", "how many episodes are there?", "when was it released?", "who directed it?")


def rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 1e6


def random_questions(count: int, vocabulary: list[str], rng: random.Random) -> list[str]:
    """Questions mixing the articles' words with made-up ones (typos, names, nonsense: new every time)."""
    def word() -> str:
        if rng.random() < 0.5:
            return rng.choice(vocabulary)
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 12)))
    return [f"{rng.choice(STARTS)} {' '.join(word() for _ in range(rng.randint(1, 6)))}?" for _ in range(count)]


def phase(name: str, answerer, questions: list[str]) -> float:
    """Ask every question; print RSS at start, every fifth, and end; the growth per 1 000 questions."""
    start = rss_mb()
    print(f"{name}: RSS at start {start:.1f} MB", flush=True)
    step = max(1, len(questions) // 5)
    for number, question in enumerate(questions, 1):
        answerer.ask(clean_question(question).text)
        if number % step == 0:
            print(f"{name}:   after {number:>6} questions {rss_mb():.1f} MB", flush=True)
    end = rss_mb()
    growth = (end - start) / len(questions) * 1000
    print(f"{name}: RSS at end {end:.1f} MB, growth {end - start:+.1f} MB ({growth:+.3f} MB per 1 000 questions)")
    return growth


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(20_000)
    with tempfile.TemporaryDirectory() as index_dir:
        answerer = load_answerer(Settings(index_dir=Path(index_dir)))
        vocabulary = sorted({w for s in answerer.knowledge.sentences for w in s.text.split() if w.isalpha()})
        for question in random_questions(WARM_UP, vocabulary, rng) + list(FIXED) * 10:
            answerer.ask(question)  # warm-up: models, thread pools, allocator arenas
        baseline = phase("baseline (fixed questions)", answerer, [FIXED[i % len(FIXED)] for i in range(count)])
        measured = phase("random words", answerer, random_questions(count, vocabulary, rng))
    print(f"growth per 1 000 questions: random words {measured:+.3f} MB, baseline {baseline:+.3f} MB, "
          f"difference {measured - baseline:+.3f} MB")


if __name__ == "__main__":
    main()
