"""How fast and how lean answering is, against baselines measured in the same run on the same machine.

Prints, as medians (p95 where it matters) and ratios:
- cold start: `python -m bot ask "how many episodes?"` and `python -m bot cast --json`, each against
  `python -c "import torch"` (issue 12 asks for ≤ 1.5x and ≤ 1.0x);
- peak RSS of one answering process, `ask --json -` over the dev questions (≤ 300 MB);
- warm answer time against the bare query encoding with sentence-transformers (≤ 1.0x), and the
  ONNX query encoder of the answer path against the same baseline.
The processes run interleaved, so a busy machine slows baseline and subject alike, and before this
process imports anything large (a child's peak RSS counts its parent's memory up to `exec`). Run:
`make bench` or `.venv/bin/python benchmarks/answer_latency.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5  # cold processes of each kind
WARM_ROUNDS = 3  # passes over the questions in one warm process
EVAL_DIR = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), None)
COLD_QUESTION = "how many episodes?"


def questions(names: tuple[str, ...]) -> list[str]:
    """The questions of the named sets, from the shared eval folder or tests/data, wherever each is."""
    folders = [f for f in (EVAL_DIR, ROOT / "tests" / "data") if f]
    files = [next((f / n for f in folders if (f / n).is_file()), None) for n in names]
    return [json.loads(line)["q"] for f in files if f for line in f.read_text().splitlines() if line]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def run(args: list[str], env: dict[str, str], stdin_path: Path | None = None) -> tuple[float, float]:
    """Wall time (ms) and peak resident memory (MB) of one process, from the kernel's own accounting."""
    start = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdin=stdin, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(args)} failed with exit code {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    dev = questions(("dev.jsonl",))
    asked = questions(("dev.jsonl", "dev_informal.jsonl", "heldout.jsonl"))
    with tempfile.TemporaryDirectory() as folder:
        index_dir = Path(folder) / "index"
        env = {**os.environ, "BOT_INDEX_DIR": str(index_dir), "PYTHONPATH": str(ROOT)}
        build_ms = run([sys.executable, "-m", "bot", "index"], env)[0]
        commands = {
            "import torch": [sys.executable, "-c", "import torch"],
            "ask": [sys.executable, "-m", "bot", "ask", COLD_QUESTION],
            "cast --json": [sys.executable, "-m", "bot", "cast", "--json"],
        }
        for command in commands.values():  # warm-up: the page cache, .pyc files
            run(command, env)
        cold: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name, command in commands.items():
                cold[name].append(run(command, env)[0])
        dev_file = Path(folder) / "dev.txt"
        dev_file.write_text("\n".join(dev) + "\n")
        peak_rss = [run([sys.executable, "-m", "bot", "ask", "--json", "-"], env, dev_file)[1] for _ in range(3)]

        from bot.answers.answerer import load_answerer  # only now: this process stays small until here
        from bot.knowledge.embedding import Embedder
        from bot.settings import Settings

        answerer = load_answerer(Settings(index_dir=index_dir))
        embedder = Embedder()
        encoder = getattr(answerer.knowledge, "encoder", None)  # the ONNX query encoder, where there is one
        for q in asked:  # warm-up: caches, allocator, thread pools
            answerer.ask(q)
            embedder.encode([q])
        encode_ms: list[float] = []
        onnx_ms: list[float] = []
        answer_ms: list[float] = []
        for _ in range(WARM_ROUNDS):
            for q in asked:  # interleaved, so all see the same machine load
                encode_ms.append(timed(lambda q=q: embedder.encode([q])))
                if encoder is not None and encoder is not embedder:
                    onnx_ms.append(timed(lambda q=q: encoder.encode([q])))
                answer_ms.append(timed(lambda q=q: answerer.ask(q)))

    torch_ms = statistics.median(cold["import torch"])
    enc, ans = statistics.median(encode_ms), statistics.median(answer_ms)
    print(f"questions: {len(asked)} x {WARM_ROUNDS} rounds warm; {ROUNDS} cold processes of each kind")
    print(f"{'measure':<44}{'median':>12}{'p95':>10}{'ratio':>9}  baseline")
    for name in commands:
        print(f"{'cold ' + name:<44}{statistics.median(cold[name]):>9.0f} ms"
              f"{percentile(cold[name], 0.95):>7.0f} ms{statistics.median(cold[name]) / torch_ms:>8.2f}x  "
              "import torch")
    rss_label = f"peak RSS, ask --json - over dev ({len(dev)} q)"
    print(f"{rss_label:<44}{statistics.median(peak_rss):>9.0f} MB"
          f"{max(peak_rss):>7.0f} MB")
    print(f"{'query encoding, sentence-transformers':<44}{enc:>9.2f} ms{percentile(encode_ms, 0.95):>7.2f} ms"
          f"{1:>8.2f}x  sentence-transformers encoding")
    if onnx_ms:
        onnx = statistics.median(onnx_ms)
        print(f"{'query encoding, ONNX (answer path)':<44}{onnx:>9.2f} ms{percentile(onnx_ms, 0.95):>7.2f} ms"
              f"{onnx / enc:>8.2f}x  sentence-transformers encoding")
    print(f"{'warm answer':<44}{ans:>9.2f} ms{percentile(answer_ms, 0.95):>7.2f} ms{ans / enc:>8.2f}x  "
          "sentence-transformers encoding")
    print(f"{'index build (once)':<44}{build_ms:>9.0f} ms")


if __name__ == "__main__":
    main()
