"""The moderators' report, read from real records (SQLite and PostgreSQL) with the real embedding model."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.answers.model import Answer, Outcome
from bot.frontends.cli import main
from bot.records import Asked, Records
from bot.records.report import build_report, group_questions
from bot.replies.report import report_embed, report_text
from bot.settings import load_settings
from tests.records.test_store import answered

DECLINED = [
    "when does season 2 come out?",
    "when does season 2 come out?",
    "When does season 2 come out",
    "is there a season 2 release date?",
    "where was it filmed?",
    "when was it filmed?",
]


async def _fill(records: Records) -> None:
    for i, text in enumerate(DECLINED):
        records.record(records.new_key(), Answer(text, Outcome.NOT_IN_ARTICLES), Asked("slash", 1, 2, i))
    liked, disliked = records.new_key(), records.new_key()
    records.record(liked, answered("who plays On-jo?", "000_a"), Asked("slash", 1, 2, 10))
    records.record(disliked, answered("who plays the principal?", "000_a", "001_b"), Asked("reply", 1, 2, 11))
    records.record(records.new_key(), Answer("🧟", Outcome.NOT_A_QUESTION), Asked("mention", 1, 2, 12))
    await records.vote(liked, 20, True)
    await records.vote(disliked, 20, False)
    await records.vote(disliked, 21, False)


async def test_the_report_counts_groups_and_quotes(make_settings, embedder):
    records = await Records.open(make_settings())
    try:
        await _fill(records)
        report = await build_report(records, 7, embedder)
    finally:
        await records.close()
    assert (report.questions, report.answered, report.helpful, report.not_helpful) == (9, 2, 1, 2)
    groups = {d.question: d.count for d in report.declined}
    # Three wordings (four questions) of one question; "where" and "when" it was filmed stay apart.
    assert groups == {"when does season 2 come out?": 4, "where was it filmed?": 1, "when was it filmed?": 1}
    assert [(d.question, d.count, [q.source_id for q in d.quotes]) for d in report.disliked] \
        == [("who plays the principal?", 2, ["000_a", "001_b"])]
    assert [(s.source_id, s.quoted) for s in report.sources] == [("000_a", 2), ("001_b", 1)]

    data = report.to_json()
    assert set(data) == {"days", "questions", "answered", "helpful", "not_helpful", "declined", "disliked", "sources"}
    assert data["disliked"][0]["quotes"][0] == {"source_id": "000_a", "text": "Quoted sentence 0."}
    assert "who plays the principal?" in report_text(report)
    embed = report_embed(report)
    assert all(len(f["value"]) <= 1024 for f in embed["fields"])


def test_without_an_encoder_only_the_same_wording_is_grouped():
    groups = group_questions([("Is there a season 2?", 2), ("is there a season 2", 1), ("season two?", 1)], None)
    assert [(g.question, g.count) for g in groups] == [("Is there a season 2?", 3), ("season two?", 1)]


async def test_python_m_bot_report_prints_the_json_shape(tmp_path, monkeypatch, capsys, embedder):
    monkeypatch.setenv("BOT_DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.delenv("BOT_DATABASE_URL", raising=False)
    monkeypatch.setattr("bot.knowledge.embedding.Embedder", lambda *_: embedder)
    records = await Records.open(load_settings())
    await _fill(records)
    await records.close()

    assert await _run_cli(["report", "--json", "--days", "7"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"] == 9 and data["not_helpful"] == 2
    assert data["declined"][0] == {"question": "when does season 2 come out?", "count": 4}


async def _run_cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)  # the command runs its own event loop


def test_a_bad_number_of_days_is_one_clear_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--days", "0"])
    assert exit_.value.code == 2
    assert "--days: must be a whole number of days" in capsys.readouterr().err
