"""Terminal manners: a closed pipe and Ctrl-C (at any moment of start-up) end quietly, nothing half
written; `chat` edits lines at a terminal."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.exits import ExitCode
from bot.settings import PROJECT_ROOT, RULES
from tests.robustness.conftest import snapshot


def _spawn(*args: str, index: Path, **options) -> subprocess.Popen:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_"))},
           **{rule.env: "" for rule in RULES}, "BOT_INDEX_DIR": str(index), "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, **options)


def test_a_reader_that_leaves_early_ends_the_run_quietly(built_index: Path):
    """`python -m bot ask --json - < many | head -1`."""
    process = _spawn("ask", "--json", "-", index=built_index, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
    assert process.stdin and process.stdout and process.stderr
    process.stdin.write(b"who plays Lomon?\n" * 200)
    process.stdin.close()
    first = json.loads(process.stdout.readline())
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(120) == ExitCode.BROKEN_PIPE
    assert first["answered"] and "Traceback" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("delay", [0.3, 1.5, 4.0])
def test_ctrl_c_during_start_up_is_quiet(built_index: Path, delay: float):
    """Ctrl-C while Python starts, the libraries load or the model loads."""
    before = snapshot(built_index)
    process = _spawn("ask", "who plays Lomon?", index=built_index, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err.decode() and "Exception ignored" not in err.decode(), err.decode()
    assert process.returncode in (ExitCode.INTERRUPTED, ExitCode.OK)  # OK: it had answered already
    assert snapshot(built_index) == before


def test_chat_at_a_terminal_has_line_editing_and_history(built_index: Path, tmp_path: Path):
    """Keys as a terminal sends them: arrow left to fix a typo, arrow up to recall the last question."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the bot's chat on the pseudo-terminal
        os.environ.update({"BOT_INDEX_DIR": str(built_index), "BOT_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1",
                           "DISCORD_TOKEN": ""})
        os.chdir(PROJECT_ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "bot", "chat"])
    output = _read_until(fd, b"you>", after=b"Type a question")
    os.write(fd, b"who plays Lomn\x1b[Do\r")  # typed "Lomn", left arrow, "o": Lomon
    output += _read_until(fd, b"you>", after=b"Lee Su-hyeok")
    os.write(fd, b"\x1b[A\r")  # up arrow: the same question again
    output += _read_until(fd, b"you>", after=b"Lee Su-hyeok")
    os.write(fd, b"quit\r")
    _, status = os.waitpid(pid, 0)
    text = output.decode("utf-8", errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert text.count("Lomon (Lee Su-hyeok)") == 2, text
    assert "who plays Lomon" in (tmp_path / "chat_history").read_text()


def _read_until(fd: int, marker: bytes, after: bytes, timeout: float = 120) -> bytes:
    """Read the terminal until `marker` shows after `after`, answering its cursor-position queries."""
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (after not in data or marker not in data.rsplit(after, 1)[1]):
        if select.select([fd], [], [], 0.5)[0]:
            chunk = os.read(fd, 4096)
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            data += chunk
    return data
