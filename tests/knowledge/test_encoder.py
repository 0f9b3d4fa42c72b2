"""The ONNX query encoder of the answer path against sentence-transformers, which built the index.

The same vectors (cosine ≥ 0.9999) for every sentence of the seeds and every question of the
question sets, and the same answers to every question, whichever encoder reads it; and the answer
path runs without torch, transformers or sentence-transformers, the look-ups without onnxruntime.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.answers.answerer import Answerer, load_answerer
from bot.knowledge.embedding import Embedder
from bot.replies.text import answer_json
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import HELDOUT, SEEDS, read_questions

# The shared dev sets sit beside the checkout (../shared), or beside the folder of worktrees.
EVAL_DIR = next((p / "shared" / "eval" for p in PROJECT_ROOT.parents if (p / "shared" / "eval").is_dir()), None)
QUESTION_SETS = sorted(EVAL_DIR.glob("*.jsonl")) if EVAL_DIR else []
MIN_COSINE = 0.9999
HEAVY = ("torch", "transformers", "sentence_transformers")


@pytest.fixture(scope="module")
def questions() -> list[str]:
    if not QUESTION_SETS:
        pytest.skip(f"no shared/eval/*.jsonl beside {PROJECT_ROOT} or its parents")
    return [q["q"] for path in [*QUESTION_SETS, HELDOUT] for q in read_questions(path)]


@pytest.fixture(scope="module")
def torch_answerer(settings: Settings, embedder: Embedder, answerer: Answerer,
                   monkeypatch_module: pytest.MonkeyPatch) -> Answerer:
    """The same index loaded the same way, with sentence-transformers reading the questions."""
    monkeypatch_module.setattr("bot.knowledge.encoder.QueryEncoder", lambda *_: embedder)
    loaded = load_answerer(settings)
    monkeypatch_module.undo()
    return loaded


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def test_the_answer_path_encodes_with_onnx(answerer: Answerer) -> None:
    assert type(answerer.knowledge.encoder).__name__ == "QueryEncoder"


def test_both_encoders_give_the_same_vectors_for_every_seed_sentence(answerer: Answerer, embedder: Embedder) -> None:
    texts = [s.quote for s in answerer.knowledge.sentences]
    onnx = answerer.knowledge.encoder.encode(texts)  # one padded batch: the mask must hide the padding
    reference = embedder.encode(texts)
    cosines = np.sum(onnx * reference, axis=1)
    assert len(texts) > 50
    assert cosines.min() >= MIN_COSINE, texts[int(cosines.argmin())]


def test_both_encoders_give_the_same_vectors_for_every_question(answerer: Answerer, embedder: Embedder,
                                                                 questions: list[str]) -> None:
    long_question = " ".join(["Who plays the class president in the zombie series?"] * 40)  # truncated: 256 tokens
    asked = [*questions, long_question, ""]
    onnx = np.vstack([answerer.knowledge.encoder.encode([q]) for q in asked])  # one at a time, as when answering
    cosines = np.sum(onnx * embedder.encode(asked), axis=1)
    assert cosines.min() >= MIN_COSINE, asked[int(cosines.argmin())]


def test_both_encoders_give_the_same_answers(answerer: Answerer, torch_answerer: Answerer,
                                             questions: list[str]) -> None:
    assert torch_answerer.knowledge.encoder is not answerer.knowledge.encoder
    for question in questions:
        onnx, reference = answer_json(answerer.ask(question)), answer_json(torch_answerer.ask(question))
        scores = [q.pop("score") for q in onnx["quotes"]], [q.pop("score") for q in reference["quotes"]]
        assert onnx == reference, question
        assert np.allclose(*scores, atol=1e-3), question


def _run_cli(settings: Settings, *args: str) -> tuple[str, set[str]]:
    """Run `python -m bot ARGS` and report its output and which heavy modules it imported."""
    probe = ("import runpy, sys\n"
             f"sys.argv = ['bot', *{list(args)!r}]\n"
             "try:\n    runpy.run_module('bot', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             f"print('\\nIMPORTED', *[m for m in {(*HEAVY, 'onnxruntime')!r} if m in sys.modules])\n")
    env = {**os.environ, "BOT_SEEDS_DIR": str(SEEDS), "BOT_INDEX_DIR": str(settings.index_dir),
           "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    output, _, imported = done.stdout.rpartition("\nIMPORTED")
    return output, set(imported.split())


def test_answering_does_not_import_torch(answerer: Answerer, settings: Settings) -> None:
    output, imported = _run_cli(settings, "ask", "--json", "how many episodes are there?")
    assert json.loads(output)["answered"]
    assert "onnxruntime" in imported
    assert not imported & set(HEAVY)


@pytest.mark.parametrize("command", [("cast", "--json"), ("ranking", "--json"), ("sources", "--json")])
def test_look_ups_load_no_model(answerer: Answerer, settings: Settings, command: tuple[str, ...]) -> None:
    output, imported = _run_cli(settings, *command)
    assert json.loads(output)
    assert not imported, imported


def test_the_export_is_in_the_index(settings: Settings) -> None:
    manifest = json.loads(Path(settings.index_dir / "manifest.json").read_text())
    assert {"query_encoder.onnx", "query_tokenizer.json"} <= set(manifest["files"])
