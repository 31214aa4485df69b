"""The command line as a fixture: ``run("import", ...)`` invokes it against the test database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    """Invoke the CLI against the test database; returns click's Result."""

    def invoke(*args: str, db: Path | str | None = None) -> Result:
        return CliRunner().invoke(cli, [args[0], "--db", str(db or db_path), *args[1:]])

    return invoke


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project holding one emoji document with one GPE span, imported through the CLI."""
    db = tmp_path / "p.db"
    sample = tmp_path / "doc.jsonl"
    sample.write_text(
        json.dumps(
            {
                "id": "emoji",
                "title": "Emoji",
                "text": "Hi 😀 Jakarta 👩🏽‍🎨 floods. Budi Santoso in JAKARTA.",
                "spans": [
                    {"layer": "entity", "label": "GPE", "start": 5, "end": 12, "text": "Jakarta"}
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", "--db", str(db), str(sample)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def output() -> Callable[..., str]:
    """Run the CLI with these arguments, check it succeeded, and return what it printed."""

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 0, result.output
        return result.stdout

    return invoke


Place = Callable[[Path], str]


@pytest.fixture(params=["sqlite", "postgresql"])
def on_backend(request: pytest.FixtureRequest) -> Place:
    """Where a command under test runs, once per backend: a project file as it is, or its copy
    (``annotator copy``) on a new database of the test server. Commands then get the same
    assertions on both."""

    def place(project: Path) -> str:
        if request.param == "sqlite":
            return str(project)
        url = str(request.getfixturevalue("pg_url"))
        result = CliRunner().invoke(cli, ["copy", "--from", str(project), "--to", url])
        assert result.exit_code == 0, result.output
        return url

    return place
