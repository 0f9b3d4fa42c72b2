"""Split articles into sentences (the unit quoted) and passages (the unit retrieved)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

from bot.knowledge.articles import Article

# Passages of a few sentences keep enough context for dense retrieval without blurring topics.
PASSAGE_SENTENCES = 3
# A sentence that opens by pointing back ("The latter died…") is read and quoted with the one before.
_POINTS_BACK = re.compile(r"^(the latter|the former|she|he|they|his|her|their|this|that|these|those)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence, verbatim from its paragraph (white space folded)."""

    id: int
    source_id: str
    paragraph: int
    position: int  # index within the paragraph
    text: str
    spoiler: bool
    section: str | None
    lead: str | None = None  # the sentence before, when this one cannot be understood without it
    work: str | None = None  # the other show or film it is about; None for this series (bot.knowledge.subjects)

    @property
    def quote(self) -> str:
        """What is quoted for this sentence: itself, with its lead when it points back."""
        return f"{self.lead} {self.text}" if self.lead else self.text


@dataclass(frozen=True)
class Passage:
    """A window of consecutive sentences of one paragraph."""

    id: int
    source_id: str
    sentence_ids: tuple[int, ...]
    text: str


_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[—–-]\s+")
# Clauses shorter than this carry too little to be compared with a question on their own.
MIN_CLAUSE_WORDS = 4


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses of a few words or more; the embedding of a long sentence blurs them."""
    parts = [p.strip(" \"'“”") for p in _CLAUSE_BREAK.split(sentence)]
    return [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS] if len(parts) > 1 else []


def split_sentences(text: str) -> list[str]:
    """Sentences as they stand in the text; pysbd knows `No. 1` and `U.S.` are not endings."""
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for s in segmenter.segment(text) if s.strip()]


def split_articles(articles: list[Article]) -> tuple[list[Sentence], list[Passage]]:
    """Every article's sentences and passages, numbered in one sequence each."""
    sentences: list[Sentence] = []
    passages: list[Passage] = []
    for article in articles:
        for p_index, paragraph in enumerate(article.paragraphs):
            ids: list[int] = []
            for position, text in enumerate(split_sentences(paragraph.text)):
                lead = sentences[ids[-1]].text if ids and _POINTS_BACK.match(text) else None
                ids.append(len(sentences))
                sentences.append(Sentence(len(sentences), article.source_id, p_index, position, text,
                                          paragraph.spoiler, paragraph.section, lead))
            step = max(PASSAGE_SENTENCES - 1, 1)
            for start in range(0, max(len(ids) - 1, 1), step):
                window = tuple(ids[start:start + PASSAGE_SENTENCES])
                passages.append(Passage(len(passages), article.source_id, window,
                                        " ".join(sentences[i].text for i in window)))
    return sentences, passages
