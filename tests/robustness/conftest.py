"""Running `python -m bot` as a user would, in folders of the test's own, and checking what it left."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, RULES, Settings

SEEDS = PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Run:
    code: int
    out: bytes
    err: str

    @property
    def lines(self) -> list[str]:
        """What the user reads on stderr, without the log lines."""
        return [line for line in self.err.splitlines() if line.strip() and " INFO " not in line
                and " WARNING " not in line]


# Run-time state (records, chat history) of the runs goes here, never into the project's data/.
_DATA = tempfile.TemporaryDirectory(prefix="aouad-bot-data-")


def bot(*args: str, env: dict[str, str] | None = None, stdin: bytes = b"", timeout: float = 300) -> Run:
    """`python -m bot ARGS` with every setting unset (so a developer's .env cannot interfere) but `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_"))}
    settings_env = {rule.env: "" for rule in RULES} | {"BOT_DATA_DIR": _DATA.name}
    done = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          cwd=PROJECT_ROOT, env={**clean, **settings_env, "HF_HUB_OFFLINE": "1", **(env or {})},
                          timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr.decode("utf-8", errors="replace"))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder with the hash of its content: compared before and after a run."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_one_clear_line(run: Run, code: int, *words: str) -> None:
    """The run failed with `code` and one line naming `words`, and no traceback."""
    assert "Traceback" not in run.err, run.err
    assert run.code == code, run.err
    assert len(run.lines) == 1, run.err
    assert all(word in run.lines[0] for word in words), run.lines


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the real seeds the test may add bad files to."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def built_index(settings: Settings, answerer, tmp_path: Path) -> Path:
    """A copy of the index the session built from the real seeds, so a run only loads it."""
    folder = tmp_path / "index"
    shutil.copytree(settings.index_dir, folder)
    return folder
