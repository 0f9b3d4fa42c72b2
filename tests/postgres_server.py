"""A throw-away PostgreSQL server in a temporary folder, for the store's tests and benchmark.

The system's `initdb`/`pg_ctl` are used. PostgreSQL refuses to run as root (as tests and CI do),
so under root the server runs as an unprivileged user (`postgres` when it exists, else `nobody`)
through `runuser`. It listens on 127.0.0.1 at a free port, trusts local connections, and is deleted
when stopped.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

USER = "bot"


class PostgresUnavailable(RuntimeError):
    """Why no server could be started (a test skips with this reason)."""


@dataclass
class Postgres:
    root: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run([*self.run_as, _tool("pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w",
                        "stop"], capture_output=True, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def _tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)
    if not found:
        raise PostgresUnavailable(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return found


def _unprivileged() -> tuple[list[str], int | None]:
    """The command prefix that drops root, and the uid to own the data folder."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            uid = pwd.getpwnam(name).pw_uid
            if shutil.which("runuser"):
                return ["runuser", "-u", name, "--"], uid
    raise PostgresUnavailable("running as root and neither runuser nor a 'postgres'/'nobody' user is available")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start() -> Postgres:
    """Initialise and start a server; PostgresUnavailable says why when it cannot."""
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    run_as, uid = _unprivileged()
    root = Path(tempfile.mkdtemp(prefix="bot-pg-"))
    root.chmod(0o755)
    data = root / "data"
    data.mkdir()
    if uid is not None:
        os.chown(data, uid, -1)
    server = Postgres(root, _free_port(), run_as)
    steps = (
        [initdb, "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync"],
        [pg_ctl, "-D", str(data), "-l", str(data / "server.log"), "-w", "-t", "30", "start",
         "-o", f"-h 127.0.0.1 -p {server.port} -k {data} -F -c max_connections=50"],
    )
    for step in steps:
        done = subprocess.run([*run_as, *step], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            server.stop()
            last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
            raise PostgresUnavailable(f"{Path(step[0]).name} failed: {last[0]}")
    return server


@contextlib.contextmanager
def running() -> Iterator[Postgres]:
    server = start()
    try:
        yield server
    finally:
        server.stop()
