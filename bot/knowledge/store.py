"""The built index under `index/`: vectors, the passage table, the facts, the query encoder and a
manifest that says what built it and what it holds.

The manifest holds content hashes of what the index was built from (seed files, model, alias
file, the settings that shape it) and of every file it consists of. Loading checks both, reads
each file for its expected shape, and rebuilds the whole index with one log line saying why when
anything is missing, truncated, of the wrong shape or not what the manifest says. There is one
loader (`load_or_build`): it returns a complete result or raises IndexUnavailable.

Two things are loaded from an index: the full Knowledge for answering (with the ONNX query
encoder, no torch) and, for the look-ups `sources`, `cast` and `ranking`, only the Facts, which
need no model at all. Building needs the sentence-transformers model.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from bot.knowledge.articles import DEFAULT_MAX_SEED_BYTES, Article, Paragraph, load_articles, seed_files
from bot.knowledge.cast import Cast, build_cast
from bot.knowledge.embedding import Embedder, Encoder, default_model_path, model_fingerprint
from bot.knowledge.names import AliasBook
from bot.knowledge.passages import PASSAGE_SENTENCES, Passage, Sentence, clauses, split_articles
from bot.knowledge.progress import reporting, stage
from bot.knowledge.ranking import Ranking, build_ranking
from bot.knowledge.subjects import SERIES_FILE, attribute
from bot.settings import DEFAULT_ALIASES_FILE

if TYPE_CHECKING:
    import faiss

    from bot.knowledge.lexical import LexicalIndex
    from bot.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

# Bump when parsing, splitting or the stored format changes, so old indexes are rebuilt.
INDEX_FORMAT = 14
MANIFEST = "manifest.json"
TABLE = "knowledge.json"
PASSAGE_VECTORS = "passages.faiss"
SENTENCE_VECTORS = "sentences.faiss"
CLAUSE_VECTORS = "clauses.faiss"
FACTS = "facts.json"
QUERY_MODEL = "query_encoder.onnx"
QUERY_TOKENIZER = "query_tokenizer.json"
# The files each kind of load reads, so each is checked against the manifest before it is used.
FACT_FILES = (TABLE, FACTS)
INDEX_FILES = (TABLE, PASSAGE_VECTORS, SENTENCE_VECTORS, CLAUSE_VECTORS, FACTS, QUERY_MODEL, QUERY_TOKENIZER)


@dataclass
class Facts:
    """What the look-ups need: the articles (for `sources`) and the facts read from them."""

    articles: list[Article]
    cast: Cast
    ranking: Ranking


@dataclass
class Knowledge:
    """Everything the answers layer searches (articles, sentences, passages and their vectors), the
    facts read from the articles (`cast`, `ranking`) and the encoder for questions."""

    articles: list[Article]
    sentences: list[Sentence]
    passages: list[Passage]
    passage_index: faiss.Index
    passage_vectors: np.ndarray
    sentence_vectors: np.ndarray
    clause_vectors: np.ndarray
    clause_owners: np.ndarray  # the sentence id of each clause vector
    lexical: LexicalIndex
    cast: Cast
    ranking: Ranking
    encoder: Encoder

    def article(self, source_id: str) -> Article:
        return self._by_id[source_id]

    def __post_init__(self) -> None:
        self._by_id = {a.source_id: a for a in self.articles}


class IndexMissing(Exception):
    """There is no index yet."""


class IndexStale(Exception):
    """The stored index does not match the seeds, the model or the format; the message says how."""


class IndexDamaged(Exception):
    """A file of the index is missing, truncated, of the wrong shape or not the one the manifest names."""


class IndexUnavailable(Exception):
    """The index can neither be used nor rebuilt; the message names the folder and says why."""


class IndexNotWritable(IndexUnavailable):
    """The index needs rebuilding but its folder cannot be written."""


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def expected_manifest(seeds_dir: Path, model_path: Path, aliases_file: Path = DEFAULT_ALIASES_FILE,
                      max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> dict:
    """What a current index's manifest says about its inputs (the files it holds are added at build)."""
    try:
        return {
            "format": INDEX_FORMAT,
            "model": model_fingerprint(model_path),
            "settings": {"passage_sentences": PASSAGE_SENTENCES},
            "seeds": {p.name: _sha256(p) for p in seed_files(seeds_dir, max_seed_bytes)},
            "aliases": _sha256(aliases_file) if aliases_file.is_file() else None,
            "series": _sha256(SERIES_FILE),
        }
    except OSError as exc:  # not the index's fault: rebuilding it would not help
        raise IndexUnavailable(f"cannot read what the index is built from: {exc}") from exc


