"""A throwaway PostgreSQL cluster for the tests that need a server, and a database per test.

``ANNOTATOR_TEST_PG`` (a superuser connection string) points the tests at a running server.
Otherwise the session starts its own cluster from the installed server binaries (Debian's
``postgresql`` package): ``initdb`` in a temporary folder, listening on 127.0.0.1 and a Unix
socket only, stopped at the end. As root, both run as the ``postgres`` user (``initdb``
refuses root). Without a server the tests skip and say why, except under ``CI=true``, where
they fail: CI must never pass by skipping them.
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
from dataclasses import dataclass
from pathlib import Path

import pytest

_SERVER_SETTINGS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
)
"""A throwaway cluster: no durability, so that a database per test costs milliseconds."""


@dataclass
class PgServer:
    host: str
    port: int
    user: str = "postgres"

    def url(self, dbname: str = "postgres", user: str | None = None) -> str:
        return f"postgresql://{user or self.user}@{self.host}:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def new_database(self) -> str:
        name = f"t_{secrets.token_hex(6)}"
        self.admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs a PostgreSQL server: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    given = os.environ.get("ANNOTATOR_TEST_PG")
    if given:
        import psycopg

        settings = psycopg.conninfo.conninfo_to_dict(given)
        yield PgServer(
            str(settings.get("host", "127.0.0.1")),
            int(str(settings.get("port", 5432))),
            str(settings.get("user", "postgres")),
        )
        return
    binaries = _binaries()
    if binaries is None:
        _missing("the server binaries are not installed (apt-get install postgresql)")
    assert binaries is not None
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(binaries / "initdb"),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-D",
                    str(data),
                ]
            ),
            **run,  # type: ignore[call-overload]
        )
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 {_SERVER_SETTINGS}"
        subprocess.run(
            _as_server_user(
                [
                    str(binaries / "pg_ctl"),
                    "-w",
                    "-D",
                    str(data),
                    "-l",
                    str(folder / "log"),
                    "-o",
                    options,
                    "start",
                ]
            ),
            **run,  # type: ignore[call-overload]
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        shutil.rmtree(folder, ignore_errors=True)
        _missing(f"the throwaway cluster did not start: {detail.strip()}")
    try:
        yield PgServer("127.0.0.1", port)
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A new empty database on the test server, dropped afterwards."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)
