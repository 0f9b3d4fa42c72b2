"""Where `/cast` and `/ranking` find the facts: the Knowledge of the loaded answerer.

The client only promises an answerer that can `ask` and list `articles`; the facts extracted at
index time live on bot.answers.answerer.Answerer.knowledge, so they are reached through this check
rather than by widening that promise for every answerer (test doubles included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot
    from bot.knowledge.store import Knowledge


@runtime_checkable
class HasKnowledge(Protocol):
    knowledge: Knowledge


def knowledge_of(client: AnswerBot) -> Knowledge:
    """The loaded Knowledge, or an error (reported to the user as a friendly line) if there is none."""
    answerer = client.answerer
    if not isinstance(answerer, HasKnowledge):
        raise RuntimeError(f"{type(answerer).__name__} has no knowledge to list the cast or ranking from")
    return answerer.knowledge