@reporting
def build_index(seeds_dir: Path, index_dir: Path, embedder: Embedder,
                aliases_file: Path = DEFAULT_ALIASES_FILE, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Knowledge:
    """Parse the seeds, embed sentences and passages, extract the facts, export the query encoder,
    and write the index; the manifest, with the hash of every file, is written last."""
    import faiss

    manifest = expected_manifest(seeds_dir, embedder.path, aliases_file, max_seed_bytes)
    articles = load_articles(seed_files(seeds_dir, max_seed_bytes))
    stage("splitting sentences", sum(len(a.paragraphs) for a in articles))
    sentences, passages = split_articles(articles)
    sentences = attribute(articles, sentences)  # which work each sentence is about
    stage("reading the cast and chart figures", len(sentences), "sentences")
    cast = build_cast(articles, sentences, AliasBook.load(aliases_file))
    ranking = build_ranking(articles, sentences)
    stage("embedding", len(passages) + len(sentences), "passages and sentences")
    owners = [s.id for s in sentences for _ in clauses(s.text)]
    vectors = {
        PASSAGE_VECTORS: embedder.encode([p.text for p in passages]),
        SENTENCE_VECTORS: embedder.encode([s.quote for s in sentences]),
        CLAUSE_VECTORS: embedder.encode([c for s in sentences for c in clauses(s.text)]),
    }
    table = {
        "articles": [asdict(a) for a in articles],
        "sentences": [asdict(s) for s in sentences],
        "passages": [asdict(p) for p in passages],
        "clause_owners": owners,
    }
    facts = {"cast": cast.to_dict(), "ranking": ranking.to_dict()}

    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / MANIFEST).unlink(missing_ok=True)
    _write_atomic(index_dir / TABLE, json.dumps(table, ensure_ascii=False).encode())
    for name, matrix in vectors.items():
        flat = faiss.IndexFlatIP(embedder.dimension)
        flat.add(matrix)
        _write_atomic(index_dir / name, faiss.serialize_index(flat).tobytes())
    _write_atomic(index_dir / FACTS, json.dumps(facts, ensure_ascii=False).encode())
    with _atomic_path(index_dir / QUERY_MODEL) as model_file, _atomic_path(index_dir / QUERY_TOKENIZER) as tokenizer:
        embedder.export_query_encoder(model_file, tokenizer)
    manifest["files"] = {name: _sha256(index_dir / name) for name in INDEX_FILES}
    _write_atomic(index_dir / MANIFEST, json.dumps(manifest, indent=2).encode())
    log.info("Indexed %d articles: %d passages, %d sentences", len(articles), len(passages), len(sentences))
    return _read_knowledge(index_dir)


