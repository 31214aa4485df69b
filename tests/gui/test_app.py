"""Start-up: default project with samples, refusals said up front, no display, network FS."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.cli import cli
from annotator.config import default_db_path
from annotator.gui import app as gui_app
from annotator.store.errors import StoreError
from tests.helpers.window_fixtures import make_settings


def test_default_project_is_created_with_samples(qtbot: QtBot, tmp_path: Path) -> None:
    window = gui_app.create_window(
        default_db_path(), None, "tester", make_settings(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    assert window.doc_model.rowCount() >= 2
    assert window.workspace.doc is not None
    assert window.view.toPlainText() == window.workspace.doc.text
    assert window.span_model.rowCount() > 0


def test_other_databases_start_empty_and_open_the_asked_document(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "mine.db"
    window = gui_app.create_window(path, "nope", "tester", make_settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    assert window.doc_model.rowCount() == 0
    assert "No document with id “nope”" in window.status_bar.message()


def test_a_file_that_is_not_a_database_is_refused_up_front(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert gui_app.run_app(path, None, "tester") == 1
    assert shown and "is not a SQLite database" in shown[0]
    assert path.read_text(encoding="utf-8") == "just some notes\n"


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=999")
    conn.execute("CREATE TABLE documents(id TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="newer annotator"):
        gui_app.create_window(path, None, "tester", make_settings(tmp_path / "s.ini"))


def test_network_file_system_is_warned_about(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annotator.store.db.network_filesystem", lambda _path: "nfs4")
    window = gui_app.create_window(
        tmp_path / "p.db", None, "tester", make_settings(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    assert "network file system (nfs4)" in window.status_bar.warning_text()


def test_gui_without_a_display_says_so_in_one_line() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["gui"], env={"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}
    )
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "no display found" in lines[0]
    assert "annotator --help" in lines[0]


def test_a_read_only_database_is_refused_before_the_window_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "ro.db"
    sqlite3.connect(path).close()
    real_access = os.access
    # Tests may run as root, who can write anything: make the file look read-only instead.
    monkeypatch.setattr(
        "annotator.store.db.os.access",
        lambda p, mode: False if mode == os.W_OK else real_access(p, mode),
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert gui_app.run_app(path, None, "tester") == 1
    assert shown and "read-only" in shown[0] and "nothing can be saved" in shown[0]


def test_a_server_project_opens_with_the_default_schema_and_no_samples(
    qtbot: QtBot, pg_url: str, tmp_path: Path
) -> None:
    window = gui_app.create_window(pg_url, None, "tester", make_settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    assert window.doc_model.rowCount() == 0
    assert window.workspace.schema.labels
    assert window.workspace.project_file is None
    window.workspace.repo.db.close()
