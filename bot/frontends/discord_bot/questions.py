"""One way a question goes, whether it came as /ask or as a message: limits → answer in a worker
(deferring when slow) → reply; refunded when it cost nothing or failed, refused politely when the
bot is busy or restarting. The edges (interaction or message) only say how to speak."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

import discord

from bot.answers.model import Answer, Outcome
from bot.answers.questions import Rejection, analyse
from bot.frontends.discord_bot.answering import Busy, Restarting
from bot.frontends.discord_bot.feedback import feedback_view
from bot.frontends.discord_bot.limits import Verdict
from bot.frontends.discord_bot.services import Services
from bot.records import Asked
from bot.replies.discord import (
    BUSY_MESSAGE,
    ERROR_MESSAGE,
    REPEAT_MESSAGE,
    RESTARTING_MESSAGE,
    slow_down_message,
)
from bot.text_input import clean_question

log = logging.getLogger(__name__)


class Edge(Protocol):
    """How to speak to the person who asked."""

    user_id: int

    def defer_budget(self) -> float | None:
        """Seconds an answer may take before `thinking` must be shown; None: no deadline."""

    async def thinking(self) -> None: ...

    async def notice(self, text: str, *, repeat: bool = False) -> None:
        """A short note about the bot itself (limits, busy, errors); `repeat` marks the same question again."""

    async def quiet(self) -> None:
        """Take the question and say nothing (a flood being ignored)."""

    async def answer(self, answer: Answer, view: discord.ui.View | None = None) -> None:
        """The reply, with `view` (the feedback buttons) under it when there is one."""

    @property
    def asked(self) -> Asked:
        """Where the question came from, for the moderators' records."""


def costs_nothing(question: str) -> bool:
    """Chatter ("thanks!", "lol", an emoji, a bare mention): no question words at all. It is answered
    (or, in an answer channel, left alone) without touching the limits; the answerer turns it away
    before any model work."""
    return isinstance(analyse(question, frozenset()), Rejection)


async def ask(services: Services, edge: Edge, question: str) -> None:
    """Answer `question` through `edge`, within the limits; nothing raised, everything logged."""
    try:
        await _ask(services, edge, question)
    except discord.NotFound as gone:  # the interaction lapsed (Discord's 3 s) or the channel went away
        log.warning("Could not reply to user %s: %s", edge.user_id, gone.text or gone.status)


async def _ask(services: Services, edge: Edge, question: str) -> None:
    question = clean_question(question).text  # no lone surrogate or control character reaches the core
    if costs_nothing(question):
        await _answer_and_reply(services, edge, question, charged=False)
        return
    admission = services.limits.admit(edge.user_id, question)
    if admission.verdict is Verdict.REPEAT:
        await edge.notice(REPEAT_MESSAGE, repeat=True)
        return
    if admission.verdict is Verdict.SLOW_DOWN:
        await edge.notice(slow_down_message(admission.retry_after))
        return
    if admission.verdict is Verdict.QUIET:
        await edge.quiet()
        return
    await _answer_and_reply(services, edge, question, charged=True)


async def _answer_and_reply(services: Services, edge: Edge, question: str, *, charged: bool) -> None:
    """Inside `in_flight` from start to the last word sent, so shutdown waits for the whole of it.
    A `charged` question that ends up unanswered (or not a question after all) gets its token back."""
    def refund() -> None:
        if charged:
            services.limits.refund(edge.user_id)

    try:
        async with services.answers.in_flight():
            try:
                answer = await _answer(services, edge, question)
            except Restarting:
                refund()
                await edge.notice(RESTARTING_MESSAGE)
                return
            except discord.NotFound:
                raise  # nowhere left to say anything (below)
            except Exception:
                log.exception("Answering a question of user %s failed", edge.user_id)
                refund()
                await edge.notice(ERROR_MESSAGE)
                return
            if answer.outcome is Outcome.NOT_A_QUESTION:
                refund()
            await edge.answer(answer, feedback_view(services, answer, edge.asked))
    except (Busy, Restarting) as refused:
        refund()
        await edge.notice(BUSY_MESSAGE if isinstance(refused, Busy) else RESTARTING_MESSAGE)
    except discord.NotFound:  # the interaction lapsed or the channel went away: the fan got no answer
        refund()
        raise


async def _answer(services: Services, edge: Edge, question: str) -> Answer:
    """The answer; "thinking…" first if it is not ready within the edge's budget."""
    job = asyncio.ensure_future(services.answers.ask(question))
    try:
        budget = edge.defer_budget()
        if budget is not None:
            done, _ = await asyncio.wait({job}, timeout=budget)
            if not done:
                await edge.thinking()
        return await job
    finally:
        job.cancel()  # only matters when deferring failed: nobody is left to read the answer