def load_index(seeds_dir: Path, index_dir: Path, model_path: Path,
               aliases_file: Path = DEFAULT_ALIASES_FILE, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Knowledge:
    """The stored index as it is, or IndexMissing, IndexStale or IndexDamaged saying why not."""
    _check(index_dir, expected_manifest(seeds_dir, model_path, aliases_file, max_seed_bytes), INDEX_FILES)
    return _read_knowledge(index_dir)


def load_stored_facts(seeds_dir: Path, index_dir: Path, model_path: Path, aliases_file: Path = DEFAULT_ALIASES_FILE,
                      max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Facts:
    """The stored facts as they are (the model's files are hashed, never loaded), or why not."""
    _check(index_dir, expected_manifest(seeds_dir, model_path, aliases_file, max_seed_bytes), FACT_FILES)
    return Facts(_read_table(index_dir)[0], *_read_facts(index_dir))


def load_or_build(seeds_dir: Path, index_dir: Path, embedder: Embedder | None = None,
                  aliases_file: Path = DEFAULT_ALIASES_FILE, *, model_path: str | Path | None = None,
                  max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES,
                  assemble: Callable[[Knowledge], T] = lambda knowledge: knowledge) -> T:
    """`assemble` (by default: nothing) applied to the stored Knowledge when it is current, else to a
    rebuilt one, the reason logged in one line; IndexUnavailable when that cannot be done either.

    Building uses `embedder`, or loads the model at `model_path` (default: the packaged one).
    """
    path = _model_path(embedder, model_path)
    return _load_or_rebuild(lambda: assemble(load_index(seeds_dir, index_dir, path, aliases_file, max_seed_bytes)),
                            seeds_dir, index_dir, aliases_file, path, embedder, max_seed_bytes)


def load_facts(settings: Settings, embedder: Embedder | None = None) -> Facts:
    """The articles, cast and ranking for the look-ups, without loading the model unless the index
    has to be rebuilt; for every front end."""
    path = _model_path(embedder, settings.model_path)
    return _load_or_rebuild(
        lambda: load_stored_facts(settings.seeds_dir, settings.index_dir, path, settings.aliases_file,
                                  settings.max_seed_bytes),
        settings.seeds_dir, settings.index_dir, settings.aliases_file, path, embedder, settings.max_seed_bytes)


def _model_path(embedder: Embedder | None, model_path: str | Path | None) -> Path:
    """The model the index must have been built with: the given embedder's, the setting's, or the packaged one."""
    return embedder.path if embedder else Path(model_path) if model_path else default_model_path()


def _load_or_rebuild(load: Callable[[], T], seeds_dir: Path, index_dir: Path, aliases_file: Path,
                     model_path: Path, embedder: Embedder | None, max_seed_bytes: int) -> T:
    try:
        return load()
    except IndexUnavailable:
        raise
    except IndexMissing:
        log.info("No index in %s yet: building it from %s", index_dir, seeds_dir)
    except IndexStale as exc:
        log.info("Rebuilding the index in %s: %s", index_dir, exc)
    except Exception as exc:  # any unreadable file means a damaged index; rebuilding is always safe
        log.warning("Rebuilding the index in %s: it is damaged (%s)", index_dir, _reason(exc))
    _require_writable(index_dir)
    try:
        build_index(seeds_dir, index_dir, embedder or Embedder(model_path), aliases_file, max_seed_bytes)
    except OSError as exc:
        raise IndexUnavailable(f"cannot build the index in {index_dir}: {exc}") from exc
    try:
        return load()
    except Exception as exc:
        raise IndexUnavailable(f"the index in {index_dir} was rebuilt but cannot be used: {_reason(exc)}") from exc


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, IndexDamaged | IndexStale) else f"{type(exc).__name__}: {exc}"


def _require_writable(index_dir: Path) -> None:
    """Fail before the slow build, with the folder named, when the index cannot be written."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=index_dir):
            pass
    except OSError as exc:
        raise IndexNotWritable(f"the index in {index_dir} needs rebuilding but the folder cannot be written "
                               f"({exc.strerror or exc})") from exc


def _check(index_dir: Path, expected: dict, files: tuple[str, ...]) -> None:
    """Raise unless the manifest matches the inputs and each file matches its recorded hash."""
    manifest_path = index_dir / MANIFEST
    if not manifest_path.is_file():
        raise IndexMissing(f"no index in {index_dir}")
    with _shape(MANIFEST):
        stored = json.loads(manifest_path.read_bytes())
        for key, what in (("format", "index format"), ("model", "model"), ("settings", "index settings"),
                          ("seeds", "seed files"), ("aliases", "alias file"), ("series", "series file")):
            if stored.get(key) != expected[key]:
                raise IndexStale(f"the {what} changed since it was built")
        hashes = stored["files"]
        for name in files:
            if not (index_dir / name).is_file():
                raise IndexDamaged(f"{name} is missing")
            if _sha256(index_dir / name) != hashes[name]:
                raise IndexDamaged(f"{name} is not the file the manifest names (changed, truncated or damaged)")


@contextlib.contextmanager
def _shape(name: str) -> Iterator[None]:
    """Turn what reading a file of the wrong shape raises into IndexDamaged naming the file."""
    try:
        yield
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise IndexDamaged(f"{name} is not a valid index file ({type(exc).__name__}: {exc})") from exc


def _read_table(index_dir: Path) -> tuple[list[Article], list[Sentence], list[Passage], list[int]]:
    with _shape(TABLE):
        table = json.loads((index_dir / TABLE).read_bytes())
        articles = [Article(a["source_id"], a["title"], a["date"], tuple(Paragraph(**p) for p in a["paragraphs"]),
                            a.get("outlet"), a.get("byline")) for a in table["articles"]]
        sentences = [Sentence(**s) for s in table["sentences"]]
        passages = [Passage(**{**p, "sentence_ids": tuple(p["sentence_ids"])}) for p in table["passages"]]
        owners = [int(o) for o in table["clause_owners"]]
    return articles, sentences, passages, owners


def _read_facts(index_dir: Path) -> tuple[Cast, Ranking]:
    with _shape(FACTS):
        facts = json.loads((index_dir / FACTS).read_bytes())
        return Cast.from_dict(facts["cast"]), Ranking.from_dict(facts["ranking"])


def _read_knowledge(index_dir: Path) -> Knowledge:
    """Every file of the index, checked for shape and for vectors that fit the table."""
    from bot.knowledge.encoder import QueryEncoder
    from bot.knowledge.lexical import LexicalIndex

    articles, sentences, passages, owners = _read_table(index_dir)
    cast, ranking = _read_facts(index_dir)
    indexes = {name: _read_faiss(index_dir / name) for name in (PASSAGE_VECTORS, SENTENCE_VECTORS, CLAUSE_VECTORS)}
    encoder = QueryEncoder(index_dir / QUERY_MODEL, index_dir / QUERY_TOKENIZER)
    counts = {PASSAGE_VECTORS: len(passages), SENTENCE_VECTORS: len(sentences), CLAUSE_VECTORS: len(owners)}
    for name, index in indexes.items():
        if index.ntotal != counts[name] or index.d != encoder.dimension:
            raise IndexDamaged(f"{name} does not fit {TABLE} and {QUERY_MODEL}")
    if any(not 0 <= o < len(sentences) for o in owners) or any(
            not 0 <= s < len(sentences) for p in passages for s in p.sentence_ids):
        raise IndexDamaged(f"{TABLE} refers to sentences it does not hold")
    passage_index = indexes[PASSAGE_VECTORS]
    return Knowledge(articles, sentences, passages, passage_index, _vectors(passage_index),
                     _vectors(indexes[SENTENCE_VECTORS]), _vectors(indexes[CLAUSE_VECTORS]),
                     np.asarray(owners, dtype=np.int64), LexicalIndex([p.text for p in passages]), cast, ranking,
                     encoder)


def _vectors(index: faiss.Index) -> np.ndarray:
    """All vectors of a flat index, for scoring a handful of candidates without another search."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    return index.reconstruct_n(0, index.ntotal)


def _read_faiss(path: Path) -> faiss.Index:
    import faiss

    try:
        return faiss.deserialize_index(np.frombuffer(path.read_bytes(), dtype=np.uint8))
    except RuntimeError as exc:  # what faiss raises for bytes that are not an index
        raise IndexDamaged(f"{path.name} is not a vector index") from exc


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a crash never leaves half a file under the real name."""
    with _atomic_path(path) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name beside `path` to write to; renamed to `path` only when writing succeeded."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    os.chmod(tmp, 0o644)  # readable like any file the user writes (mkstemp's is private), e.g. by a service user
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

