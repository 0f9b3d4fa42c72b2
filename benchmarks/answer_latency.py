"""How fast answers are: warm answer latency beside the bare query encoding of the same model.

Prints medians and p95 over a question set, the ratio of answer time to encoding time (measured in
the same run, so a noisy machine affects both alike), the index build time, and a cold process
start to its first answer. Run: `make bench` or `.venv/bin/python benchmarks/answer_latency.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers.answerer import load_answerer  # noqa: E402
from bot.knowledge.embedding import Embedder  # noqa: E402
from bot.knowledge.store import build_index  # noqa: E402
from bot.settings import Settings  # noqa: E402

ROUNDS = 5


def questions() -> list[str]:
    files = [ROOT / "tests" / "data" / "heldout.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl"]
    return [json.loads(line)["q"] for f in files if f.is_file() for line in f.read_text().splitlines() if line]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as index_dir:
        settings = Settings(index_dir=Path(index_dir))
        embedder = Embedder()
        builds = [timed(lambda: build_index(settings.seeds_dir, settings.index_dir, embedder)) for _ in range(3)]
        answerer = load_answerer(settings)
        asked = questions()
        for q in asked:  # warm-up: caches, allocator, thread pools
            answerer.ask(q)
        encode_ms, answer_ms = [], []
        for _ in range(ROUNDS):
            for q in asked:  # interleaved, so both see the same machine load
                encode_ms.append(timed(lambda q=q: embedder.encode([q])))
                answer_ms.append(timed(lambda q=q: answerer.ask(q)))

        env = {**os.environ, "BOT_INDEX_DIR": index_dir}
        cold = [timed(lambda: subprocess.run([sys.executable, "-m", "bot", "ask", "How many episodes are there?"],
                                             cwd=ROOT, env=env, capture_output=True, check=True)) for _ in range(3)]

    enc, ans = statistics.median(encode_ms), statistics.median(answer_ms)
    print(f"questions: {len(asked)} x {ROUNDS} rounds")
    print(f"query encoding (baseline): median {enc:.1f} ms, p95 {percentile(encode_ms, 0.95):.1f} ms")
    print(f"warm answer:               median {ans:.1f} ms, p95 {percentile(answer_ms, 0.95):.1f} ms")
    print(f"answer / encoding:         {ans / enc:.2f}x (median)")
    print(f"index build:               median {statistics.median(builds):.0f} ms over 3 builds")
    print(f"cold start to first answer: median {statistics.median(cold) / 1000:.2f} s over 3 processes")


if __name__ == "__main__":
    main()
