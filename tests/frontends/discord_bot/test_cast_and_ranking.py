"""/cast, /cast name:…, its autocomplete, and /ranking (paged) end to end, against the fake Discord."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.services import facts_of
from bot.replies.discord import SPOILER_FOOTER
from tests.fake_discord import FakeDiscord, InteractionRecord, running_bot
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings, services_for
from tests.frontends.discord_bot.helpers import EPHEMERAL, embed_of, message_body, seed_texts, unescape

PAIRS = [("Park Ji-hu", "Nam On-jo"), ("Yoon Chan-young", "Lee Cheong-san"), ("Cho Yi-hyun", "Choi Nam-ra"),
         ("Lomon", "Lee Su-hyeok"), ("Lim Jae-hyeok", "Yang Dae-su"), ("Yoo In-soo", "Yoon Gwi-nam"),
         ("Lee You-mi", "Lee Na-yeon")]
_QUOTE = re.compile(r"^> (?P<spoiler>\|\|)?“(?P<text>.*)”(?:\|\|)? \[\d+\]$")


async def cast_named(fake: FakeDiscord, name: str, *, kind: int = 2) -> InteractionRecord:
    """/cast with its `name` option (FakeDiscord.slash takes `name` for the command's own name); kind 4
    is the autocomplete Discord sends while the option is being typed."""
    command_id = next((c["id"] for c in fake.commands.get("global", []) if c["name"] == "cast"), p.snowflake())
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
    assert "(also written Park Ji-hoo)" in description  # not Park Ji-Hu: capitals alone are no spelling
    assert "Created by (the articles differ):" in description
    assert re.search(r"Original webtoon by: Joo Dong-Geun .*\n> “[^”]*webtoon Now at Our School", description)
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
    headline = unescape(page_one["description"]).splitlines()
    assert [line.split(":**")[0] for line in headline] == [
        "**Hours viewed", "**Countries at No. 1", "**Days to No. 1", "**Rank"]
    assert headline[0].startswith("**Hours viewed:** more than 124 million hours") and headline[0].endswith("]")
    assert unescape(page_two["description"]).startswith("**679 points**: FlixPatrol points at its premiere")
    seeds = seed_texts()
    quotes = quotes_of(page_two)
    assert quotes and all(text in seeds for text, _ in quotes)


async def test_look_ups_answer_while_the_model_loads_and_wait_for_the_facts(
        fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    """/cast needs the stored facts only: with them loaded and no answerer it answers at once; before
    the facts are there it defers, then answers."""
    settings = bot_settings(fake, state_dir)
    services = services_for(settings, None)
    async with running_bot(fake, settings, services=services):
        waiting = await fake.slash("ranking")
        deferred = await asyncio.wait_for(waiting.first, 3)
        services.facts.set(facts_of(answerer))
        ranking = await asyncio.wait_for(waiting.final, 10)
        cast = await asyncio.wait_for((await fake.slash("cast")).final, 10)
    assert deferred.body == {"type": 5}
    assert ranking.method == "PATCH" and embed_of(ranking)["title"].endswith("in figures")
    assert cast.body["type"] == 4 and not services.answers.answerer.ready


async def test_look_ups_are_never_throttled(fake: FakeDiscord, state_dir: Path, answerer: Answering) -> None:
    settings = bot_settings(fake, state_dir, BOT_QUESTION_BURST="1", BOT_QUESTION_REFILL_SECONDS="60")
    async with running_bot(fake, settings, answerer):
        asked = await asyncio.wait_for((await fake.slash("ask", question="How many episodes are there?")).final, 10)
        looked_up = [await asyncio.wait_for((await fake.slash(name)).final, 10)
                     for name in ("cast", "ranking", "cast", "ranking", "sources")]
    assert "12 episodes" in embed_of(asked)["description"]
    assert all(embed_of(c).get("title") for c in looked_up)
