"""Feedback buttons, /report and /articles through the fake Discord, with the real client, answerer and store."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.answers.answerer import load_answerer
from bot.frontends.discord_bot.feedback import Feedback
from bot.frontends.discord_bot.services import Services, build_services, facts_of
from bot.records import Records
from bot.records.schema import questions, votes
from bot.replies.moderation import MANAGE_ONLY
from tests.conftest import SEEDS
from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.harness import bot_settings, running_bot
from tests.frontends.discord_bot.helpers import EPHEMERAL, embed_of, message_body, unescape

UPLOAD = Path(__file__).resolve().parents[2] / "data" / "upload_article.txt"
NO_MANAGE_SERVER = p.EVERYONE_PERMISSIONS  # a plain member: no Manage Server (1 << 5)
WAIT = 30


def services_with(settings, answerer, records: Records | None) -> Services:
    return build_services(settings, answerer, facts_of(answerer), store=Feedback(records))


async def final(record) -> Any:
    return await asyncio.wait_for(record.final, WAIT)


def sent_message(call) -> dict[str, Any]:
    """The message a response created or edited, as the fake keeps it."""
    return call.response["resource"]["message"] if call.path.endswith("/callback") else call.response


def buttons(message: dict[str, Any]) -> list[str]:
    return [c["label"] for row in message.get("components", []) for c in row["components"]]


def private(record) -> bool:
    first = record.first.result()
    return bool((message_body(first).get("flags") or 0) & EPHEMERAL)


def text_of(call) -> str:
    embed = embed_of(call)
    return unescape(" ".join([embed.get("description", "")] + [f["value"] for f in embed.get("fields", [])]))


async def command(fake: FakeDiscord, name: str, options: list[dict[str, Any]], *,
                  permissions: str = p.ALL_PERMISSIONS, resolved: dict[str, Any] | None = None):
    """A slash command with sub-commands or attachments (what FakeDiscord.slash does not build)."""
    synced = {c["name"]: c["id"] for c in fake.commands.get("global", [])}
    payload = p.command_interaction(name, {}, synced.get(name) or p.snowflake())
    payload["data"]["options"] = options
    payload["member"]["permissions"] = permissions
    if resolved:
        payload["data"]["resolved"] = resolved
    return await fake.interact(payload)


async def count(records: Records, table) -> int:
    async def query(conn):
        return (await conn.execute(select(func.count()).select_from(table))).scalar_one()

    return await records.read(query)


@pytest.fixture
def db_env(tmp_path: Path) -> dict[str, str]:
    return {"BOT_DATABASE_PATH": str(tmp_path / "data" / "bot.sqlite3")}


async def test_a_vote_reaches_the_store_and_the_buttons_survive_a_restart(
        fake: FakeDiscord, state_dir: Path, answerer, db_env) -> None:
    settings = bot_settings(fake, state_dir, **db_env)
    records = await Records.open(settings)
    async with running_bot(fake, settings, services=services_with(settings, answerer, records)):
        asked = await final(await fake.slash("ask", question="Who plays Nam On-jo?"))
        message = sent_message(asked)
        assert buttons(message) == ["Helpful", "Not helpful"]
        pressed = await fake.click(message, "Helpful")  # a real INTERACTION_CREATE of type 3
        ack = await final(pressed)
    assert private(pressed) and "counted" in text_of(ack)
    assert (await count(records, questions), await count(records, votes)) == (1, 1)
    await records.close()

    records = await Records.open(settings)  # a new process: new client, new button class
    async with running_bot(fake, settings, services=services_with(settings, answerer, records)):
        changed = await final(await fake.click(message, "Not helpful"))
        other = await final(await fake.click(message, "Not helpful", user_id=str(int(p.FAN_ID) + 1)))
    assert "now Not helpful" in text_of(changed) and "counted" in text_of(other)

    async def opinions(conn):
        return sorted((await conn.execute(select(votes.c.helpful))).scalars().all())

    assert await records.read(opinions) == [False, False]  # one vote per person, the first one changed
    await records.close()


async def test_the_report_lists_a_declined_question_and_a_not_helpful_answer(
        fake: FakeDiscord, state_dir: Path, answerer, db_env) -> None:
    settings = bot_settings(fake, state_dir, **db_env)
    records = await Records.open(settings)
    async with running_bot(fake, settings, services=services_with(settings, answerer, records)):
        mention = await fake.post(f"<@{p.BOT_ID}> what is the budget of the show?", mentions=[p.BOT_USER])
        reply = await fake.wait_for_call(lambda c: c.method == "POST" and isinstance(c.body, dict)
                                         and str((c.body.get("message_reference") or {}).get("message_id"))
                                         == mention["id"])
        assert "don't say" in text_of(reply) and buttons(reply.response) == ["Helpful", "Not helpful"]
        answered = sent_message(await final(await fake.slash("ask", question="Who directed the series?")))
        await final(await fake.click(answered, "Not helpful"))
        report = await command(fake, "report", [{"name": "days", "type": 4, "value": 7}])
        shown = await final(report)
    assert private(report)
    text = text_of(shown)
    assert "2 questions, 1 answered" in text
    assert "1× what is the budget of the show?" in text
    assert "1× Who directed the series?" in text
    assert embed_of(shown)["fields"][1]["value"].count("[") >= 1  # the quoted sources under it
    await records.close()


async def test_report_and_articles_are_for_members_who_manage_the_server(
        fake: FakeDiscord, state_dir: Path, answerer, db_env) -> None:
    settings = bot_settings(fake, state_dir, **db_env)
    records = await Records.open(settings)
    async with running_bot(fake, settings, services=services_with(settings, answerer, records)) as bot:
        await asyncio.wait_for(bot.sync_task, WAIT)
        refused = [await command(fake, "report", [], permissions=NO_MANAGE_SERVER),
                   await command(fake, "articles", [{"name": "list", "type": 1, "options": []}],
                                 permissions=NO_MANAGE_SERVER)]
        answers = [await final(r) for r in refused]
    assert all(private(r) for r in refused)
    assert all(MANAGE_ONLY in text_of(a) for a in answers)
    registered = {c["name"]: c for c in fake.commands["global"]}
    assert str(registered["report"]["default_member_permissions"]) == "32"  # Manage Server
    assert str(registered["articles"]["default_member_permissions"]) == "32"
    await records.close()


@pytest.fixture
def own_seeds(tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch):
    """A copy of the seeds with its own index and answerer, since these tests change the articles."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setattr("bot.knowledge.store.Embedder", lambda *_: embedder)
    env = {"BOT_SEEDS_DIR": str(seeds), "BOT_INDEX_DIR": str(index)}
    return env


