"""The one value the Discord features receive: the core services, built once at start-up.

Every feature module has `setup(bot, services)`; it registers its commands, listeners and buttons
on `bot` and reaches the core only through `services`. No feature imports the client.

- `answers`: questions → answers in a bounded worker pool; the answerer may still be loading, and
  `answers.use(new)` swaps it (after a re-index) without a restart.
- `facts`: what /cast, /ranking and /sources show, read from the stored facts (no model needed).
- `limits`: the per-user question bucket and the anti-flood guard.
- `store`: where features keep what they must remember (feedback, reports); None until one exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.frontends.discord_bot.answering import Answering, Answers
from bot.frontends.discord_bot.limits import Limits
from bot.frontends.discord_bot.loading import Loading
from bot.knowledge.store import Facts
from bot.settings import Settings


class HasKnowledge(Protocol):
    knowledge: Any


def facts_of(answerer: HasKnowledge) -> Facts:
    """The facts an already loaded Answerer holds."""
    knowledge = answerer.knowledge
    return Facts(knowledge.articles, knowledge.cast, knowledge.ranking)


@dataclass(frozen=True)
class Services:
    """What the features may use; see the module docstring."""

    settings: Settings
    answers: Answers
    facts: Loading[Facts]
    limits: Limits
    store: Any = None


def build_services(settings: Settings, answerer: Answering | None = None, facts: Facts | None = None,
                   store: Any = None) -> Services:
    """The services from the settings; the answerer and the facts can be provided later (loading)."""
    return Services(
        settings=settings,
        answers=Answers(settings.answer_workers, settings.answer_queue_size, answerer),
        facts=Loading(facts),
        limits=Limits(settings.question_burst, settings.question_refill_seconds,
                      settings.flood_count, settings.flood_seconds),
        store=store,
    )


def load_core(settings: Settings, on_facts: Callable[[Facts], None]) -> tuple[Facts, Answering]:
    """Load the stored facts, hand them to `on_facts` (the look-ups work from then on), then the
    answerer; in a worker thread: seconds of CPU."""
    from bot.answers.answerer import load_answerer
    from bot.answers.normalise import load_english
    from bot.knowledge.store import load_facts

    facts = load_facts(settings)
    on_facts(facts)
    answerer = load_answerer(settings)
    load_english()
    return facts, answerer
