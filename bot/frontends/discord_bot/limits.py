"""Limits that fit people: a per-user token bucket for questions and an anti-flood guard above it.

Both are discord.py's own cooldown machinery: `commands.CooldownMapping` keeps one bucket per user
(and forgets idle ones); the flood guard is a plain `app_commands.Cooldown` window, and the question
bucket a `Cooldown` that refills one token at a time instead of all at once at the end of a window.
A refund is discord.py's `update_rate_limit(tokens=-1)`. Look-ups (/cast, /ranking, /sources, page
buttons) never pass through here; only what reaches the answerer is charged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum

from discord import app_commands
from discord.ext import commands


class TokenBucket(app_commands.Cooldown):
    """`rate` tokens at most; one comes back every `per / rate` seconds (not all at once after `per`).

    `per` stays the time to refill from empty, so CooldownMapping forgets a bucket only once it is full.
    """

    __slots__ = ("last_question", "warned")

    def __init__(self, rate: float, per: float) -> None:
        super().__init__(rate, per)
        self.last_question: str | None = None
        self.warned = False  # a "slow down" was sent since the last question let through

    def _refilled(self, current: float) -> float:
        if not self._last:
            return float(self.rate)
        return min(float(self.rate), max(self._tokens, 0) + (current - self._last) * self.rate / self.per)

    def get_tokens(self, current: float | None = None) -> int:
        return int(self._refilled(current or time.time()))

    def get_retry_after(self, current: float | None = None) -> float:
        current = current or time.time()
        return max(0.0, (1 - self._refilled(current)) * self.per / self.rate)

    def update_rate_limit(self, current: float | None = None, *, tokens: int = 1) -> float | None:
        current = current or time.time()
        available = self._refilled(current)
        if tokens > 0 and available < tokens:
            return (tokens - available) * self.per / self.rate
        self._tokens = min(float(self.rate), available - tokens)  # type: ignore[assignment]
        self._last = current
        return None


class Verdict(Enum):
    ANSWER = "answer"  # charged: go ahead
    REPEAT = "repeat"  # the same question again, just asked: not answered twice, not charged
    SLOW_DOWN = "slow_down"  # refused; tell the user once
    QUIET = "quiet"  # refused; already told


@dataclass(frozen=True)
class Admission:
    verdict: Verdict
    retry_after: float = 0.0


def _same(a: str, b: str | None) -> bool:
    return b is not None and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _by_user(user_id: int) -> int:
    return user_id


class Limits:
    """Who may ask now. `admit` before answering, `refund` when the answer cost nothing or failed."""

    def __init__(self, burst: int, refill_seconds: float, flood_count: int, flood_seconds: float) -> None:
        self.enabled = burst > 0
        self._buckets: commands.CooldownMapping[int] = commands.CooldownMapping(
            TokenBucket(max(burst, 1), max(burst, 1) * refill_seconds), _by_user)
        self._flood: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            flood_count, flood_seconds, _by_user)

    def admit(self, user_id: int, question: str, now: float | None = None) -> Admission:
        """Count one question attempt of `user_id`: the flood guard sees every attempt, the bucket
        only those let through; an identical question right after the last one is not charged."""
        if not self.enabled:
            return Admission(Verdict.ANSWER)
        now = now or time.time()
        bucket = self._buckets.get_bucket(user_id, now)
        assert isinstance(bucket, TokenBucket)
        flooding = self._flood.update_rate_limit(user_id, now)
        wait = flooding or (None if _same(question, bucket.last_question) else bucket.update_rate_limit(now))
        if wait is not None:
            if bucket.warned:
                return Admission(Verdict.QUIET, wait)
            bucket.warned = True
            return Admission(Verdict.SLOW_DOWN, wait)
        if _same(question, bucket.last_question):
            return Admission(Verdict.REPEAT)
        bucket.last_question, bucket.warned = question, False
        return Admission(Verdict.ANSWER)

    def refund(self, user_id: int, now: float | None = None) -> None:
        """Give back the token of a question that was not answered (failure, busy, not a question),
        and forget it, so asking it again is not taken for a repeat."""
        if not self.enabled:
            return
        now = now or time.time()
        bucket = self._buckets.get_bucket(user_id, now)
        assert isinstance(bucket, TokenBucket)
        bucket.update_rate_limit(now, tokens=-1)
        bucket.last_question = None
