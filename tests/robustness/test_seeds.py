"""The files: every entry of seeds/ that is no article is skipped with a warning naming it and why;
the rest is still read; an empty or missing seeds/ is one clear line; nothing in seeds/ changes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from bot.exits import ExitCode
from bot.knowledge.articles import NoSeeds, load_articles, seed_files, source_ids
from bot.knowledge.progress import Progress
from tests.robustness.conftest import assert_one_clear_line, bot, snapshot

ARTICLE = "The series premiered on Netflix in January. Park Ji-hu plays Nam On-jo.\n"


def _listed(folder: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    with caplog.at_level(logging.WARNING):
        return [p.name for p in seed_files(folder, max_bytes=1000)]


@pytest.mark.parametrize(("make", "why"), [
    (lambda d: (d / "folder.txt").mkdir(), "it is a folder"),
    (lambda d: (d / "broken.txt").symlink_to(d / "nowhere.txt"), "broken link"),
    (lambda d: os.mkfifo(d / "pipe.txt"), "not a regular file"),
    (lambda d: (d / "notes.pdf").write_text(ARTICLE), "only .md and .txt files are read"),
    (lambda d: (d / "huge.txt").write_text(ARTICLE * 100), "MB limit (BOT_MAX_SEED_MB)"),
    (lambda d: (Path(os.fsdecode(bytes(d) + b"/caf\xe9.txt"))).write_text(ARTICLE), "name is not valid UTF-8"),
])
def test_an_entry_that_is_no_seed_is_skipped_with_a_warning_saying_why(tmp_path: Path, caplog, make, why):
    (tmp_path / "good.txt").write_text(ARTICLE)
    make(tmp_path)
    assert _listed(tmp_path, caplog) == ["good.txt"]
    assert why in caplog.text and "Skipping" in caplog.text
    caplog.clear()
    assert _listed(tmp_path, caplog) == ["good.txt"] and not caplog.text  # said once, not at every check


def test_hidden_files_are_passed_over_quietly(tmp_path: Path, caplog):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / ".gitkeep").write_text("")
    assert _listed(tmp_path, caplog) == ["good.txt"] and not caplog.text


def test_two_files_with_one_stem_get_distinct_source_ids(tmp_path: Path):
    for name in ("dup.txt", "dup.md", "other.txt"):
        (tmp_path / name).write_text(f"{name} says: {ARTICLE}")
    articles = {a.source_id: a for a in load_articles(seed_files(tmp_path))}
    assert set(articles) == {"dup.md", "dup.txt", "other"}
    assert articles["dup.md"].paragraphs[0].text.startswith("dup.md says")
    assert source_ids([tmp_path / "a.txt"]) == {tmp_path / "a.txt": "a"}


def test_control_characters_and_ansi_escapes_in_an_article_are_dropped(tmp_path: Path):
    text = "Headline\x1b]0;title\x07\n\nThe \x1b[1;31mseries\x1b[0m premiered\x07 in January.\n"
    (tmp_path / "a.txt").write_text(text)
    [article] = load_articles(seed_files(tmp_path))
    assert article.paragraphs[0].text == "The series premiered in January."


def test_no_usable_seed_raises_a_clear_error(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoSeeds, match="No usable article files"):
        load_articles(seed_files(tmp_path))
    with pytest.raises(NoSeeds, match="does not exist"):
        seed_files(tmp_path / "missing")


def test_a_long_build_says_what_it_is_doing(caplog):
    with caplog.at_level(logging.INFO), Progress(after=0, every=0.01) as progress:
        progress.stage("embedding", 1200, "passages")
        while "embedding" not in caplog.text:
            pass
    assert "Building the index: embedding (1200 passages)" in caplog.text


def test_a_quick_build_says_nothing(caplog):
    with caplog.at_level(logging.INFO), Progress(after=60) as progress:
        progress.stage("reading seeds", 10)
    assert "Building the index" not in caplog.text


def test_index_with_an_empty_seeds_folder_is_one_line(tmp_path: Path):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("  \n")
    run = bot("index", env={"BOT_SEEDS_DIR": str(seeds), "BOT_INDEX_DIR": str(index)})
    assert_one_clear_line(run, ExitCode.CONFIGURATION, "No usable article files", str(seeds))
    assert "empty.txt" in run.err  # the warning naming the skipped file
    assert snapshot(seeds) == {"empty.txt": snapshot(seeds)["empty.txt"]} and not index.exists()


def test_ask_with_a_missing_seeds_folder_is_one_line(tmp_path: Path):
    run = bot("ask", "who plays Lomon?", env={"BOT_SEEDS_DIR": str(tmp_path / "nope")})
    assert_one_clear_line(run, ExitCode.CONFIGURATION, "BOT_SEEDS_DIR", "does not exist")


def test_bad_files_beside_good_seeds_are_named_and_the_rest_indexed(seeds: Path, tmp_path: Path):
    (seeds / "000_cb171276084388ba.md").write_text(ARTICLE)  # the stem of a real seed
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02")
    Path(os.fsdecode(bytes(seeds) + b"/bad-\xff.txt")).write_text(ARTICLE)
    (seeds / "huge.txt").write_bytes(b"word " * 300_000)  # 1.5 MB: under the default limit, over the one set
    before = snapshot(seeds)
    index = tmp_path / "index"
    run = bot("index", env={"BOT_SEEDS_DIR": str(seeds), "BOT_INDEX_DIR": str(index), "BOT_MAX_SEED_MB": "1"})
    assert run.code == 0 and "Traceback" not in run.err, run.err
    assert "1.5 MB, over the 1 MB limit" in run.err
    assert "Indexed 6 articles" in run.out.decode()
    for name in ("binary.txt", "bad-\ufffd.txt", "huge.txt"):
        assert f"{seeds / name}: " in run.err, run.err
    assert snapshot(seeds) == before
    assert not [p for p in index.iterdir() if p.name.startswith(".")]  # no half-written file left
