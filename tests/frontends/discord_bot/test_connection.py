"""Faults between the bot and Discord: a dropped gateway, REST 429s and 5xxs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.frontends.discord_bot.answering import Answering
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import embed_of, quotes_in

EPISODES = "How many episodes are there?"
IDENTIFY, RESUME = 2, 6


async def test_login_ready_and_the_urls_from_the_settings(fake: FakeDiscord, state_dir: Path,
                                                         answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer) as bot:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        assert bot.user is not None and str(bot.user.id) == p.BOT_ID
        assert bot.application_id == int(p.APPLICATION_ID)
        assert [g.id for g in bot.guilds] == [int(p.GUILD_ID)]
    login = [(c.method, c.path) for c in fake.calls[:2]]
    assert login == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
    assert fake.gateway_paths == ["/gateway"]
    assert fake.gateway_ops.count(IDENTIFY) == 1


async def test_the_bot_resumes_after_the_gateway_drops_and_answers_what_it_missed(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        before = await fake.slash("ask", question=EPISODES)
        await asyncio.wait_for(before.final, 10)
        await fake.drop_connection()
        missed = await fake.slash("ask", question=EPISODES)  # sent while the bot is away
        await asyncio.wait_for(fake.connected.wait(), 15)
        after = await fake.slash("ask", question=EPISODES)
        answers = [await asyncio.wait_for(r.final, 10) for r in (missed, after)]
    assert fake.gateway_paths == ["/gateway", "/resume-gateway"]  # READY's resume_gateway_url
    assert fake.gateway_ops.count(IDENTIFY) == 1 and fake.gateway_ops.count(RESUME) == 1
    assert all(quotes_in(embed_of(a)) for a in answers)


async def test_a_429_on_the_reply_is_waited_out_and_retried(fake: FakeDiscord, state_dir: Path,
                                                            answerer: Answering) -> None:
    fake.fail("POST", r"/interactions/\d+/[^/]+/callback", 429, retry_after=0.2)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=EPISODES)
        final = await asyncio.wait_for(record.final, 10)
    assert [c.status for c in record.calls] == [429, 200]
    assert final.at - record.calls[0].at >= 0.2
    assert quotes_in(embed_of(final))


async def test_a_500_on_a_mention_reply_is_retried(fake: FakeDiscord, state_dir: Path,
                                                   answerer: Answering) -> None:
    fake.fail("POST", rf"/channels/{p.CHANNEL_ID}/messages", 500)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        await fake.post(f"<@{p.BOT_ID}> {EPISODES}", mentions=[p.BOT_USER])
        answer = await fake.wait_for_call(lambda c: c.path.startswith("/channels/") and c.status == 200)
    statuses = [c.status for c in fake.calls_to("POST", rf"/channels/{p.CHANNEL_ID}/messages")]
    assert statuses == [500, 200]
    assert quotes_in(embed_of(answer))


async def test_a_500_on_the_interaction_reply_is_retried(fake: FakeDiscord, state_dir: Path,
                                                         answerer: Answering) -> None:
    fake.fail("POST", r"/interactions/\d+/[^/]+/callback", 502)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=EPISODES)
        final = await asyncio.wait_for(record.final, 10)
    assert [c.status for c in record.calls] == [502, 200]
    assert quotes_in(embed_of(final))


async def test_an_interaction_discord_no_longer_takes_is_one_warning_and_the_next_is_answered(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    fake.fail("POST", r"/interactions/\d+/[^/]+/callback", 404)  # Unknown interaction: past its 3 s
    caplog.set_level(logging.INFO)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        lapsed = await fake.slash("ask", question=EPISODES)
        await fake.wait_for_call(lambda c: c.status == 404)
        record = await fake.slash("ask", question="Who plays Nam On-jo?")
        final = await asyncio.wait_for(record.final, 10)
    assert [c.status for c in lapsed.calls] == [404]  # nothing more sent where nobody can read it
    assert quotes_in(embed_of(final))
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith(f"Could not reply to user {p.FAN_ID}: ")
