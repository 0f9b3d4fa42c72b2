"""Fixtures shared by every test: the real packaged model, the real seeds, an index in a temp folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.answers.answerer import Answerer, load_answerer
from bot.knowledge.embedding import Embedder
from bot.settings import PROJECT_ROOT, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEEDS = PROJECT_ROOT / "seeds"
SHARED = PROJECT_ROOT.parent / "shared"
HELDOUT = Path(__file__).parent / "data" / "heldout.jsonl"


def read_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2 from its PyPI package; loaded once, it takes a few seconds."""
    return Embedder()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real seeds, with an index of the tests' own so the project's index/ is never touched."""
    return Settings(seeds_dir=SEEDS, index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def answerer(settings: Settings, embedder: Embedder, monkeypatch_session: pytest.MonkeyPatch) -> Answerer:
    monkeypatch_session.setattr("bot.knowledge.store.Embedder", lambda *_: embedder)
    return load_answerer(settings)


@pytest.fixture(scope="session")
def monkeypatch_session():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()
