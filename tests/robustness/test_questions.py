"""The bytes: whatever a question holds, `ask`, `ask -` and `chat` answer or decline, and what they
print is valid UTF-8 and valid JSON."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest

from bot.frontends import cli
from bot.text_input import LONG_QUESTION_NOTE, MAX_QUESTION_CHARS, clean_article, clean_question
from tests.robustness.conftest import bot, snapshot

HOSTILE = [
    b"who plays \xff\xfe Lomon?",  # invalid UTF-8
    b"who \xed\xa0\x80 plays Lomon?",  # a lone surrogate, as UTF-8 bytes
    b"\x1b[31mwho plays Lomon?\x1b[0m\x1b]0;pwned\x07",  # ANSI colour and window-title escapes
    b"who\x00 plays\x07 Lomon?\x08\x7f",  # NUL, bell, backspace, delete
    b"\xef\xbb\xbfwho plays Lomon?\r",  # a byte-order mark and a Windows line end
    "who plays Lomon?\u202e".encode(),  # a right-to-left override
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_a_hostile_question_is_cleaned_to_plain_text(raw: bytes):
    text = clean_question(raw).text
    text.encode("utf-8")  # no surrogate left
    assert "Lomon?" in text and not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in text)
    assert "\x1b" not in text and "\u202e" not in text


def test_a_lone_surrogate_in_a_str_is_dropped_and_a_pair_is_joined():
    assert clean_question("who plays \ud800Lomon? \ud83e\udddf").text == "who plays Lomon? \U0001f9df"


def test_a_long_question_is_cut_at_a_word_with_a_note():
    long = "who plays Lomon " * 100
    question = clean_question(long)
    assert len(question.text) <= MAX_QUESTION_CHARS and long.startswith(question.text + " ")
    assert question.note == LONG_QUESTION_NOTE
    assert clean_question("who plays Lomon?").note is None


def test_article_text_keeps_its_lines_but_loses_escapes():
    assert clean_article("Line one\x1b[2J\r\nLine\x00 two\n") == "Line one\r\nLine two\n"


def test_ask_from_stdin_answers_every_hostile_line_in_valid_json(built_index: Path):
    before = snapshot(built_index)
    run = bot("ask", "--json", "-", stdin=b"\n".join(HOSTILE) + b"\n",
              env={"BOT_INDEX_DIR": str(built_index)})
    assert run.code == 0 and "Traceback" not in run.err
    answers = [json.loads(line) for line in run.out.decode("utf-8").splitlines()]
    assert len(answers) == len(HOSTILE)
    assert all(a["answered"] and "Lomon" in json.dumps(a["quotes"]) for a in answers), answers
    assert snapshot(built_index) == before


def test_a_fuzz_of_random_bytes_never_crashes_nor_writes_invalid_utf8_or_json(built_index: Path):
    """2000 random byte strings through one `ask --json -` process: one valid JSON object each."""
    rng = random.Random(10)
    alphabet = bytes(range(256)).replace(b"\n", b"")
    lines = [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    lines[::7] = [b"who plays " + line for line in lines[::7]]  # some that look like questions
    run = bot("ask", "--json", "-", stdin=b"\n".join(lines) + b"\n", env={"BOT_INDEX_DIR": str(built_index)})
    assert run.code == 0 and "Traceback" not in run.err, run.err[-2000:]
    text = run.out.decode("utf-8")  # strict: raises on any invalid byte
    answers = [json.loads(line) for line in text.splitlines()]
    assert len(answers) == len(lines)
    assert all(isinstance(a["text"], str) and a["text"] for a in answers)


def test_a_long_question_gets_its_note_on_stderr(monkeypatch, answerer, settings, capsys):
    monkeypatch.setattr(cli, "_answerer", lambda _settings: answerer)
    monkeypatch.setattr(cli, "load_settings", lambda: settings)
    assert cli.main(["ask", "--json", "how many episodes " * 60]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["answered"] and captured.err.strip() == f"Note: {LONG_QUESTION_NOTE}"


def test_chat_and_ask_take_a_surrogate_from_the_command_line(monkeypatch, answerer, settings, capsys):
    """What argv holds when the terminal sent bytes that are not UTF-8 (surrogate-escaped)."""
    monkeypatch.setattr(cli, "_answerer", lambda _settings: answerer)
    monkeypatch.setattr(cli, "load_settings", lambda: settings)
    assert cli.main(["ask", "--json", "who plays \udcff Lomon?"]) == 0
    assert "Lomon" in json.dumps(json.loads(capsys.readouterr().out)["quotes"])
    monkeypatch.setattr(sys, "stdin", io.StringIO("who plays \ud800Lomon?\x1b[A\nquit\n"))
    assert cli.main(["chat"]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")
    assert "Lomon" in out and "\x1b" not in out


def test_what_is_remembered_per_new_word_is_bounded(answerer):
    """Every new word asked adds to these caches; a bound keeps a bot that runs for weeks flat
    (benchmarks/memory_flat.py measures the resident memory itself)."""
    from bot.knowledge.text import term

    for cache in (answerer.analyser.related_vocabulary, term):
        assert cache.cache_info().maxsize is not None and cache.cache_info().maxsize <= 65536
    answerer.ask("who plays zqxwvy and qqzzyy?")
    assert answerer.analyser.related_vocabulary.cache_info().currsize > 0
