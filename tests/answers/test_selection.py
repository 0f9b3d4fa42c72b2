"""Putting the answers of a message's several questions together."""

from bot.answers.model import Quote
from bot.answers.selection import merge
from bot.answers.weights import MAX_QUOTED_CHARS


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
