"""/sources (paged when long) and /help, end to end."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.frontends.discord_bot.answering import Answering
from tests.fake_discord import FakeDiscord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings, services_for
from tests.frontends.discord_bot.helpers import EPHEMERAL, embed_of, many_articles, message_body, unescape


async def test_sources_lists_every_article_privately(fake: FakeDiscord, state_dir: Path,
                                                     answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("sources")
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL
    lines = unescape(embed_of(final)["description"]).splitlines()
    assert [line.split("]")[0] for line in lines] == [f"[{n}" for n in range(1, len(answerer.articles) + 1)]
    assert all(a.label in line for a, line in zip(answerer.articles, lines, strict=True))
    assert not message_body(final).get("components")


async def test_many_sources_are_paged_with_buttons_only_the_asker_can_use(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir)
    async with running_bot(fake, settings, services=services_for(settings, answerer, many_articles(answerer, 5))):
        record = await fake.slash("sources")
        first = await asyncio.wait_for(record.final, 10)
        message = first.response["resource"]["message"]
        turned = await fake.click(message, "Next")
        second = await asyncio.wait_for(turned.final, 10)
        stranger = await fake.click(message, "Next", user_id=str(int(p.FAN_ID) + 7))
        refused = await asyncio.wait_for(stranger.final, 10)
    assert embed_of(first)["footer"]["text"] == "Page 1/3"
    buttons = message_body(first)["components"][0]["components"]
    assert [(b["label"], b.get("disabled", False)) for b in buttons] == [("Previous", True), ("Next", False)]
    assert second.body["type"] == 7 and embed_of(second)["footer"]["text"] == "Page 2/3"
    assert unescape(embed_of(second)["description"]).startswith("[11] ")
    assert refused.body["type"] == 4 and refused.body["data"]["flags"] & EPHEMERAL


async def test_help_lists_the_commands_and_the_mention(fake: FakeDiscord, state_dir: Path,
                                                       answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("help")
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL
    description = embed_of(final)["description"]
    assert all(f"`/{name}`" in description for name in ("ask", "sources", "help"))
    assert f"<@{p.BOT_ID}>" in description
