"""File ▸ Backups…: back up now from the dialog (off the GUI thread), see it listed with its
contents, restore it and find exactly its spans in the database and in the window; on a
server project they do not apply and say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.config import backup_folder, data_dir
from annotator.gui.controllers.backups import Backups
from annotator.gui.editing.tasks import TaskRunner
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.project_location import SERVER_BACKUPS
from annotator.gui.state import Workspace
from annotator.seed import ensure_project
from annotator.store.backups import list_backups
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.saved import SavedProject
from tests.helpers.window import add_span
from tests.helpers.window_fixtures import make_settings


def test_back_up_now_lists_the_backup_with_its_documents_and_spans(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    add_span(window, "GPE", "Jakarta")
    window.actions_["file.backups"].trigger()
    dialog = window.backups.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(window.backups.back_up("manual").done, timeout=10_000):
        pass
    [info] = list_backups(backup_folder(db_path))
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[1:] == ["manual", cells[2], "2", "1"]
    assert "1 backups" in dialog.summary.text() and str(info.path.parent) in dialog.summary.text()
    assert window.status_bar.message().startswith(f"Backed up: {info.path.name}")


def test_restore_from_the_dialog_brings_back_the_backed_up_spans(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    saved: SavedProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = add_span(window, "GPE", "Jakarta")
    with qtbot.waitSignal(window.backups.back_up("manual").done, timeout=10_000):
        pass
    add_span(window, "PER", "café")
    assert len(saved.spans()) == 2

    window.actions_["file.backups"].trigger()
    dialog = window.backups.dialog
    assert dialog is not None
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()

    assert [s.id for s in saved.spans()] == [kept.id]
    model = window.span_model
    assert [model.span_at(r).id for r in range(model.row_count())] == [kept.id]
    assert window.session.stack.count() == 0
    replaced = [b for b in list_backups(backup_folder(db_path)) if b.reason == "before-restore"]
    assert len(replaced) == 1
    assert dialog.table.rowCount() == 2
    add_span(window, "PER", "café")  # the reopened project takes edits
    assert len(saved.spans()) == 2


def test_restore_refused_while_another_program_has_the_project_open(
    window: MainWindow, db_path: Path, saved: SavedProject, qtbot: QtBot, monkeypatch
) -> None:
    add_span(window, "GPE", "Jakarta")
    with qtbot.waitSignal(window.backups.back_up("manual").done, timeout=10_000):
        pass
    add_span(window, "PER", "café")
    [backup] = list_backups(backup_folder(db_path))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    other = open_db(db_path)
    other.execute("SELECT count(*) FROM spans").fetchone()
    try:
        assert window.backups.restore(backup.path) is None
    finally:
        other.close()
    assert shown == [f"{db_path}: another program has the project open; close it, then restore"]
    assert len(saved.spans()) == 2
    add_span(window, "ORG", "Tabbed")
    assert len(saved.spans()) == 3


def test_on_a_server_project_backups_are_disabled_and_say_the_servers_own_apply(
    qtbot: QtBot, pg_url: str, tmp_path: Path
) -> None:
    repo = Repository(open_db(pg_url))
    ensure_project(repo, with_samples=False)
    host = QMainWindow()
    qtbot.addWidget(host)
    workspace = Workspace(repo, pg_url, "tester", host)
    status = StatusBar("corpus on 127.0.0.1", pg_url, host)
    backups = Backups(
        workspace,
        EditSession(workspace, host),
        TaskRunner(pg_url, host, "tester"),
        status,
        make_settings(tmp_path / "s.ini"),
        lambda: None,
        host,
    )
    action = QAction("Backups…", host)
    backups.explain_unavailable(action)
    assert not action.isEnabled()
    assert action.toolTip() == action.statusTip() == SERVER_BACKUPS
    assert "the server's own backups apply" in SERVER_BACKUPS
    assert backups.after_open() is None
    assert not backups.timer.isActive()
    assert status.kind() == "info" and not (data_dir() / "backups").exists()
    repo.db.close()
