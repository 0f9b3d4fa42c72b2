"""Questions asked by message (mentions, replies, DMs, answer channels), end to end."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.frontends.discord_bot.answering import Answering
from bot.replies.wording import ASK_ME
from tests.fake_discord import Call, FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import embed_of, quotes_in

EPISODES = "how many episodes are there?"
MESSAGE_CONTENT = 1 << 15
ONE_WORKER = {"BOT_ANSWER_WORKERS": "1"}  # questions are answered in the order they came


async def all_handled(fake: FakeDiscord, channel_id: str = p.CHANNEL_ID) -> None:
    """Wait until the bot has dealt with every message posted so far: with one answer worker, the
    answer to a question posted now comes after everything before it (instead of a fixed sleep)."""
    marker = await fake.post(f"<@{p.BOT_ID}> who plays Nam On-jo?", mentions=[p.BOT_USER], channel_id=channel_id,
                             author=p.fan(str(int(p.FAN_ID) + 99)))
    await fake.wait_for_call(reply_to(marker))


def reply_to(message: dict) -> object:
    """A predicate: the bot's message replying to `message`."""
    def matches(call: Call) -> bool:
        reference = call.body.get("message_reference") or {} if isinstance(call.body, dict) else {}
        return (call.method == "POST" and call.status == 200
                and str(reference.get("message_id")) == message["id"])
    return matches


async def test_a_mention_is_answered_in_place_without_the_message_content_intent(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await fake.post(f"<@{p.BOT_ID}> {EPISODES}", mentions=[p.BOT_USER])
        answer = await fake.wait_for_call(reply_to(question))
    identify_intents = fake.identify_payloads[0]["intents"]
    assert not identify_intents & MESSAGE_CONTENT
    assert answer.path == f"/channels/{p.CHANNEL_ID}/messages"
    assert answer.body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert answer.body["message_reference"]["fail_if_not_exists"] is False
    assert any("12 episodes" in text for text, _ in quotes_in(embed_of(answer)))


async def test_a_mention_of_the_bots_role_counts_too(fake: FakeDiscord, state_dir: Path,
                                                     answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await fake.post(f"<@&{p.BOT_ROLE_ID}> {EPISODES}", mention_roles=[p.BOT_ROLE_ID])
        answer = await fake.wait_for_call(reply_to(question))
    assert quotes_in(embed_of(answer))


async def test_a_bare_mention_gets_the_ask_me_line(fake: FakeDiscord, state_dir: Path,
                                                   answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await fake.post(f"<@{p.BOT_ID}>", mentions=[p.BOT_USER])
        answer = await fake.wait_for_call(reply_to(question))
    assert ASK_ME in embed_of(answer)["description"]


async def test_a_reply_to_the_bot_is_answered_and_other_messages_are_ignored(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir, **ONE_WORKER), answerer):
        first = await fake.post(f"<@{p.BOT_ID}> {EPISODES}", mentions=[p.BOT_USER])
        bots_answer = (await fake.wait_for_call(reply_to(first))).response
        chatter = await fake.post("who plays Nam On-jo?")  # not addressed to the bot
        unreadable = await fake.post("", referenced=bots_answer)  # a reply without the ping, no intent
        follow_up = await fake.post("and who directed it?", referenced=bots_answer, mentions=[p.BOT_USER])
        answer = await fake.wait_for_call(reply_to(follow_up))
        await all_handled(fake)
    assert str(answer.body["message_reference"]["message_id"]) == follow_up["id"]
    assert not any(reply_to(chatter)(c) or reply_to(unreadable)(c) for c in fake.calls)


async def test_a_question_with_everyone_in_a_mention_pings_nobody(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await fake.post(f"@everyone <@{p.BOT_ID}> <@&{p.GUILD_ID}> {EPISODES}",
                                   mentions=[p.BOT_USER], mention_roles=[p.GUILD_ID])
        answer = await fake.wait_for_call(reply_to(question))
    assert answer.body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert "@everyone" not in str(answer.body)


async def test_a_direct_message_is_answered(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    channel_id = p.snowflake()
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await fake.post(EPISODES, channel_id=channel_id, guild=False)
        answer = await fake.wait_for_call(reply_to(question))
    assert answer.path == f"/channels/{channel_id}/messages"


async def test_answer_channels_get_every_question_answered_but_not_chatter(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_ANSWER_CHANNEL_IDS=p.ANSWER_CHANNEL_ID, **ONE_WORKER)
    async with running_bot(fake, settings, answerer):
        chatter = await fake.post("thanks!!", channel_id=p.ANSWER_CHANNEL_ID)
        elsewhere = await fake.post(EPISODES, channel_id=p.CHANNEL_ID)
        question = await fake.post(EPISODES, channel_id=p.ANSWER_CHANNEL_ID)
        answer = await fake.wait_for_call(reply_to(question))
        await all_handled(fake, p.ANSWER_CHANNEL_ID)
    assert fake.identify_payloads[0]["intents"] & MESSAGE_CONTENT
    assert quotes_in(embed_of(answer))
    assert not any(reply_to(chatter)(c) or reply_to(elsewhere)(c) for c in fake.calls)


async def test_a_flood_of_mentions_gets_one_slow_down_notice(fake: FakeDiscord, state_dir: Path,
                                                            answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_QUESTION_BURST="1", BOT_QUESTION_REFILL_SECONDS="60", **ONE_WORKER)
    asked = [EPISODES, "who plays Nam On-jo?", "who directed it?", "when was it released?"]
    async with running_bot(fake, settings, answerer):
        questions = [await fake.post(f"<@{p.BOT_ID}> {q}", mentions=[p.BOT_USER]) for q in asked]
        await fake.wait_for_call(reply_to(questions[0]))
        notice = await fake.wait_for_call(reply_to(questions[1]))
        await all_handled(fake)
    assert "ask again in" in embed_of(notice)["description"]
    assert not any(reply_to(q)(c) for q in questions[2:] for c in fake.calls)


async def test_chatter_in_an_answer_channel_costs_nothing(fake: FakeDiscord, state_dir: Path,
                                                         answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_ANSWER_CHANNEL_IDS=p.ANSWER_CHANNEL_ID, BOT_QUESTION_BURST="1",
                            BOT_QUESTION_REFILL_SECONDS="60")
    async with running_bot(fake, settings, answerer):
        for chatter in ("thanks!!", "lol", "😂😂"):
            await fake.post(chatter, channel_id=p.ANSWER_CHANNEL_ID)
        question = await fake.post(EPISODES, channel_id=p.ANSWER_CHANNEL_ID)
        answer = await fake.wait_for_call(reply_to(question))
    assert quotes_in(embed_of(answer))


async def test_a_refused_reply_is_logged_and_the_bot_keeps_answering(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.frontends.discord_bot")
    fake.fail("POST", rf"/channels/{p.CHANNEL_ID}/messages", 403)
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        refused = await fake.post(f"<@{p.BOT_ID}> {EPISODES}", mentions=[p.BOT_USER])
        await fake.wait_for_call(lambda c: c.status == 403)
        question = await fake.post(f"<@{p.BOT_ID}> {EPISODES}", mentions=[p.BOT_USER])
        await fake.wait_for_call(reply_to(question))
    assert f"Could not reply to message {refused['id']}" in caplog.text
