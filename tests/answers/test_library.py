"""Articles added and removed while the bot runs: checks, the swap, and questions during the rebuild."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.answers.answerer import load_answerer
from bot.answers.library import MAX_BYTES, ArticleRejected, Library, LiveAnswerer
from bot.settings import Settings
from tests.conftest import SEEDS

UPLOAD = Path(__file__).parent.parent / "data" / "upload_article.txt"
QUESTION = "Who plays Seo Hyo-ryung?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder, monkeypatch_session) -> Library:
    seeds = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.iterdir():
        shutil.copy(path, seeds / path.name)
    settings = Settings(seeds_dir=seeds, index_dir=tmp_path_factory.mktemp("index"))
    monkeypatch_session.setattr("bot.knowledge.embedding.Embedder", lambda *_: embedder)
    return Library(settings, LiveAnswerer(load_answerer(settings)))


def _cited(answer) -> set[str]:
    return {q.source_id for q in answer.quotes}


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("notes.pdf", b"All of Us Are Dead", "not a .txt file"),
    ("empty.txt", b"  \n", "is empty"),
    ("big.txt", b"word " * (MAX_BYTES // 5 + 1), "the limit is 200 kB"),
    ("binary.txt", b"All of Us\x00Are Dead", "binary"),
    ("latin1.txt", "Caf\u00e9 zombies at Hyosan High School.".encode("latin-1"), "not UTF-8"),
    ("../../escape.txt", b"x", "no article text left"),  # the folder part is dropped; still checked
    ("furniture.txt", b"Advertisement\n\nShare this article\n", "no article text left"),
])
async def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(library, name, data, reason):
    before = sorted(p.name for p in library.settings.seeds_dir.iterdir())
    with pytest.raises(ArticleRejected, match=reason):
        await library.add(name, data)
    assert sorted(p.name for p in library.settings.seeds_dir.iterdir()) == before
    assert not (library.settings.seeds_dir.parent.parent / "escape.txt").exists()


async def test_an_existing_article_is_refused_as_a_duplicate(library):
    existing = sorted(library.settings.seeds_dir.glob("*.txt"))[0]
    with pytest.raises(ArticleRejected, match="same file as"):
        await library.add("copy.txt", existing.read_bytes())
    with pytest.raises(ArticleRejected, match="repeats the article"):
        await library.add("retitled.txt", b"A new headline for it\n\n" + existing.read_bytes())
    with pytest.raises(ArticleRejected, match="already exists"):
        await library.add(existing.name.upper().replace(".TXT", ".txt"), UPLOAD.read_bytes())


async def test_an_added_article_answers_right_away_and_questions_meanwhile_are_answered(library):
    live = library.slot
    old = live.current
    assert "upload_article" not in _cited(live.ask(QUESTION))
    adding = asyncio.create_task(library.add("upload_article.txt", UPLOAD.read_bytes()))
    during = []
    while not adding.done():  # questions keep coming while the index is rebuilt
        during.append(await asyncio.to_thread(live.ask, "Who plays Nam On-jo?"))
    change = await adding
    assert during and all(a.answered for a in during)
    assert live.current is not old
    assert (change.source_id, change.title, change.date) == (
        "upload_article", "Meet Kim Bo-yoon, the actress behind Seo Hyo-ryung in All of Us Are Dead", "2022-02-10")
    assert change.paragraphs == 3 and change.articles == 6
    assert any("Kim Bo-yoon" in fact for fact in change.new_facts)
    answer = live.ask(QUESTION)
    assert answer.answered and "upload_article" in _cited(answer)

    removed = await library.remove("upload_article")
    assert removed.articles == 5
    assert not (library.settings.seeds_dir / "upload_article.txt").exists()
    assert "upload_article" not in _cited(live.ask(QUESTION))
    with pytest.raises(ArticleRejected, match="no article"):
        await library.remove("upload_article")
