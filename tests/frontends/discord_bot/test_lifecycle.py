"""Shutdown loses nothing, buttons survive a restart, a new answerer slots in, shards split the work."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.runner import shut_down
from bot.frontends.discord_bot.services import facts_of
from bot.replies.discord import RESTARTING_MESSAGE
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord.harness import bot_settings, services_for
from tests.frontends.discord_bot.helpers import EPHEMERAL, Slow, embed_of, message_body, quotes_in

QUESTIONS = ["How many episodes are there?", "Who plays Nam On-jo?", "Who directed the series?"]


async def test_questions_in_flight_are_answered_before_the_bot_closes(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    settings = bot_settings(fake, state_dir, BOT_SHUTDOWN_GRACE_SECONDS="10")
    services = services_for(settings, Slow(answerer, 0.8))
    async with running_bot(fake, settings, services=services) as bot:
        records = [await fake.slash("ask", question=q, user_id=str(100 + i)) for i, q in enumerate(QUESTIONS)]
        await asyncio.wait_for(records[0].first, 3)  # deferred: they are in flight
        await shut_down(bot, services)
        assert bot.is_closed()
    assert all(r.final.done() and quotes_in(embed_of(r.final.result())) for r in records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_questions_still_unanswered_after_the_grace_are_told_the_bot_restarts(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_SHUTDOWN_GRACE_SECONDS="0.5")
    services = services_for(settings, Slow(answerer, 3.0))
    async with running_bot(fake, settings, services=services) as bot:
        records = [await fake.slash("ask", question=q, user_id=str(100 + i)) for i, q in enumerate(QUESTIONS)]
        await asyncio.gather(*(asyncio.wait_for(r.first, 3) for r in records))
        closing = asyncio.create_task(shut_down(bot, services))
        await asyncio.sleep(0)  # shutdown has begun: a new question is refused at once
        late = await fake.slash("ask", question="When was it released?")
        await closing
    for record in records:
        final = record.final.result()
        assert embed_of(final)["description"] == RESTARTING_MESSAGE and message_body(final)["flags"] & EPHEMERAL
    assert not late.first.done() or embed_of(late.final.result())["description"] == RESTARTING_MESSAGE


async def test_a_page_turned_after_a_restart_still_works(fake: FakeDiscord, state_dir: Path,
                                                         answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, answerer):
        first = await asyncio.wait_for((await fake.slash("ranking")).final, 10)
    message = first.response["resource"]["message"]
    async with running_bot(fake, settings, answerer):  # a new process: nothing remembered
        turned = await asyncio.wait_for((await fake.click(message, "Next")).final, 10)
        back = await asyncio.wait_for((await fake.click(turned.body["data"] and message, "Previous")).final, 10)
    assert turned.body["type"] == 7 and embed_of(turned)["footer"]["text"].startswith("Page 2/")
    assert embed_of(back)["footer"]["text"].startswith("Page 1/")
    buttons = [b["custom_id"] for row in message_body(turned)["components"] for b in row["components"]]
    assert all(b.startswith("pages:ranking:") for b in buttons)


async def test_a_page_turned_while_the_facts_load_is_taken_then_turned(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, answerer):
        first = await asyncio.wait_for((await fake.slash("ranking")).final, 10)
    message = first.response["resource"]["message"]
    services = services_for(settings, None)  # restarted; nothing loaded yet
    async with running_bot(fake, settings, services=services):
        click = await fake.click(message, "Next")
        taken = await asyncio.wait_for(click.first, 3)
        services.facts.set(facts_of(answerer))
        turned = await asyncio.wait_for(click.final, 10)
    assert taken.body == {"type": 6}  # "deferred update": the click is taken, the message unchanged
    assert turned.method == "PATCH" and embed_of(turned)["footer"]["text"].startswith("Page 2/")


async def test_a_new_answerer_slots_in_without_a_restart(fake: FakeDiscord, state_dir: Path,
                                                         answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    services = services_for(settings, Slow(answerer, 0.0))
    async with running_bot(fake, settings, services=services):
        services.answers.use(answerer)  # e.g. after a re-index
        final = await asyncio.wait_for((await fake.slash("ask", question=QUESTIONS[0])).final, 10)
    assert services.answers.answerer.current is answerer
    assert quotes_in(embed_of(final))


async def test_shards_split_between_processes(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_SHARD_COUNT="4", BOT_SHARD_IDS="1,3")
    async with running_bot(fake, settings, answerer) as bot:
        assert bot.shard_count == 4 and sorted(bot.shards) == [1, 3]
        final = await asyncio.wait_for((await fake.slash("ask", question=QUESTIONS[0])).final, 10)
    assert [payload["shard"] for payload in fake.identify_payloads] == [[1, 4], [3, 4]]
    assert quotes_in(embed_of(final))
