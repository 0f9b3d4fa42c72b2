"""One question per user per BOT_COOLDOWN_SECONDS, shared by /ask, mentions and replies.

discord.py's own cooldowns are per command and fixed when the command is defined; this one is
read from the settings and also covers questions asked by message.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from discord import app_commands

PRUNE_AT = 10_000  # users remembered before expired windows are forgotten


class Cooldowns:
    """Remembers when each user last asked; `hit` says how long they still have to wait."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._last: dict[int, float] = {}
        self._warned: set[int] = set()

    def hit(self, user_id: int) -> float:
        """0.0 (starting a new window) if `user_id` may ask now, else the seconds left to wait."""
        now = self._clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        if len(self._last) >= PRUNE_AT:
            self._last = {user: at for user, at in self._last.items() if now - at < self.seconds}
            self._warned &= self._last.keys()
        self._last[user_id] = now
        self._warned.discard(user_id)
        return 0.0

    def first_warning(self, user_id: int) -> bool:
        """True once per window: a channel gets one "slow down" per user, not one per message."""
        if user_id in self._warned:
            return False
        self._warned.add(user_id)
        return True


class OnCooldown(app_commands.CheckFailure):
    """Raised by the /ask check; the tree's error handler turns it into a friendly ephemeral line."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"on cooldown for another {retry_after:.1f} s")
        self.retry_after = retry_after
