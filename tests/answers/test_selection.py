"""Order and restraint: which candidates are quoted, and putting a message's several answers together."""

import numpy as np

from bot.answers.evidence import Evidence
from bot.answers.model import Quote
from bot.answers.selection import Candidate, merge, select
from bot.answers.weights import MAX_QUOTED_CHARS, Weights
from bot.knowledge.passages import Sentence


def quote(text: str) -> Quote:
    return Quote(text, "test", None, None, False, 1.0)


def test_each_answers_first_quote_comes_first_and_none_twice():
    merged = merge([(quote("a1"), quote("a2")), (quote("b1"), quote("a2"))], limit=3)
    assert [q.text for q in merged] == ["a1", "b1", "a2"]


def test_merged_quotes_keep_the_length_budget():
    long = "x" * (MAX_QUOTED_CHARS // 2)
    merged = merge([(quote(long + "1"), quote("short")), (quote(long + "2"),)], limit=3)
    assert [q.text for q in merged] == [long + "1", "short"]
    assert sum(len(q.text) for q in merged) <= MAX_QUOTED_CHARS



def candidate(sid: int, score: float, slot: bool) -> Candidate:
    sentence = Sentence(sid, "test", sid, 0, f"Sentence {sid} says something.", False, None)
    return Candidate(sentence, Evidence(0.5, 0.5, 0.5, 1.0, slot, False), score)


def test_a_companion_must_hold_what_is_asked():
    vectors = np.eye(3, dtype=np.float32)  # no two alike
    chosen = select([candidate(0, 0.5, True), candidate(1, 0.45, False), candidate(2, 0.4, True)], Weights(), vectors)
    assert [c.sentence.id for c in chosen] == [0, 2]  # the one without a date, name or number adds no fact
