import json
import logging
import shutil
from pathlib import Path

import pytest

from bot.knowledge.store import MANIFEST, PASSAGE_VECTORS, TABLE, load_facts, load_or_build
from bot.settings import Settings
from tests.conftest import SEEDS


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def build(seeds: Path, index: Path, embedder, caplog) -> str:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.knowledge.store"):
        load_or_build(seeds, index, embedder)
    return caplog.text


def test_a_missing_index_is_built_and_a_current_one_reused(seeds, tmp_path, embedder, caplog):
    index = tmp_path / "index"
    assert "No index" in build(seeds, index, embedder, caplog)
    assert (index / MANIFEST).is_file()
    assert build(seeds, index, embedder, caplog) == ""


def test_an_index_from_other_seeds_is_rebuilt(seeds, tmp_path, embedder, caplog):
    index = tmp_path / "index"
    build(seeds, index, embedder, caplog)
    (seeds / "005_new.txt").write_text("A new article says the show was renewed for a second season.")
    assert "seed files changed" in build(seeds, index, embedder, caplog)
    knowledge = load_or_build(seeds, index, embedder)
    assert "005_new" in {a.source_id for a in knowledge.articles}


def test_an_index_from_another_model_is_rebuilt(seeds, tmp_path, embedder, caplog):
    index = tmp_path / "index"
    build(seeds, index, embedder, caplog)
    manifest = json.loads((index / MANIFEST).read_text())
    (index / MANIFEST).write_text(json.dumps({**manifest, "model": "another-model"}))
    assert "model changed" in build(seeds, index, embedder, caplog)


@pytest.mark.parametrize("damaged", [PASSAGE_VECTORS, TABLE])
def test_a_corrupt_index_is_rebuilt(seeds, tmp_path, embedder, caplog, damaged: str):
    index = tmp_path / "index"
    build(seeds, index, embedder, caplog)
    (index / damaged).write_bytes(b"\x00garbage")
    assert "damaged" in build(seeds, index, embedder, caplog)
    assert load_or_build(seeds, index, embedder).passage_index.ntotal > 0


def test_a_bad_seed_does_not_stop_the_others(seeds, tmp_path, embedder, caplog):
    (seeds / "broken.txt").write_bytes(b"\xff\xfe\x00\x00")
    log = build(seeds, tmp_path / "index", embedder, caplog)
    assert "broken.txt" in log
    assert len(load_or_build(seeds, tmp_path / "index", embedder).articles) == 5


def test_a_current_index_is_loaded_without_the_model(seeds, tmp_path, embedder, monkeypatch):
    index = tmp_path / "index"
    load_or_build(seeds, index, embedder)

    def no_model(*_):
        raise AssertionError("the model was loaded although the index is current")

    monkeypatch.setattr("bot.knowledge.store.Embedder", no_model)
    settings = Settings(seeds_dir=seeds, index_dir=index)
    assert len(load_facts(settings).articles) == 5
    knowledge = load_or_build(seeds, index)
    assert knowledge.encoder.encode(["how many episodes?"]).shape == (1, knowledge.passage_vectors.shape[1])


def test_a_look_up_builds_a_missing_index(seeds, tmp_path, embedder, caplog):
    settings = Settings(seeds_dir=seeds, index_dir=tmp_path / "index")
    with caplog.at_level(logging.INFO, logger="bot.knowledge.store"):
        facts = load_facts(settings, embedder)
    assert "No index" in caplog.text
    assert facts.cast.people and facts.ranking.figures
