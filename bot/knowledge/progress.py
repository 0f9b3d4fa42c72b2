"""Progress of a long index build, for the operator watching the log: silent when the build is quick.

`@reporting` wraps the build; inside it, `stage(...)` (from any module the build calls) says what
it is doing now and over how many items. A timer thread logs the current stage every `every`
seconds once the build has taken more than `after` seconds, so a build that is busy for minutes in
one stage (embedding a huge seed) still shows it is alive. Outside a build `stage` does nothing.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from types import TracebackType
from typing import ParamSpec, TypeVar

log = logging.getLogger("bot.knowledge.build")
P = ParamSpec("P")
T = TypeVar("T")


class Progress:
    """`with Progress() as progress: progress.stage("embedding", 1200, "passages")`."""

    def __init__(self, after: float = 3.0, every: float = 10.0) -> None:
        self.after, self.every = after, every
        self._stage = "starting"
        self._count: int | None = None
        self._unit = "paragraphs"
        self._started = time.monotonic()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._report, name="index-build-progress", daemon=True)

    def stage(self, name: str, count: int | None = None, unit: str = "paragraphs") -> None:
        """What the build is doing now, and over how many items."""
        self._stage, self._count, self._unit = name, count, unit

    def line(self) -> str:
        count = f" ({self._count} {self._unit})" if self._count is not None else ""
        return f"Building the index: {self._stage}{count}, {time.monotonic() - self._started:.0f} s so far"

    def _report(self) -> None:
        if self._done.wait(self.after):
            return
        log.info(self.line())
        while not self._done.wait(self.every):
            log.info(self.line())

    def __enter__(self) -> Progress:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._done.set()
        self._thread.join()


_current: ContextVar[Progress | None] = ContextVar("index_build_progress", default=None)


def stage(name: str, count: int | None = None, unit: str = "paragraphs") -> None:
    """Tell the build in progress (if any) what it is doing now."""
    progress = _current.get()
    if progress is not None:
        progress.stage(name, count, unit)


def reporting(build: Callable[P, T]) -> Callable[P, T]:
    """Report the progress of `build` while it runs (see the module's docstring)."""
    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with Progress() as progress:
            token = _current.set(progress)
            try:
                return build(*args, **kwargs)
            finally:
                _current.reset(token)
    return wrapper
