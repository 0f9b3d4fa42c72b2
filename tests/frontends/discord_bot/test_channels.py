"""Where and how the bot may speak: channel permissions read before replying, threads and forum posts
under answer channels, and a question edited within a minute answered again in place."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.frontends.discord_bot.answering import Answering
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import embed_of, quotes_in
from tests.frontends.discord_bot.test_messages import ONE_WORKER, all_handled, reply_to

EPISODES = "how many episodes are there?"
FORUM_ID = "1100000000000000022"


async def ask_by_mention(fake: FakeDiscord, question: str = EPISODES, **fields: object) -> dict:
    return await fake.post(f"<@{p.BOT_ID}> {question}", mentions=[p.BOT_USER], **fields)


async def test_without_embed_links_the_answer_is_plain_text(fake: FakeDiscord, state_dir: Path,
                                                            answerer: Answering) -> None:
    fake.channels[p.CHANNEL_ID]["permission_overwrites"] = [p.deny_bot(p.EMBED_LINKS)]
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await ask_by_mention(fake)
        answer = await fake.wait_for_call(reply_to(question))
    assert "embeds" not in answer.body or not answer.body["embeds"]
    content = answer.body["content"]
    assert "12 episodes" in content and "**Sources**\n[1]" in content and len(content) <= 2000
    assert answer.body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_without_read_message_history_the_answer_is_not_a_reply(fake: FakeDiscord, state_dir: Path,
                                                                      answerer: Answering) -> None:
    fake.channels[p.CHANNEL_ID]["permission_overwrites"] = [p.deny_bot(p.READ_MESSAGE_HISTORY)]
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        await ask_by_mention(fake)
        answer = await fake.wait_for_call(lambda c: c.method == "POST" and c.path.startswith("/channels/"))
    assert answer.status == 200 and "message_reference" not in answer.body
    assert quotes_in(embed_of(answer))


async def test_without_send_messages_the_bot_stays_silent_and_logs_once(
        fake: FakeDiscord, state_dir: Path, answerer: Answering, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.frontends.discord_bot")
    fake.channels[p.ANSWER_CHANNEL_ID]["permission_overwrites"] = [p.deny_bot(p.SEND_MESSAGES)]
    async with running_bot(fake, bot_settings(fake, state_dir, **ONE_WORKER), answerer):
        for question in (EPISODES, "who plays Nam On-jo?"):
            await ask_by_mention(fake, question, channel_id=p.ANSWER_CHANNEL_ID)
        await all_handled(fake)
    assert not fake.calls_to("POST", rf"/channels/{p.ANSWER_CHANNEL_ID}/messages")
    assert caplog.text.count(f"Not answering in channel {p.ANSWER_CHANNEL_ID}") == 1


async def test_threads_and_forum_posts_under_an_answer_channel_are_answered(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    fake.channels[FORUM_ID] = p.text_channel(FORUM_ID, "questions-forum", kind=15)
    settings = bot_settings(fake, state_dir, BOT_ANSWER_CHANNEL_IDS=f"{p.ANSWER_CHANNEL_ID},{FORUM_ID}")
    async with running_bot(fake, settings, answerer):
        thread = await fake.open_thread(p.ANSWER_CHANNEL_ID)
        post = await fake.open_thread(FORUM_ID, "Who plays On-jo?")
        in_thread = await fake.post(EPISODES, channel_id=thread["id"])
        in_post = await fake.post("who plays Nam On-jo?", channel_id=post["id"])
        answers = [await fake.wait_for_call(reply_to(m)) for m in (in_thread, in_post)]
    assert [a.path for a in answers] == [f"/channels/{thread['id']}/messages", f"/channels/{post['id']}/messages"]
    assert all(quotes_in(embed_of(a)) for a in answers)


async def test_a_thread_without_send_messages_in_threads_gets_no_reply(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    fake.channels[p.ANSWER_CHANNEL_ID]["permission_overwrites"] = [p.deny_bot(p.SEND_MESSAGES_IN_THREADS)]
    settings = bot_settings(fake, state_dir, BOT_ANSWER_CHANNEL_IDS=p.ANSWER_CHANNEL_ID, **ONE_WORKER)
    async with running_bot(fake, settings, answerer):
        thread = await fake.open_thread(p.ANSWER_CHANNEL_ID)
        await fake.post(EPISODES, channel_id=thread["id"])
        answered_in_channel = await fake.post(EPISODES, channel_id=p.ANSWER_CHANNEL_ID)
        await fake.wait_for_call(reply_to(answered_in_channel))
        await all_handled(fake)
    assert not fake.calls_to("POST", rf"/channels/{thread['id']}/messages")


async def test_an_edited_question_is_answered_again_by_editing_the_reply(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        question = await ask_by_mention(fake, "who plays Nam On-jo?")
        first = await fake.wait_for_call(reply_to(question))
        await fake.edit(question, f"<@{p.BOT_ID}> {EPISODES}")
        edit = await fake.wait_for_call(
            lambda c: c.method == "PATCH" and c.path == f"/channels/{p.CHANNEL_ID}/messages/{first.response['id']}")
    assert "12 episodes" in embed_of(edit)["description"]
    assert len(fake.calls_to("POST", rf"/channels/{p.CHANNEL_ID}/messages")) == 1


async def test_a_question_edited_after_a_minute_is_left_as_it_was_answered(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir, **ONE_WORKER), answerer):
        question = await ask_by_mention(fake, "who plays Nam On-jo?", age=90)
        await fake.wait_for_call(reply_to(question))
        await fake.edit(question, f"<@{p.BOT_ID}> {EPISODES}")
        await all_handled(fake)
    assert not [c for c in fake.calls if c.method == "PATCH"]
