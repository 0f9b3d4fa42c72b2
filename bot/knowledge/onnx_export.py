"""Export a SentenceTransformer to the ONNX graph and tokenizer file that encoder.QueryEncoder runs.

The whole pipeline is traced (transformer, pooling and normalisation, as the model's modules.json
lists them), so the answer path computes sentence embeddings exactly as sentence-transformers
does without re-implementing any of it. Imported at index time only: it needs torch.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer
from tokenizers import Tokenizer

from bot.knowledge.encoder import INPUT_NAMES, OUTPUT_NAME

OPSET = 17


class SentencePipeline(torch.nn.Module):
    """A SentenceTransformer taking plain tensors (as ONNX inputs must be) and giving sentence embeddings."""

    def __init__(self, model: SentenceTransformer) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        features = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
        return self.model(features)[OUTPUT_NAME]


def export_query_encoder(model: SentenceTransformer, model_file: Path, tokenizer_file: Path) -> None:
    """Trace the model into `model_file` (batch and length left dynamic) and save its own fast
    tokenizer, truncating where sentence-transformers does and padding to the longest text."""
    hf_tokenizer = model.tokenizer
    tokenizer = Tokenizer.from_str(hf_tokenizer.backend_tokenizer.to_str())  # a copy: the model's stays as it is
    tokenizer.enable_truncation(model.max_seq_length)
    tokenizer.enable_padding(pad_id=hf_tokenizer.pad_token_id, pad_token=hf_tokenizer.pad_token)
    tokenizer.save(str(tokenizer_file))
    sample = hf_tokenizer(["a question", "a longer question about the show"], padding=True, return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
    # Tracing warns that shape checks become constants; the encoder tests show the vectors stay the same
    # for every length and batch, so the warnings are only noise in the build log.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(SentencePipeline(model).eval(), tuple(sample[name] for name in INPUT_NAMES),
                          str(model_file), input_names=list(INPUT_NAMES), output_names=[OUTPUT_NAME],
                          dynamic_axes={**axes, OUTPUT_NAME: {0: "batch"}}, opset_version=OPSET, dynamo=False)
