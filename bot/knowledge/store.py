"""The built index under `index/`: FAISS vectors, the passage table and a manifest that says what built it.

The manifest holds hashes of the seed files, the model, the alias file and the settings that shape
the index, so an index that is missing, corrupt, or built from other seeds or another model is
noticed at start-up and rebuilt, with a log line saying why. The facts extracted from the articles
(cast and crew, chart figures) are built here too, once, and stored beside the vectors.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from bot.knowledge.articles import DEFAULT_MAX_SEED_BYTES, Article, Paragraph, load_articles, seed_files
from bot.knowledge.cast import Cast, build_cast
from bot.knowledge.embedding import Embedder
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.names import AliasBook
from bot.knowledge.passages import PASSAGE_SENTENCES, Passage, Sentence, clauses, split_articles
from bot.knowledge.progress import reporting, stage
from bot.knowledge.ranking import Ranking, build_ranking
from bot.settings import DEFAULT_ALIASES_FILE

log = logging.getLogger(__name__)

# Bump when parsing, splitting or the stored format changes, so old indexes are rebuilt.
INDEX_FORMAT = 4
MANIFEST = "manifest.json"
TABLE = "knowledge.json"
PASSAGE_VECTORS = "passages.faiss"
SENTENCE_VECTORS = "sentences.faiss"
CLAUSE_VECTORS = "clauses.faiss"
FACTS = "facts.json"


@dataclass
class Knowledge:
    """Everything the answers layer searches (articles, sentences, passages and their vectors) and the
    facts read from the articles (`cast`, `ranking`)."""

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

    def article(self, source_id: str) -> Article:
        return self._by_id[source_id]

    def __post_init__(self) -> None:
        self._by_id = {a.source_id: a for a in self.articles}


class IndexStale(Exception):
    """The stored index does not match the seeds, the model or the format; the message says how."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_manifest(seeds_dir: Path, embedder: Embedder, aliases_file: Path = DEFAULT_ALIASES_FILE,
                      max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> dict:
    return {
        "format": INDEX_FORMAT,
        "model": embedder.fingerprint,
        "settings": {"passage_sentences": PASSAGE_SENTENCES},
        "seeds": {p.name: _sha256(p) for p in seed_files(seeds_dir, max_seed_bytes)},
        "aliases": _sha256(aliases_file) if aliases_file.is_file() else None,
    }


@reporting
def build_index(seeds_dir: Path, index_dir: Path, embedder: Embedder,
                aliases_file: Path = DEFAULT_ALIASES_FILE, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Knowledge:
    """Parse the seeds, embed sentences and passages, extract the facts, and write the index; the
    manifest is written last."""
    manifest = expected_manifest(seeds_dir, embedder, aliases_file, max_seed_bytes)
    articles = load_articles(seed_files(seeds_dir, max_seed_bytes))
    stage("splitting sentences", sum(len(a.paragraphs) for a in articles))
    sentences, passages = split_articles(articles)
    stage("reading the cast and chart figures", len(sentences), "sentences")
    cast = build_cast(articles, sentences, AliasBook.load(aliases_file))
    ranking = build_ranking(articles, sentences)
    stage("embedding", len(passages) + len(sentences), "passages and sentences")
    passage_index = faiss.IndexFlatIP(embedder.dimension)
    passage_index.add(embedder.encode([p.text for p in passages]))
    sentence_index = faiss.IndexFlatIP(embedder.dimension)
    sentence_index.add(embedder.encode([s.quote for s in sentences]))
    owners = [s.id for s in sentences for _ in clauses(s.text)]
    clause_index = faiss.IndexFlatIP(embedder.dimension)
    clause_index.add(embedder.encode([c for s in sentences for c in clauses(s.text)]))

    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / MANIFEST).unlink(missing_ok=True)
    table = {
        "articles": [asdict(a) for a in articles],
        "sentences": [asdict(s) for s in sentences],
        "passages": [asdict(p) for p in passages],
        "clause_owners": owners,
    }
    _write_atomic(index_dir / TABLE, json.dumps(table, ensure_ascii=False).encode())
    _write_atomic(index_dir / PASSAGE_VECTORS, faiss.serialize_index(passage_index).tobytes())
    _write_atomic(index_dir / SENTENCE_VECTORS, faiss.serialize_index(sentence_index).tobytes())
    _write_atomic(index_dir / CLAUSE_VECTORS, faiss.serialize_index(clause_index).tobytes())
    facts = {"cast": cast.to_dict(), "ranking": ranking.to_dict()}
    _write_atomic(index_dir / FACTS, json.dumps(facts, ensure_ascii=False).encode())
    _write_atomic(index_dir / MANIFEST, json.dumps(manifest, indent=2).encode())
    log.info("Indexed %d articles: %d passages, %d sentences", len(articles), len(passages), len(sentences))
    return _assemble(articles, sentences, passages, passage_index, sentence_index, clause_index, owners,
                     cast, ranking)


