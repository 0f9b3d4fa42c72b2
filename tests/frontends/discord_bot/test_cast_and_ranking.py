"""/cast, /cast name:…, its autocomplete, and /ranking (paged) end to end, against the fake Discord."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from bot.frontends.discord_bot.client import Answering
from bot.replies.discord import ERROR_MESSAGE, SPOILER_FOOTER
from tests.fake_discord import FakeDiscord, InteractionRecord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings
from tests.frontends.discord_bot.helpers import EPHEMERAL, ManyArticles, embed_of, message_body, seed_texts, unescape

PAIRS = [("Park Ji-hu", "Nam On-jo"), ("Yoon Chan-young", "Lee Cheong-san"), ("Cho Yi-hyun", "Choi Nam-ra"),
         ("Lomon", "Lee Su-hyeok"), ("Lim Jae-hyeok", "Yang Dae-su"), ("Yoo In-soo", "Yoon Gwi-nam"),
         ("Lee You-mi", "Lee Na-yeon")]
_QUOTE = re.compile(r"^> (?P<spoiler>\|\|)?“(?P<text>.*)”(?:\|\|)? \[\d+\]$")


async def cast_named(fake: FakeDiscord, name: str, *, kind: int = 2) -> InteractionRecord:
    """/cast with its `name` option (FakeDiscord.slash takes `name` for the command's own name); kind 4
    is the autocomplete Discord sends while the option is being typed."""
    command_id = next(c["id"] for c in fake.commands["global"] if c["name"] == "cast")
    payload = p.command_interaction("cast", {"name": name}, command_id)
    if kind == 4:
        payload["type"] = 4
        payload["data"]["options"][0]["focused"] = True
    return await fake.interact(payload)


def quotes_of(embed: dict[str, Any]) -> list[tuple[str, bool]]:
    """(text as Discord shows it, hidden as a spoiler) for every quote line of an embed."""
    return [(unescape(m["text"]), bool(m["spoiler"])) for line in embed["description"].splitlines()
            if (m := _QUOTE.match(line))]


async def test_cast_lists_every_pair_and_the_crew_publicly(fake: FakeDiscord, state_dir: Path,
                                                           answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("cast")
        final = await asyncio.wait_for(record.final, 10)
    assert final.body["type"] == 4 and not (message_body(final).get("flags") or 0) & EPHEMERAL
    embed = embed_of(final)
    description = unescape(embed["description"])
    for actor, character in PAIRS:
        assert re.search(rf"\*\*{actor}\*\* as \*\*{character}\*\* \[\d\]", description), actor
    assert "(also written Park Ji-hoo, Park Ji-Hu)" in description
    assert "Created by (the articles differ):" in description
    assert embed["fields"][0]["name"] == "Sources"
    assert not message_body(final).get("components")  # one page: no buttons


async def test_cast_with_a_name_answers_for_that_person_with_verbatim_quotes(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await cast_named(fake, "park ji hoo")
        final = await asyncio.wait_for(record.final, 10)
    embed = embed_of(final)
    assert embed["title"] == "Park Ji-hu"
    assert unescape(embed["description"]).startswith("Plays Nam On-jo [1]")
    seeds = seed_texts()
    quotes = quotes_of(embed)
    assert len(quotes) == 4 and all(text in seeds for text, _ in quotes)


async def test_cast_of_a_character_hides_spoilers(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await cast_named(fake, "Chung-San")
        final = await asyncio.wait_for(record.final, 10)
    embed = embed_of(final)
    assert embed["title"] == "Lee Cheong-san"
    quotes = quotes_of(embed)
    assert [spoiler for _, spoiler in quotes] == [False, True, True]
    assert SPOILER_FOOTER in embed["footer"]["text"]


async def test_an_unknown_name_gets_a_private_hint(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await cast_named(fake, "Gong Yoo @everyone")
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL
    assert "Closest names:" in embed_of(final)["description"]
    assert "@\u200beveryone" in embed_of(final)["description"]


async def test_autocomplete_offers_names_in_every_spelling(fake: FakeDiscord, state_dir: Path,
                                                           answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await cast_named(fake, "chung", kind=4)
        first = await asyncio.wait_for(record.first, 10)
    assert first.body["type"] == 8
    choices = first.body["data"]["choices"]
    assert choices[0] == {"name": "Chung-San = Lee Cheong-san — played by Yoon Chan-young", "value": "Lee Cheong-san"}
    assert len(choices) <= 25


async def test_ranking_is_paged_with_buttons_and_quotes_verbatim(fake: FakeDiscord, state_dir: Path,
                                                                 answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), answerer):
        record = await fake.slash("ranking")
        first = await asyncio.wait_for(record.final, 10)
        message = first.response["resource"]["message"]
        turned = await fake.click(message, "Next")
        second = await asyncio.wait_for(turned.final, 10)
    page_one, page_two = embed_of(first), embed_of(second)
    total = int(re.match(r"Page 1/(\d+)", page_one["footer"]["text"]).group(1))
    assert total > 1 and page_two["footer"]["text"].startswith(f"Page 2/{total}")
    buttons = message_body(first)["components"][0]["components"]
    assert [(b["label"], b.get("disabled", False)) for b in buttons] == [("Previous", True), ("Next", False)]
    assert second.body["type"] == 7
    assert unescape(page_one["description"]).startswith("**679 points**: FlixPatrol points at its premiere")
    seeds = seed_texts()
    quotes = quotes_of(page_one) + quotes_of(page_two)
    assert quotes and all(text in seeds for text, _ in quotes)


async def test_an_answerer_without_facts_gets_a_friendly_error(fake: FakeDiscord, state_dir: Path,
                                                               answerer: Answering) -> None:
    async with running_bot(fake, bot_settings(fake, state_dir), ManyArticles(answerer, 1)):
        record = await fake.slash("ranking")
        final = await asyncio.wait_for(record.final, 10)
    assert message_body(final)["flags"] & EPHEMERAL
    assert embed_of(final)["description"] == ERROR_MESSAGE


async def test_looking_up_the_cast_does_not_hold_up_a_question(fake: FakeDiscord, state_dir: Path,
                                                               answerer: Answering) -> None:
    """Questions and look-ups have cooldowns of their own: /cast then /ask both answer, /ranking waits."""
    async with running_bot(fake, bot_settings(fake, state_dir, BOT_COOLDOWN_SECONDS="30"), answerer):
        await asyncio.wait_for((await fake.slash("cast")).final, 10)
        asked = await asyncio.wait_for((await fake.slash("ask", question="How many episodes are there?")).final, 10)
        refused = await asyncio.wait_for((await fake.slash("ranking")).final, 10)
    assert "12 episodes" in embed_of(asked)["description"]
    assert message_body(refused)["flags"] & EPHEMERAL
    assert "ask again in 30 s" in embed_of(refused)["description"]
