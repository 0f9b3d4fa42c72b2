"""The command line contract of DESIGN.md: `ask`, `ask --json -`, `chat`, `sources`, `index`, `run`."""

import io
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from bot.answers.model import Answer, Outcome, Quote
from bot.frontends import cli
from bot.settings import PROJECT_ROOT


@pytest.fixture
def with_answerer(monkeypatch, answerer, settings):
    monkeypatch.setattr(cli, "_answerer", lambda _settings: answerer)
    monkeypatch.setattr(cli, "load_settings", lambda: settings)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


def test_ask_prints_quotes_and_citations(with_answerer, capsys):
    assert cli.main(["ask", "how", "many", "episodes", "are", "there?"]) == 0
    out = capsys.readouterr().out
    assert "12 episodes" in out and "[1]" in out


def test_ask_json_follows_the_contract(with_answerer, capsys):
    assert cli.main(["ask", "--json", "Who plays Lee Su-hyeok?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["question"] == "Who plays Lee Su-hyeok?" and answer["answered"] is True
    assert "[1]" in answer["text"]
    quote = answer["quotes"][0]
    assert set(quote) == {"text", "source_id", "title", "date", "spoiler", "score"}
    assert "Lomon" in " ".join(q["text"] for q in answer["quotes"])


def test_several_quoted_questions_are_answered_one_by_one(with_answerer, capsys):
    cli.main(["ask", "--json", "How many episodes are there?", "Who plays Yang Dae-su?"])
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize("question", ["", "   ", "🧟🧟", "지금 우리 학교는", "x" * 6000, "@everyone ||spoil|| `rm`"])
def test_bad_questions_get_a_clear_reply_and_exit_zero(with_answerer, capsys, question: str):
    assert cli.main(["ask", "--json", question]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["text"] and (answer["answered"] or answer["quotes"] == [])


def test_chat_answers_until_quit(with_answerer, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("How many episodes are there?\n\nquit\n"))
    assert cli.main(["chat"]) == 0
    assert "12 episodes" in capsys.readouterr().out


def test_run_without_a_token_says_how_to_get_one_and_starts_the_chat(with_answerer, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Who plays Yang Dae-su?\n"))
    assert cli.main(["run"]) == 0
    captured = capsys.readouterr()
    assert "DISCORD_TOKEN" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert "Lim Jae-hyeok" in captured.out


def test_sources_lists_every_article(with_answerer, capsys):
    assert cli.main(["sources", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)
    assert len(sources) == 5 and {"source_id", "title", "date"} <= set(sources[0])


def test_ask_json_from_stdin_streams_one_line_per_question_in_one_process(settings):
    """The scorer's way in: a real process, questions on stdin, JSON Lines out, bad lines included."""
    env = {**os.environ, "BOT_INDEX_DIR": str(settings.index_dir), "HF_HUB_OFFLINE": "1"}
    env.pop("DISCORD_TOKEN", None)
    questions = ["How many episodes are there?", "", "Tell me a joke about cats", "Who plays Nam On-jo?"]
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "-"], input="\n".join(questions) + "\n",
                          capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    assert [a["answered"] for a in answers] == [True, False, False, True]


def test_index_rebuilds_on_demand(with_answerer, monkeypatch, embedder, settings, capsys):
    monkeypatch.setattr("bot.knowledge.embedding.Embedder", lambda *_: embedder)
    assert cli.main(["index"]) == 0
    assert "Indexed 5 articles" in capsys.readouterr().out
    assert (settings.index_dir / "manifest.json").is_file()


@pytest.mark.parametrize(("args", "questions"), [
    (["how", "many", "episodes?"], ["how many episodes?"]),
    (["Who plays Lomon?", "episodes?"], ["Who plays Lomon?", "episodes?"]),
    (["who plays Lomon?how many episodes?"], ["who plays Lomon?", "how many episodes?"]),
    (["who", "plays", "Lomon?", "how", "many", "episodes?"], ["who plays Lomon?", "how many episodes?"]),
    (["hey bot? who plays Lomon"], ["hey bot? who plays Lomon"]),
])
def test_questions_are_told_apart_by_quotes_and_question_marks(args: list[str], questions: list[str]):
    assert cli._questions(args) == questions


def test_several_questions_are_each_labelled(with_answerer, capsys):
    assert cli.main(["ask", "Who plays Yang Dae-su?How many episodes are there?"]) == 0
    out = capsys.readouterr().out
    assert "Q: Who plays Yang Dae-su?\n" in out and "Q: How many episodes are there?\n" in out
    assert out.index("Lim Jae-hyeok") < out.index("Q: How many") < out.index("12 episodes")


SPOILER = Quote("Lee Cheong-san dies in the finale.", "001_x", "A title", None, True, 0.6, "A title")
PLAIN = Quote("The series has 12 episodes.", "002_y", "Other", "2022-02-07", False, 0.7, "Other")


@pytest.fixture
def spoiling(monkeypatch, settings):
    """An answerer whose answer holds a spoiler, so the terminal's handling of it is seen exactly."""
    answer = Answer("does cheong-san die?", Outcome.ANSWERED, (PLAIN, SPOILER))
    monkeypatch.setattr(cli, "_answerer", lambda _settings: SimpleNamespace(ask=lambda _question: answer))
    monkeypatch.setattr(cli, "load_settings", lambda: settings)


def test_a_spoiler_is_hidden_in_the_terminal_unless_asked(spoiling, capsys):
    cli.main(["ask", "does cheong-san die?"])
    hidden = capsys.readouterr().out
    assert "dies in the finale" not in hidden and "(contains a spoiler; use --spoilers) [2]" in hidden
    assert "12 episodes" in hidden and "[2] A title" in hidden
    cli.main(["ask", "--spoilers", "does cheong-san die?"])
    assert "[spoiler] “Lee Cheong-san dies in the finale.” [2]" in capsys.readouterr().out


def test_json_keeps_every_quote_with_its_spoiler_flag(spoiling, capsys):
    cli.main(["ask", "--json", "does cheong-san die?"])
    answer = json.loads(capsys.readouterr().out)
    assert [(q["text"], q["spoiler"]) for q in answer["quotes"]] == [(PLAIN.text, False), (SPOILER.text, True)]
    assert "dies in the finale" not in answer["text"]
