"""Adding and removing articles while the bot runs, for `/articles` (and any other front end).

An uploaded file is checked like any seed (a UTF-8 `.txt` of at most 200 kB, not empty, not
binary, with article text left after cleaning, not a copy of an article already known), written
into `seeds/` atomically, and the index is rebuilt in a worker thread. Questions keep being
answered by the old answerer the whole time; the new one replaces it in one assignment once it is
complete, so no question ever meets a half-built index. A rebuild that fails puts the seeds back as
they were. One change runs at a time.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.answers.answerer import Answerer, load_answerer
from bot.answers.model import Answer
from bot.knowledge.articles import Article, SeedError, decode_seed, fold_ws, parse_article, seed_files
from bot.knowledge.cast import Cast
from bot.knowledge.ranking import Ranking
from bot.knowledge.store import Knowledge
from bot.settings import Settings

log = logging.getLogger(__name__)

MAX_BYTES = 200_000
SUFFIX = ".txt"
# An upload repeating this share of an existing article's paragraphs is that article again.
DUPLICATE_SHARE = 0.8
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$")


class ArticleRejected(ValueError):
    """Why an article was not added or removed, in one line for the moderator."""


class Slot(Protocol):
    """Where a front end keeps its answerer: the library reads the current one and swaps in the new."""

    @property
    def current(self) -> Answerer | None: ...

    def use(self, answerer: Answerer) -> None: ...


class LiveAnswerer:
    """The simplest Slot, and an answerer itself: whoever holds it always asks the current one."""

    def __init__(self, answerer: Answerer) -> None:
        self.current = answerer

    def use(self, answerer: Answerer) -> None:
        self.current = answerer

    def ask(self, question: str) -> Answer:
        return self.current.ask(question)  # one read of `current`: a question is answered by one index

    @property
    def articles(self) -> list[Article]:
        return self.current.articles

    @property
    def knowledge(self) -> Knowledge:
        return self.current.knowledge


@dataclass(frozen=True)
class Change:
    """What a moderator is told after an article is added or removed."""

    source_id: str
    title: str | None
    date: str | None
    paragraphs: int
    articles: int  # how many the bot now answers from
    new_facts: tuple[str, ...] = ()  # cast, crew and chart facts that only this change brought


class Library:
    """The articles in `seeds/`, changed one at a time, each change live when it returns."""

    def __init__(self, settings: Settings, slot: Slot) -> None:
        self.settings = settings
        self.slot = slot
        self._lock = asyncio.Lock()

    def articles(self) -> Sequence[Article]:
        return self._answerer().articles

    def _answerer(self) -> Answerer:
        answerer = self.slot.current
        if answerer is None:
            raise ArticleRejected("the articles are still loading; try again in a minute")
        return answerer

    async def add(self, filename: str, data: bytes) -> Change:
        """Check, write and index one uploaded article; ArticleRejected says why not."""
        name = _checked_name(filename)
        if not data.strip():
            raise ArticleRejected(f"{name} is empty")
        check_size(name, len(data))
        async with self._lock:
            target = self.settings.seeds_dir / name
            taken = {p.stem.casefold(): p.name for p in seed_files(self.settings.seeds_dir)}
            if target.stem.casefold() in taken:
                raise ArticleRejected(f"an article named {taken[target.stem.casefold()]} already exists")
            staged = _stage(self.settings.seeds_dir, data)
            try:
                article = _parse(staged, target.stem, name)
                self._refuse_duplicate(article, data)
                os.replace(staged, target)
            finally:
                staged.unlink(missing_ok=True)
            before = self._answerer()
            try:
                after = await asyncio.to_thread(self._rebuild)
            except Exception:
                target.unlink(missing_ok=True)
                raise
            log.info("Article %s added: now answering from %d articles", name, len(after.articles))
            return Change(article.source_id, article.title, article.date, len(article.paragraphs),
                          len(after.articles), new_facts(before.knowledge, after.knowledge))

    async def remove(self, source_id: str) -> Change:
        """Take one article out of `seeds/` and the index."""
        async with self._lock:
            files = {p.stem: p for p in seed_files(self.settings.seeds_dir)}
            if source_id not in files:
                raise ArticleRejected(f"there is no article {source_id}")
            if len(files) == 1:
                raise ArticleRejected("that is the last article; add another one first")
            article = next((a for a in self.articles() if a.source_id == source_id), None)
            path = files[source_id]
            aside = path.with_name(f".{path.name}.removed")  # not a seed while the index is rebuilt
            os.replace(path, aside)
            try:
                after = await asyncio.to_thread(self._rebuild)
            except Exception:
                os.replace(aside, path)
                raise
            aside.unlink()
            log.info("Article %s removed: now answering from %d articles", path.name, len(after.articles))
            return Change(source_id, article.title if article else None, article.date if article else None,
                          len(article.paragraphs) if article else 0, len(after.articles))

    def _rebuild(self) -> Answerer:
        """Build the new index and answerer beside the old one, then swap (in a worker thread): the
        seeds changed, so loading rebuilds the index first."""
        new = load_answerer(self.settings)
        self.slot.use(new)
        return new

    def _refuse_duplicate(self, article: Article, data: bytes) -> None:
        digest = hashlib.sha256(data).digest()
        for path in seed_files(self.settings.seeds_dir):
            if hashlib.sha256(path.read_bytes()).digest() == digest:
                raise ArticleRejected(f"it is the same file as {path.name}")
        new = {fold_ws(p.text) for p in article.paragraphs}
        for known in self.articles():
            shared = new & {fold_ws(p.text) for p in known.paragraphs}
            if len(shared) >= DUPLICATE_SHARE * len(new):
                raise ArticleRejected(f"it repeats the article {known.source_id} ({known.label})")


def check_size(name: str, size: int) -> None:
    """Refuse a file over the limit (front ends call it before downloading one)."""
    if size > MAX_BYTES:
        raise ArticleRejected(f"{name} is {size / 1000:.0f} kB; the limit is {MAX_BYTES // 1000} kB")


def _checked_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip()
    if not name.lower().endswith(SUFFIX):
        raise ArticleRejected(f"{name or 'the file'} is not a .txt file")
    name = name[: -len(SUFFIX)] + SUFFIX
    if not _SAFE_NAME.match(name) or name.startswith("."):
        raise ArticleRejected("the file name may use only letters, digits, spaces, '.', '_' and '-'")
    return name


def _stage(folder: Path, data: bytes) -> Path:
    """The upload written beside the seeds under a name that is no seed (so the index skips it)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(tmp)


def _parse(staged: Path, source_id: str, name: str) -> Article:
    try:
        article = parse_article(source_id, decode_seed(staged))
    except SeedError as exc:
        raise ArticleRejected(f"{name} can't be used: {exc}") from None
    if not article.paragraphs:
        raise ArticleRejected(f"{name} has no article text left once page furniture is removed")
    return article


def new_facts(before: Knowledge, after: Knowledge) -> tuple[str, ...]:
    """Cast, crew and chart facts found after a change that were not there before, in words."""
    known = set(_facts(before.cast, before.ranking))
    return tuple(fact for fact in _facts(after.cast, after.ranking) if fact not in known)


def _facts(cast: Cast, ranking: Ranking) -> list[str]:
    found = [f"{p.name} plays {r.character}" for p in cast.people for r in p.roles]
    found += [f"{p.name}: {j.job}" for p in cast.people for j in p.jobs]
    found += [f"{f.value} ({f.measure})" for f in ranking.figures if f.show]
    return list(dict.fromkeys(found))
