"""The command line as a fixture: ``run("import", ...)`` invokes it against the test database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    """Invoke the CLI against the test database; returns click's Result."""

    def invoke(*args: str, db: Path | None = None) -> Result:
        return CliRunner().invoke(cli, [args[0], "--db", str(db or db_path), *args[1:]])

    return invoke
