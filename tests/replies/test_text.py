"""The terminal rendering of an answer, on its own."""

from __future__ import annotations

from bot.answers.model import Answer, Outcome, Quote
from bot.replies.text import SPOILER_HIDDEN, render_text


def _quote(text: str, source: str, spoiler: bool) -> Quote:
    return Quote(text, source, "A title", "2022-02-07", spoiler, 0.8, "A title")


def test_hidden_spoilers_of_one_article_are_one_notice_and_shown_on_request():
    answer = Answer("what happens to him?", Outcome.ANSWERED,
                    (_quote("He lives.", "a", False), _quote("He dies.", "b", True), _quote("Or not.", "b", True)))
    hidden = render_text(answer)
    assert hidden.count(SPOILER_HIDDEN) == 1 and "He dies." not in hidden and "“He lives.” [1]" in hidden
    shown = render_text(answer, spoilers=True)
    assert "He dies." in shown and "Or not." in shown and SPOILER_HIDDEN not in shown
