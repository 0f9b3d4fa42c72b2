"""A value that is loaded in the background while the bot already connects (issue: the gateway opens
while the index loads), and may be replaced later (a new answerer after a re-index)."""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

T = TypeVar("T")


class Unavailable(Exception):
    """Loading failed; the log says why."""


class Loading(Generic[T]):
    """`await get()` waits for the value; `set` provides (or replaces) it, `fail` reports a failed load."""

    def __init__(self, value: T | None = None) -> None:
        self._value = value
        self._error: BaseException | None = None
        self._changed: asyncio.Event | None = None

    @property
    def ready(self) -> bool:
        return self._value is not None

    @property
    def current(self) -> T | None:
        return self._value

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def set(self, value: T) -> None:
        self._value = value
        if self._changed is not None:
            self._changed.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        if self._changed is not None:
            self._changed.set()

    async def get(self) -> T:
        while self._value is None:
            if self._error is not None:
                raise Unavailable(str(self._error)) from self._error
            await self._event().wait()
        return self._value
