"""scripts/fit_weights.py measures what the bot answers: the same decisions, with the weights it tries."""

import importlib.util
import sys
from dataclasses import replace

from bot.answers.answerer import Answerer
from bot.settings import PROJECT_ROOT

_SPEC = importlib.util.spec_from_file_location("fit_weights", PROJECT_ROOT / "scripts" / "fit_weights.py")
fit_weights = sys.modules.setdefault("fit_weights", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(fit_weights)

QUESTIONS = [
    "who directed it?",  # the facts
    "whos credited as the creator of the show",  # the facts, whatever talk is around the job
    "who plays cheong-san's mother?",  # the facts know nothing of it
    "how many episodes are there? and who is the director",  # two questions in one message
    "what is the budget of the show?",  # an attribute the articles never mention
    "when did netflix first announce it",  # the sentences
    "🙂",  # no question at all
]


def test_the_fit_answers_as_the_bot_does(answerer: Answerer):
    """With weights the fit might try: at this max_unknown the creator question's talk ("credited") is over the
    limit, and the facts still answer it, as the job matched."""
    weights = answerer.weights
    tried = replace(weights, max_unknown=0.5)
    try:
        items = fit_weights.prepare(answerer, [{"q": q} for q in QUESTIONS])
        for item in items:
            fitted = fit_weights.answer(answerer, item, tried)
            answerer.weights = tried
            asked = answerer.ask(item.row["q"])
            assert [q.text for q in fitted.quotes] == [q.text for q in asked.quotes], item.row["q"]
            assert fitted.answered is asked.answered, item.row["q"]
    finally:
        answerer.weights = weights
