"""``annotator --version``: what a bug report needs, without opening a project."""

from __future__ import annotations

import platform
import sqlite3

from click.testing import CliRunner

from annotator import __version__
from annotator.cli import cli
from annotator.config import log_dir


def test_version_names_every_part_the_app_runs_on_and_the_log_folder() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(": ", 1) for line in result.output.splitlines())
    assert lines["annotator"] == __version__
    assert lines["Python"] == platform.python_version()
    assert lines["SQLite"] == sqlite3.sqlite_version
    assert lines["PySide6 (Qt)"].startswith("6.")
    assert lines["spaCy"].startswith("3.8")
    assert lines["log folder"] == str(log_dir())
