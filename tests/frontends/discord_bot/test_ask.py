"""/ask end to end: the real bot and the real answerer against the fake Discord."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.answers.model import Outcome
from bot.frontends.discord_bot.answering import Answering
from bot.replies.discord import EMBEDS_TOTAL_LIMIT, ERROR_MESSAGE, embed_length
from bot.replies.wording import citation_line, no_answer_message
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord.harness import bot_settings, services_for
from tests.frontends.discord_bot.helpers import (
    EPHEMERAL,
    Broken,
    Slow,
    embed_of,
    message_body,
    quotes_in,
    seed_texts,
    unescape,
)

EPISODES = "How many episodes does All of Us Are Dead have?"


async def test_ask_is_answered_with_verbatim_quotes_and_numbered_citations(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=EPISODES)
        final = await asyncio.wait_for(record.final, 10)

    assert final is await record.first  # answered at once: no "thinking…" for a quick answer
    assert final.body["type"] == 4
    assert not (message_body(final).get("flags") or 0) & EPHEMERAL
    embed = embed_of(final)
    quotes = quotes_in(embed)
    seeds = seed_texts()
    assert quotes and all(part.strip() in seeds for text, _ in quotes for part in text.split("…"))
    assert any("12 episodes" in text for text, _ in quotes)
    numbers = sorted({n for _, n in quotes})
    assert numbers == list(range(1, len(numbers) + 1))
    sources = embed["fields"][0]
    assert sources["name"] == "Sources"
    expected = [citation_line(n, q.label, q.date) for n, q in enumerate(answerer.ask(EPISODES).sources(), 1)]
    assert unescape(sources["value"]).splitlines() == expected[: len(numbers)]


async def test_private_ask_is_ephemeral(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=EPISODES, private=True)
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL


async def test_a_question_the_articles_do_not_answer_gets_a_clear_line(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    question = "What is the recipe for kimchi stew?"
    assert answerer.ask(question).outcome is Outcome.NOT_IN_ARTICLES
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=question)
        final = await asyncio.wait_for(record.final, 10)
    assert embed_of(final)["description"] == no_answer_message(answerer.ask(question))


async def test_a_slow_answer_is_deferred_within_3_s_of_discords_clock_then_edited_in(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    """The interaction was created 1.5 s before it reached the bot: 1 s is left to defer, not 1.5 s."""
    async with running_bot(fake, bot_settings(fake, state_dir), Slow(answerer, 1.4)):
        record = await fake.slash("ask", question=EPISODES, private=True, age=1.5)
        first = await asyncio.wait_for(record.first, 3)
        final = await asyncio.wait_for(record.final, 10)

    assert first.body == {"type": 5, "data": {"flags": EPHEMERAL}}  # "thinking…", only for the asker
    assert first.at - record.sent_at < 3 - 1.5
    assert final.method == "PATCH" and final.path.endswith("/messages/@original")
    assert any("12 episodes" in text for text, _ in quotes_in(embed_of(final)))


async def test_an_interaction_past_its_3_s_window_is_logged_and_skipped(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.frontends.discord_bot")
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        late = await fake.slash("ask", question=EPISODES, age=3.5)
        on_time = await fake.slash("ask", question=EPISODES)
        await asyncio.wait_for(on_time.final, 10)
    assert not late.calls
    assert f"Skipping interaction {late.payload['id']}" in caplog.text


async def test_everyone_and_role_mentions_in_a_question_ping_nobody(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    question = "@everyone @here <@&1100000000000000002> <@1100000000000000100> ||how|| many `episodes`?"
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=question)
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in str(final.body) and "<@" not in str(final.body)  # the question is not echoed


async def test_a_6000_character_question_stays_within_discord_limits(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    question = ("Who plays Nam On-jo and how many episodes are there? " * 200)[:6000]
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ask", question=question)
        final = await asyncio.wait_for(record.final, 10)
    embed = embed_of(final)
    assert 0 < embed_length(embed) <= EMBEDS_TOTAL_LIMIT
    assert final.status == 200


async def test_a_failing_command_tells_the_user_privately_and_logs_the_traceback(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="bot.frontends.discord_bot")
    async with running_bot(fake, bot_settings(fake, state_dir), Broken(answerer)):
        record = await fake.slash("ask", question=EPISODES)
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL
    assert embed_of(final)["description"] == ERROR_MESSAGE
    failure = next(r for r in caplog.records if r.name == "bot.frontends.discord_bot.questions")
    assert failure.exc_info and "the index exploded" in caplog.text and "Traceback" in caplog.text


async def test_a_failure_after_deferring_replaces_the_public_thinking_message_with_a_private_one(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), Broken(answerer, 1.2)):
        record = await fake.slash("ask", question=EPISODES, age=1.5)
        final = await asyncio.wait_for(record.final, 10)
    first = await record.first
    assert first.body == {"type": 5}
    assert [c.method for c in record.calls] == ["POST", "DELETE", "POST"]
    assert final.body["flags"] & EPHEMERAL and embed_of(final)["description"] == ERROR_MESSAGE


async def test_a_question_asked_while_the_answerer_loads_is_deferred_then_answered(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    services = services_for(settings, None)  # connected, nothing loaded yet
    async with running_bot(fake, settings, services=services):
        record = await fake.slash("ask", question=EPISODES)
        first = await asyncio.wait_for(record.first, 3)
        services.answers.use(answerer)
        final = await asyncio.wait_for(record.final, 10)
    assert first.body == {"type": 5}
    assert any("12 episodes" in text for text, _ in quotes_in(embed_of(final)))
