"""Discord's clock, as the bot reads it from an interaction's `created_at` (its snowflake)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import discord

from bot.frontends.discord_bot.respond import DEFER_AFTER, defer_budget, token_expired, too_late


def created(seconds_ago: float) -> discord.Interaction:
    """Just what the deadline helpers read from an interaction."""
    at = discord.utils.utcnow() - timedelta(seconds=seconds_ago)
    return SimpleNamespace(id=1, created_at=at)  # type: ignore[return-value]


def test_the_defer_budget_shrinks_with_the_time_the_interaction_took_to_arrive() -> None:
    assert abs(defer_budget(created(0)) - DEFER_AFTER) < 0.05
    assert abs(defer_budget(created(1.5)) - 1.0) < 0.05  # 3 s window, half a second kept for the network
    assert defer_budget(created(2.8)) == 0.0


def test_late_interactions_and_expired_tokens() -> None:
    assert not too_late(created(2.0)) and too_late(created(3.5))
    assert not token_expired(created(14 * 60)) and token_expired(created(15 * 60 + 1))