def load_index(seeds_dir: Path, index_dir: Path, embedder: Embedder,
               aliases_file: Path = DEFAULT_ALIASES_FILE, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Knowledge:
    """The stored index, or IndexStale / another error when it cannot be used as it is."""
    manifest_path = index_dir / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"no index in {index_dir}")
    stored = json.loads(manifest_path.read_text(encoding="utf-8"))
    expected = expected_manifest(seeds_dir, embedder, aliases_file, max_seed_bytes)
    for key, what in (("format", "index format"), ("model", "model"), ("settings", "index settings"),
                      ("seeds", "seed files"), ("aliases", "alias file")):
        if stored.get(key) != expected[key]:
            raise IndexStale(f"the {what} changed since it was built")
    table = json.loads((index_dir / TABLE).read_text(encoding="utf-8"))
    articles = [Article(a["source_id"], a["title"], a["date"], tuple(Paragraph(**p) for p in a["paragraphs"]))
                for a in table["articles"]]
    sentences = [Sentence(**s) for s in table["sentences"]]
    passages = [Passage(**{**p, "sentence_ids": tuple(p["sentence_ids"])}) for p in table["passages"]]
    passage_index = _read_faiss(index_dir / PASSAGE_VECTORS)
    sentence_index = _read_faiss(index_dir / SENTENCE_VECTORS)
    clause_index = _read_faiss(index_dir / CLAUSE_VECTORS)
    owners = table["clause_owners"]
    if (passage_index.ntotal != len(passages) or sentence_index.ntotal != len(sentences)
            or clause_index.ntotal != len(owners) or passage_index.d != embedder.dimension):
        raise IndexStale("its vectors do not match its passage table")
    facts = json.loads((index_dir / FACTS).read_text(encoding="utf-8"))
    return _assemble(articles, sentences, passages, passage_index, sentence_index, clause_index, owners,
                     Cast.from_dict(facts["cast"]), Ranking.from_dict(facts["ranking"]))


def load_or_build(seeds_dir: Path, index_dir: Path, embedder: Embedder,
                  aliases_file: Path = DEFAULT_ALIASES_FILE, max_seed_bytes: int = DEFAULT_MAX_SEED_BYTES) -> Knowledge:
    """Use the stored index when it is current; otherwise rebuild it and say why in the log."""
    try:
        return load_index(seeds_dir, index_dir, embedder, aliases_file, max_seed_bytes)
    except FileNotFoundError:
        log.info("No index in %s yet: building it from %s", index_dir, seeds_dir)
    except IndexStale as exc:
        log.info("Rebuilding the index in %s: %s", index_dir, exc)
    except Exception as exc:  # any unreadable file means a corrupt index; rebuilding is always safe
        log.warning("Rebuilding the index in %s: it is corrupt (%s: %s)", index_dir, type(exc).__name__, exc)
    return build_index(seeds_dir, index_dir, embedder, aliases_file, max_seed_bytes)


def _assemble(articles: list[Article], sentences: list[Sentence], passages: list[Passage],
              passage_index: faiss.Index, sentence_index: faiss.Index, clause_index: faiss.Index,
              clause_owners: list[int], cast: Cast, ranking: Ranking) -> Knowledge:
    owners = np.asarray(clause_owners, dtype=np.int64)
    return Knowledge(articles, sentences, passages, passage_index, _vectors(passage_index),
                     _vectors(sentence_index), _vectors(clause_index), owners,
                     LexicalIndex([p.text for p in passages]), cast, ranking)


def _vectors(index: faiss.Index) -> np.ndarray:
    """All vectors of a flat index, for scoring a handful of candidates without another search."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    return index.reconstruct_n(0, index.ntotal)


def _read_faiss(path: Path) -> faiss.Index:
    return faiss.deserialize_index(np.frombuffer(path.read_bytes(), dtype=np.uint8))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a crash never leaves half a file under the real name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
