"""Would int8 dynamic quantisation of the ONNX query encoder keep every answer? (issue 12: only then.)

Quantises the index's export with onnxruntime's `quantize_dynamic`, answers every question of the
question sets with the exported encoder and with its int8 version, and prints the lowest cosine
between their question vectors, how many answers differ (and which), the sizes and the encoding
times. Run: `.venv/bin/python benchmarks/int8_answers.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402

from bot.answers.answerer import load_answerer  # noqa: E402
from bot.answers.model import Answer  # noqa: E402
from bot.knowledge import encoder as encoder_module  # noqa: E402
from bot.knowledge.encoder import QueryEncoder  # noqa: E402
from bot.knowledge.store import QUERY_MODEL, QUERY_TOKENIZER  # noqa: E402
from bot.replies.text import answer_json  # noqa: E402
from bot.settings import Settings  # noqa: E402

EVAL_DIR = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), None)


def questions() -> list[str]:
    files = [*(sorted(EVAL_DIR.glob("*.jsonl")) if EVAL_DIR else []), ROOT / "tests" / "data" / "heldout.jsonl"]
    return [json.loads(line)["q"] for f in files for line in f.read_text().splitlines() if line]


def _quoted(answer: Answer) -> dict:
    """An answer as a reader sees it: what is quoted from where, and the wording, without the scores."""
    shown = answer_json(answer)
    return {**shown, "quotes": [{k: v for k, v in q.items() if k != "score"} for q in shown["quotes"]]}


def median_ms(encoder: QueryEncoder, asked: list[str]) -> float:
    times = []
    for q in asked * 3:
        start = time.perf_counter()
        encoder.encode([q])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(index_dir=Path(folder) / "index")
        exported = load_answerer(settings)  # builds the index, export included
        int8_file = Path(folder) / "int8.onnx"
        quantize_dynamic(settings.index_dir / QUERY_MODEL, int8_file, weight_type=QuantType.QInt8)
        int8 = QueryEncoder(int8_file, settings.index_dir / QUERY_TOKENIZER)
        encoder_module.QueryEncoder = lambda *_: int8  # the same loading path, with the int8 encoder
        quantised = load_answerer(settings)
        encoder_module.QueryEncoder = QueryEncoder
        asked = questions()
        fp32 = exported.knowledge.encoder
        cosines = [float(fp32.encode([q])[0] @ int8.encode([q])[0]) for q in asked]
        differ = [q for q in asked if _quoted(exported.ask(q)) != _quoted(quantised.ask(q))]
        sizes = [(settings.index_dir / QUERY_MODEL).stat().st_size, int8_file.stat().st_size]
        timings = median_ms(fp32, asked), median_ms(int8, asked)
    print(f"questions: {len(asked)}; lowest cosine fp32 vs int8: {min(cosines):.4f}")
    print(f"answers that differ (quotes or wording, scores aside): {len(differ)} of {len(asked)}")
    for q in differ:
        print(f"  {q}")
    print(f"size: {sizes[0] / 2**20:.0f} MB fp32, {sizes[1] / 2**20:.0f} MB int8")
    print(f"encoding median: {timings[0]:.2f} ms fp32, {timings[1]:.2f} ms int8")


if __name__ == "__main__":
    main()
