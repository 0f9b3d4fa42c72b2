"""Index build time per paragraph: the five seeds alone, and with the other-shows articles added.

Attributing every sentence to the work it is about (bot/knowledge/subjects.py) runs at index time,
so an enlarged corpus must not cost more per paragraph than the seeds alone (the issue allows 2×).
Both builds run in this process with one loaded model, alternating, so a busy machine slows both.
Run: `.venv/bin/python benchmarks/index_other_shows.py [--rounds 3]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.knowledge.articles import seed_files  # noqa: E402
from bot.knowledge.embedding import Embedder  # noqa: E402
from bot.knowledge.store import build_index  # noqa: E402

SEEDS = ROOT / "seeds"
OTHER_SHOWS = ROOT / "tests" / "data" / "other_shows"


def corpus(folder: Path, sources: list[Path]) -> Path:
    folder.mkdir()
    for path in sources:
        shutil.copy(path, folder / path.name)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    embedder = Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {"seeds": corpus(Path(tmp) / "seeds", seed_files(SEEDS)),
                   "seeds + other shows": corpus(Path(tmp) / "mixed", seed_files(SEEDS) + seed_files(OTHER_SHOWS))}
        times: dict[str, list[float]] = {name: [] for name in folders}
        paragraphs: dict[str, int] = {}
        for round_number in range(rounds + 1):  # the first round warms caches and is not counted
            for name, folder in folders.items():
                start = time.perf_counter()
                knowledge = build_index(folder, Path(tmp) / f"index-{round_number}-{len(paragraphs)}", embedder)
                elapsed = time.perf_counter() - start
                paragraphs[name] = sum(len(a.paragraphs) for a in knowledge.articles)
                if round_number:
                    times[name].append(elapsed)
    per_paragraph = {name: statistics.median(t) / paragraphs[name] * 1000 for name, t in times.items()}
    for name, t in times.items():
        print(f"{name:20} {paragraphs[name]:3d} paragraphs  median {statistics.median(t):6.2f} s  "
              f"{per_paragraph[name]:6.1f} ms per paragraph")
    print(f"ratio per paragraph (seeds + other shows / seeds): "
          f"{per_paragraph['seeds + other shows'] / per_paragraph['seeds']:.2f}")


if __name__ == "__main__":
    main()
