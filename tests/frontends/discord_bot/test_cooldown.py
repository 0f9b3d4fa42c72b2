"""The per-user cooldown: one question per window, one warning per window."""

from __future__ import annotations

from bot.frontends.discord_bot.cooldown import Cooldowns


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_one_question_per_user_per_window() -> None:
    clock = Clock()
    cooldowns = Cooldowns(10, clock)
    assert cooldowns.hit(1) == 0.0
    clock.now += 4
    assert cooldowns.hit(1) == 6.0
    assert cooldowns.hit(2) == 0.0  # others are not held up
    clock.now += 6
    assert cooldowns.hit(1) == 0.0


def test_one_warning_per_window() -> None:
    clock = Clock()
    cooldowns = Cooldowns(10, clock)
    cooldowns.hit(1)
    assert cooldowns.hit(1) > 0 and cooldowns.first_warning(1)
    assert cooldowns.hit(1) > 0 and not cooldowns.first_warning(1)
    clock.now += 10
    assert cooldowns.hit(1) == 0.0
    assert cooldowns.hit(1) > 0 and cooldowns.first_warning(1)


def test_zero_seconds_means_no_cooldown() -> None:
    cooldowns = Cooldowns(0, Clock())
    assert cooldowns.hit(1) == cooldowns.hit(1) == 0.0
