"""The query encoder of the answer path: the index's ONNX export of the model, run by onnxruntime.

`index` embeds the articles with sentence-transformers and exports the same pipeline (transformer,
pooling and normalisation, as the model's own modules.json lists them) beside the vectors, with
the model's own `tokenizers` tokenizer. Answering then needs neither torch nor transformers: it
imports in a fraction of a second and holds a fraction of the memory, with the same vectors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "sentence_embedding"


class QueryEncoder:
    """Turns texts into unit-length vectors with the exported model; same interface as Embedder."""

    def __init__(self, model_file: Path, tokenizer_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only: its warnings are about graph fusions, not answers
        # No busy-waiting between questions: idle threads would spin on a core shared with the bot's
        # other work (and with torch while an index is being built in the same process).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # One thread: a question is a few dozen tokens, and on a small shared machine a second thread
        # costs more in contention than it saves (measured: 13 ms with one, 18 ms with two, on 2 busy cores).
        options.intra_op_num_threads = 1
        # No arena: it keeps the peak of the largest batch (the answer kinds' examples, at start-up) for
        # the life of the process; a question's few dozen tokens are cheap to allocate each time.
        options.enable_cpu_mem_arena = False
        self._session = onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids,
                 "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                 "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        (vectors,) = self._session.run([OUTPUT_NAME], feeds)
        return np.ascontiguousarray(vectors, dtype=np.float32)
