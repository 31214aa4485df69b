"""A PostgreSQL server for the server benchmarks: the one ``--server URL`` names, or a throwaway
cluster started from Debian's installed binaries and stopped afterwards.

The throwaway cluster is started the way the tests start theirs (``initdb`` in a temporary
folder, listening on 127.0.0.1 and a Unix socket only, run as the ``postgres`` user when the
benchmark runs as root, which ``initdb`` refuses), but with the server's default durability
(``fsync`` and ``synchronous_commit`` on): commit times must be those of a real server.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Server:
    """A superuser connection string and what to call the server in the figures."""

    url: str
    description: str

    def database_url(self, dbname: str) -> str:
        import psycopg

        settings: dict[str, Any] = psycopg.conninfo.conninfo_to_dict(self.url)
        settings["dbname"] = dbname
        return str(psycopg.conninfo.make_conninfo(**settings))

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql.encode())

    @contextmanager
    def new_database(self) -> Iterator[str]:
        """A fresh empty database (its connection string), dropped afterwards."""
        name = f"bench_{secrets.token_hex(6)}"
        self.admin(f"CREATE DATABASE {name}")
        try:
            yield self.database_url(name)
        finally:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not versions:
        raise SystemExit(
            "no PostgreSQL server binaries (apt-get install postgresql), and no --server URL given"
        )
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()}")


@contextmanager
def server(url: str | None, max_connections: int = 100) -> Iterator[Server]:
    """The server at ``url``, or a throwaway cluster for the duration of the block."""
    if url:
        yield Server(url, "the server given with --server")
        return
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    try:
        _run([str(binaries / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(data)])
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 "
            f"-c max_connections={max_connections}"
        )
        log = str(folder / "log")
        _run([str(binaries / "pg_ctl"), "-w", "-D", str(data), "-l", log, "-o", options, "start"])
        version = binaries.parent.name
        yield Server(
            f"postgresql://postgres@127.0.0.1:{port}/postgres",
            f"a throwaway PostgreSQL {version} cluster on 127.0.0.1 (default durability)",
        )
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(folder, ignore_errors=True)
