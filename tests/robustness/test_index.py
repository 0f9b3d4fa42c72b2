"""An index that checks itself: every damaged, missing, wrong-shaped or outdated part is found, said
in one log line and rebuilt, and seeds/ never loses anything; a read-only index/ still answers when
it is current and fails with one clear error naming the folder when it is not.

The index here is built from two of the seeds, to keep each rebuild short; it is the real model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.knowledge.embedding import Embedder, default_model_path, model_fingerprint
from bot.knowledge.store import (
    CLAUSE_VECTORS,
    FACTS,
    MANIFEST,
    QUERY_MODEL,
    QUERY_TOKENIZER,
    SENTENCE_VECTORS,
    TABLE,
    build_index,
    load_facts,
    load_index,
    load_or_build,
)
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import SEEDS

STORE_LOGGER = "bot.knowledge.store"


@dataclass(frozen=True)
class Site:
    seeds: Path
    index: Path

    def snapshot(self, folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    root = tmp_path_factory.mktemp("template")
    (root / "seeds").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, root / "seeds")
    build_index(root / "seeds", root / "index", embedder)
    return root


@pytest.fixture
def site(template: Path, tmp_path: Path) -> Site:
    shutil.copytree(template, tmp_path / "site")
    return Site(tmp_path / "site" / "seeds", tmp_path / "site" / "index")


def _reload(site: Site, embedder: Embedder, caplog: pytest.LogCaptureFixture, load: Callable[[], object]) -> str:
    """Load through the one loader, and assert what every rebuild must show: one line saying why,
    a complete index afterwards, the seeds as they were."""
    seeds_before = site.snapshot(site.seeds)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=STORE_LOGGER):
        assert load() is not None
    reasons = [r.getMessage() for r in caplog.records if r.name == STORE_LOGGER and "Rebuilding" in r.getMessage()]
    assert len(reasons) == 1, caplog.text
    assert load_index(site.seeds, site.index, embedder.path).articles  # current now: loads without rebuilding
    assert site.snapshot(site.seeds) == seeds_before
    return reasons[0]


def _answers(site: Site, embedder: Embedder, caplog: pytest.LogCaptureFixture) -> str:
    return _reload(site, embedder, caplog, lambda: load_or_build(site.seeds, site.index, embedder))


def _vouch_for(site: Site, name: str) -> None:
    """Record a file's current hash in the manifest, as if the build itself had written it so."""
    manifest = json.loads((site.index / MANIFEST).read_text())
    manifest["files"][name] = hashlib.sha256((site.index / name).read_bytes()).hexdigest()
    (site.index / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize("name", [SENTENCE_VECTORS, QUERY_MODEL, QUERY_TOKENIZER, FACTS])
def test_a_missing_file_is_rebuilt(site: Site, embedder: Embedder, caplog, name: str) -> None:
    (site.index / name).unlink()
    assert f"{name} is missing" in _answers(site, embedder, caplog)
    assert (site.index / name).is_file()


def test_a_truncated_file_is_rebuilt(site: Site, embedder: Embedder, caplog) -> None:
    data = (site.index / CLAUSE_VECTORS).read_bytes()
    (site.index / CLAUSE_VECTORS).write_bytes(data[: len(data) // 2])
    assert f"{CLAUSE_VECTORS} is not the file the manifest names" in _answers(site, embedder, caplog)


def test_a_changed_query_encoder_is_rebuilt(site: Site, embedder: Embedder, caplog) -> None:
    export = bytearray((site.index / QUERY_MODEL).read_bytes())
    export[-100] ^= 0xFF  # same size, other weights: only a content hash sees it
    (site.index / QUERY_MODEL).write_bytes(bytes(export))
    assert f"{QUERY_MODEL} is not the file the manifest names" in _answers(site, embedder, caplog)


@pytest.mark.parametrize("content", ["[]", '{"articles": [], "sentences": []}', "{", ""])
def test_a_table_of_the_wrong_shape_is_rebuilt(site: Site, embedder: Embedder, caplog, content: str) -> None:
    (site.index / TABLE).write_text(content)
    assert f"{TABLE} is not the file the manifest names" in _answers(site, embedder, caplog)


@pytest.mark.parametrize("content", ["[]", '{"articles": [], "sentences": [], "passages": []}'])
def test_a_wrong_shape_the_manifest_vouches_for_is_rebuilt(site: Site, embedder: Embedder, caplog,
                                                           content: str) -> None:
    """Not only hashes: each file is read for its shape, so even a consistent wrong index is rebuilt."""
    (site.index / TABLE).write_text(content)
    _vouch_for(site, TABLE)
    assert f"{TABLE} is not a valid index file" in _answers(site, embedder, caplog)


def test_wrong_facts_are_found_by_a_look_up_too(site: Site, embedder: Embedder, caplog) -> None:
    (site.index / FACTS).write_text('{"cast": {}}')
    _vouch_for(site, FACTS)
    settings = Settings(seeds_dir=site.seeds, index_dir=site.index)
    reason = _reload(site, embedder, caplog, lambda: load_facts(settings, embedder))
    assert f"{FACTS} is not a valid index file" in reason
    assert load_facts(settings, embedder).cast.people


@pytest.mark.parametrize("content", ["[]", '{"format": 5}', "not json"])
def test_a_wrong_manifest_is_rebuilt(site: Site, embedder: Embedder, caplog, content: str) -> None:
    (site.index / MANIFEST).write_text(content)
    assert "Rebuilding the index" in _answers(site, embedder, caplog)


def test_a_swapped_model_of_the_same_size_is_noticed(site: Site, tmp_path: Path, embedder: Embedder,
                                                     caplog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.knowledge.store.Embedder", Embedder)  # the real loader, even if a fixture shares one
    model = shutil.copytree(default_model_path(), tmp_path / "model")
    weights = model / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1000] ^= 0x01  # one weight, one bit: the same size, another model
    weights.write_bytes(bytes(data))
    assert model_fingerprint(model) != model_fingerprint(default_model_path())
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=STORE_LOGGER):
        load_or_build(site.seeds, site.index, model_path=model)
    assert "Rebuilding the index" in caplog.text and "the model changed" in caplog.text
    assert json.loads((site.index / MANIFEST).read_text())["model"] == model_fingerprint(model)


# A read-only folder: as root, write permission is not checked unless the process drops the capability.
def _run_readonly(site: Site, code: str) -> subprocess.CompletedProcess[str]:
    for folder in (site.index, site.index.parent, site.index.parent.parent):
        folder.chmod(0o755)
    for file in site.index.iterdir():
        file.chmod(0o444)
    site.index.chmod(0o555)
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        if not shutil.which("capsh"):
            pytest.skip("running as root without capsh, so a read-only folder cannot be simulated")
        command = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "BOT_SEEDS_DIR": str(site.seeds),
           "BOT_INDEX_DIR": str(site.index)}
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, cwd=PROJECT_ROOT)
    finally:
        site.index.chmod(stat.S_IRWXU)


LOAD_AND_ASK = """
from bot.answers.answerer import load_answerer
from bot.knowledge.store import IndexUnavailable
from bot.settings import load_settings
try:
    print(load_answerer(load_settings()).ask("how many episodes are there?").answered)
except IndexUnavailable as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


def test_a_current_read_only_index_answers(site: Site) -> None:
    before = site.snapshot(site.index)
    done = _run_readonly(site, LOAD_AND_ASK)
    assert done.stdout.strip() == "True", done.stderr
    assert site.snapshot(site.index) == before


def test_a_read_only_index_that_needs_rebuilding_is_one_clear_error(site: Site) -> None:
    (site.index / SENTENCE_VECTORS).unlink()
    before, seeds = site.snapshot(site.index), site.snapshot(site.seeds)
    done = _run_readonly(site, LOAD_AND_ASK)
    assert done.stdout.strip().splitlines() == [
        f"IndexNotWritable: the index in {site.index} needs rebuilding but the folder cannot be written "
        "(Permission denied)"], done.stderr
    assert f"{SENTENCE_VECTORS} is missing" in done.stderr  # the one line saying why it needed rebuilding
    assert "Traceback" not in done.stderr
    assert site.snapshot(site.index) == before and site.snapshot(site.seeds) == seeds
