"""Answering off the event loop: a fixed pool of worker threads, a bounded queue in front of it, an
answerer that may still be loading (or be swapped for a new one after a re-index), and a drain for
shutdown, so a question in flight is finished or politely refused, never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

from bot.answers.model import Answer
from bot.frontends.discord_bot.loading import Loading
from bot.knowledge.articles import Article

log = logging.getLogger(__name__)
T = TypeVar("T")


class Answering(Protocol):
    """What the front end needs from bot.answers.answerer.Answerer."""

    def ask(self, question: str) -> Answer: ...

    @property
    def articles(self) -> Sequence[Article]: ...


class Busy(Exception):
    """Every worker is busy and the queue is full: the fan is told to try again in a moment."""


class Restarting(Exception):
    """The bot is shutting down: the question will not be answered by this process."""


def match_model_threads(workers: int) -> None:
    """Give each answer worker its share of the cores: torch (when the model runs on it) would
    otherwise start a thread per core in every worker, and the workers would fight over them."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // workers))


class Answers:
    """`ask` a question in a worker thread; at most `workers + queue_size` questions in flight."""

    def __init__(self, workers: int, queue_size: int, answerer: Answering | None = None) -> None:
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, queue_size)
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="answer")
        self.answerer: Loading[Answering] = Loading(answerer)
        self._in_flight = 0
        self._refused = 0  # questions turned away since the pool was last not full
        self._idle: asyncio.Event | None = None
        self._closing = False
        self._gave_up: asyncio.Event | None = None

    def use(self, answerer: Answering) -> None:
        """Answer with `answerer` from now on: the first one loaded, or a new one after a re-index
        (questions already in a worker finish with the old one)."""
        match_model_threads(self.workers)
        self.answerer.set(answerer)

    # ----- answering -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def in_flight(self) -> AsyncIterator[None]:
        """One question from arrival to reply sent; shutdown waits for these. Refused with
        Restarting once shutdown began, with Busy when the pool and its queue are full."""
        if self._closing:
            raise Restarting
        if self._in_flight >= self.capacity:
            if not self._refused:
                log.warning("Busy: %d questions in flight; refusing more until one is answered", self._in_flight)
            self._refused += 1
            raise Busy
        if self._refused:
            log.info("Taking questions again (%d refused while busy)", self._refused)
            self._refused = 0
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0 and self._idle is not None:
                self._idle.set()

    async def ask(self, question: str) -> Answer:
        """The answer from a worker thread; waits for the answerer while it loads. Raises Restarting
        when shutdown gave up waiting for it."""
        answerer = self.answerer.current or await self._until_shutdown(asyncio.ensure_future(self.answerer.get()))
        loop = asyncio.get_running_loop()
        return await self._until_shutdown(loop.run_in_executor(self._executor, answerer.ask, question))

    async def _until_shutdown(self, job: asyncio.Future[T]) -> T:
        if self._gave_up is None:
            self._gave_up = asyncio.Event()
        giving_up = asyncio.ensure_future(self._gave_up.wait())
        try:
            done, _ = await asyncio.wait({job, giving_up}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            giving_up.cancel()
        if job in done:
            return job.result()
        job.cancel()  # a wait for the answerer; a worker thread itself finishes on its own
        raise Restarting

    # ----- shutdown --------------------------------------------------------------------------

    async def drain(self, grace: float, notice_time: float = 2.0) -> int:
        """Stop taking questions; give those in flight `grace` seconds to be answered, then make
        the rest give up (their handlers send the "restarting" notice, within `notice_time`).
        Returns how many were still unanswered when the grace ran out."""
        self._closing = True
        self._idle = asyncio.Event()
        if self._in_flight == 0:
            self._idle.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), grace)
        left = self._in_flight
        if left:
            if self._gave_up is None:
                self._gave_up = asyncio.Event()
            self._gave_up.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), notice_time)
        return left

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