async def test_an_uploaded_article_is_answered_from_right_after_the_summary(
        fake: FakeDiscord, state_dir: Path, own_seeds, db_env) -> None:
    settings = bot_settings(fake, state_dir, **own_seeds, **db_env)
    answerer = await asyncio.to_thread(load_answerer, settings)
    records = await Records.open(settings)
    attachment = fake.upload("hyo-ryung.txt", UPLOAD.read_bytes())
    add = [{"name": "add", "type": 1, "options": [{"name": "file", "type": 11, "value": attachment["id"]}]}]
    async with running_bot(fake, settings, services=services_with(settings, answerer, records)):
        before = await final(await fake.slash("ask", question="Who plays Seo Hyo-ryung?"))
        adding = await command(fake, "articles", add, resolved={"attachments": {attachment["id"]: attachment}})
        during = []
        while not adding.final.done():  # fans keep asking while the index is rebuilt
            during.append(await final(await fake.slash("ask", question="Who plays Nam On-jo?")))
        summary = await final(adding)
        after = await final(await fake.slash("ask", question="Who plays Seo Hyo-ryung?"))
        bad = fake.upload("empty.txt", b"   ")
        refused = await final(await command(fake, "articles", [
            {"name": "add", "type": 1, "options": [{"name": "file", "type": 11, "value": bad["id"]}]}],
            resolved={"attachments": {bad["id"]: bad}}))
    assert private(adding)
    assert fake.calls and during and all("Park Ji-hu" in text_of(answer) for answer in during)
    shown = text_of(summary)
    assert "Meet Kim Bo-yoon" in shown and "2022-02-10" in shown and "3 paragraphs" in shown
    assert "Kim Bo-yoon" in embed_of(summary)["fields"][0]["value"]
    assert "Kim Bo-yoon" not in text_of(before) and "Kim Bo-yoon" in text_of(after)
    assert "empty.txt is empty" in text_of(refused)
    assert (Path(own_seeds["BOT_SEEDS_DIR"]) / "hyo-ryung.txt").is_file()
    await records.close()


async def test_a_corrupt_database_leaves_the_bot_answering_without_buttons(
        fake: FakeDiscord, state_dir: Path, answerer, db_env, caplog: pytest.LogCaptureFixture) -> None:
    settings = bot_settings(fake, state_dir, **db_env)
    settings.database_path.parent.mkdir(parents=True)
    settings.database_path.write_bytes(b"not a database at all " * 100)
    with caplog.at_level(logging.ERROR):
        records = await Records.open(settings)
        async with running_bot(fake, settings, services=services_with(settings, answerer, records)):
            answers = [await final(await fake.slash("ask", question=q))
                       for q in ("Who plays Nam On-jo?", "How many episodes are there?")]
    assert all(embed_of(a)["description"] for a in answers)
    assert all(buttons(sent_message(a)) == [] for a in answers)
    said = [r.getMessage() for r in caplog.records if "disabled" in r.getMessage()]
    assert len(said) == 1 and str(settings.database_path) in said[0] and "not a database" in said[0]


async def test_a_vote_slowed_by_a_busy_store_is_deferred_then_acknowledged(
        fake: FakeDiscord, state_dir: Path, answerer, db_env, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = bot_settings(fake, state_dir, **db_env)
    records = await Records.open(settings)
    services = services_with(settings, answerer, records)
    real_vote = services.store.vote

    async def slow_vote(*args):
        await asyncio.sleep(2.0)  # as if behind a burst of queued writes
        return await real_vote(*args)

    monkeypatch.setattr(services.store, "vote", slow_vote)
    async with running_bot(fake, settings, services=services):
        message = sent_message(await final(await fake.slash("ask", question="Who plays Nam On-jo?")))
        pressed = await fake.click(message, "Helpful")
        ack = await final(pressed)
    assert pressed.first.result().body["type"] == 5 and private(pressed)  # "thinking…" within the 3 s
    assert "counted" in text_of(ack)
    assert await count(records, votes) == 1
    await records.close()
