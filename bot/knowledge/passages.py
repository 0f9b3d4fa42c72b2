"""Split articles into sentences (the unit quoted) and passages (the unit retrieved)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pysbd

from bot.knowledge.articles import Article
from bot.knowledge.speech import attribute

# Passages of a few sentences keep enough context for dense retrieval without blurring topics.
PASSAGE_SENTENCES = 3
# A sentence that opens by pointing back ("The latter died…"), or draws a consequence from the one before ("It
# thus grants itself first place": in which ranking?), is read and quoted with the one before.
_POINTS_BACK = re.compile(r"^(the latter|the former|she|he|they|his|her|their|this|that|these|those|"
                          r"(\w+ )?(thus|therefore|hence)\b)\b", re.I)

# Words of reporting: an outlet's, not a person's ("Soompi reported", "according to a report by Pinkvilla").
REPORTING = re.compile(r"\b(report\w*|according to|as per|citing|cited|sourced from)\b", re.I)


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
    quotable: bool = True  # content, not a link teaser, caption, credit or a heading that asks a question
    speaker: str | None = None  # who is quoted or reported, for speech (bot.knowledge.speech)

    @property
    def quote(self) -> str:
        """What is quoted for this sentence: itself, with its lead when it points back."""
        return f"{self.lead} {self.text}" if self.lead else self.text

    @property
    def outlet(self) -> str | None:
        """The outlet this sentence reports from ("as per a report on Deadline", "Soompi reported"): a one-word
        speaker that does not open the sentence (as "Another hailed …" does), in words of reporting, not of
        saying ("…," Park said)."""
        speaker = self.speaker
        if speaker and " " not in speaker and speaker[:1].isupper() and not self.text.startswith(speaker) \
                and REPORTING.search(self.text):
            return speaker
        return None


@dataclass(frozen=True)
class Passage:
    """A window of consecutive sentences of one paragraph."""

    id: int
    source_id: str
    sentence_ids: tuple[int, ...]
    text: str


# What is on a page without being content, one row per kind; such a sentence is never quoted.
NOT_CONTENT: tuple[tuple[str, re.Pattern[str]], ...] = tuple((label, re.compile(pattern, re.I))
                                                             for label, pattern in (
    ("link teaser", r"\b(read|find out|learn|see|check out)\b.{0,80}\b(here|below|link)\W*$|"
                    r"^(read more|related|also read|see also|click here|watch|tags|source)\b\s*:?"),
    ("caption or credit", r"^(image|photo|picture|credit|courtesy|representation|expand image|written by|"
                          r"last updated)\b\s*[:.]?"),
    ("question heading", r"\?\W*$"),
    ("page furniture", r"^(this article's topics|explore new topics|leave a comment|share this)\b"),
))


def is_content(text: str) -> bool:
    """Whether a sentence says something, rather than pointing elsewhere, crediting a picture or asking."""
    return not any(pattern.search(text) for _, pattern in NOT_CONTENT)


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
        first = len(sentences)
        for p_index, paragraph in enumerate(article.paragraphs):
            ids: list[int] = []
            for position, text in enumerate(split_sentences(paragraph.text)):
                lead = sentences[ids[-1]].text if ids and _POINTS_BACK.match(text) else None
                ids.append(len(sentences))
                sentences.append(Sentence(len(sentences), article.source_id, p_index, position, text,
                                          paragraph.spoiler, paragraph.section, lead, quotable=is_content(text)))
            step = max(PASSAGE_SENTENCES - 1, 1)
            for start in range(0, max(len(ids) - 1, 1), step):
                window = tuple(ids[start:start + PASSAGE_SENTENCES])
                passages.append(Passage(len(passages), article.source_id, window,
                                        " ".join(sentences[i].text for i in window)))
        speakers = attribute([s.text for s in sentences[first:]])
        sentences[first:] = [replace(s, speaker=who) for s, who in zip(sentences[first:], speakers, strict=True)]
    return sentences, passages
