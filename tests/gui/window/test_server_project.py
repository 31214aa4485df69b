"""The app on a project on a PostgreSQL server: the real window, keys and dialogs, every
check read back through a second connection to the server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from annotator.config import data_dir
from annotator.core.model import Document
from annotator.gui import app as gui_app
from annotator.gui.controllers.open_project import recent_servers
from annotator.gui.dialogs.export import ExportDialog
from annotator.gui.dialogs.import_files import ImportDialog
from annotator.gui.dialogs.open_project import SERVER_TAB
from annotator.gui.main_window import MainWindow
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.postgres import PgServer
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, select_by_keys
from tests.helpers.window import add_documents, add_span
from tests.helpers.window_fixtures import (
    SERVER_PASSWORD,
    make_settings,
)


def database_of(window: MainWindow) -> str:
    return str(window.workspace.location).rsplit("/", 1)[1]


def test_the_project_is_named_by_its_database_and_server_never_with_the_password(
    server_window: MainWindow,
) -> None:
    name = database_of(server_window)
    status = server_window.status_bar
    assert status.project_text() == f"{name} on 127.0.0.1"
    assert f"PostgreSQL database {name} on 127.0.0.1:" in status.project_tooltip()
    assert "as postgres" in status.project_tooltip()
    assert server_window.windowTitle() == f"Emoji test — {name} on 127.0.0.1 — Annotator"
    about = server_window.show_about()
    assert f"PostgreSQL database {name} on 127.0.0.1:" in about.text()
    shown = [status.project_text(), status.project_tooltip(), server_window.windowTitle()]
    assert all(SERVER_PASSWORD not in text for text in [*shown, about.text()])
    about.close()


def test_a_span_made_with_keys_is_on_the_server_and_undo_takes_it_back(
    qtbot: QtBot, server_window: MainWindow, server_saved: SavedProject
) -> None:
    view = server_window.view
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, server_window, start, len("Jakarta"))
    qtbot.keyClick(view, "g")
    assert [row[1:] for row in server_saved.span_rows()] == [("GPE", start, start + 7, "Jakarta")]
    assert server_window.status_bar.message() == "Saved: added GPE “Jakarta”"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert server_saved.span_rows() == []
    assert view.spans() == []


def test_a_status_change_is_on_the_server_and_undoable(
    qtbot: QtBot, server_window: MainWindow, server_saved: SavedProject
) -> None:
    server_window.actions_["document.status.done"].trigger()
    assert server_saved.status("emoji") == "done"
    assert server_window.status_bar.message() == "Saved: status set to done"
    qtbot.keyClick(server_window.view, Qt.Key.Key_Z, CTRL)
    assert server_saved.status("emoji") == "todo"


def test_opening_another_document_shows_its_text(qtbot: QtBot, server_window: MainWindow) -> None:
    qtbot.keyClick(server_window.doc_list, Qt.Key.Key_Down)
    doc = server_window.workspace.doc
    assert doc is not None and doc.id == "second"
    assert server_window.view.toPlainText() == "Second article about Rotterdam port."


def test_undo_reaches_back_across_a_restart_of_the_app(
    qtbot: QtBot, server_window: MainWindow, server_saved: SavedProject, tmp_path: Path
) -> None:
    add_span(server_window, "GPE", "Jakarta")
    add_span(server_window, "PER", "café")
    location = server_window.workspace.location
    server_window.close()

    again = gui_app.create_window(location, "emoji", "tester", make_settings(tmp_path / "s.ini"))
    qtbot.addWidget(again)
    assert again.status_bar.message().startswith("Undo reaches back 2 edits of this document")
    again.actions_["edit.undo"].trigger()
    assert [span.label for span in server_saved.spans()] == ["GPE"]
    again.workspace.repo.db.close()


def test_corpus_search_finds_the_hits_in_every_document(
    qtbot: QtBot, server_window: MainWindow
) -> None:
    add_documents(server_window, Document(id="a", text="Floods in Jakarta again.", title="A"))
    view = server_window.view
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    search = server_window.search.widget
    qtbot.keyClicks(search.query, "jakarta")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert sorted((hit.doc_id, hit.start) for hit in search.hits()) == [
        ("a", 10),
        ("emoji", EMOJI_TEXT.find("Jakarta")),
    ]


def test_backups_do_not_apply_and_say_why(server_window: MainWindow) -> None:
    action = server_window.actions_["file.backups"]
    assert not action.isEnabled()
    assert "the server's own backups apply" in action.toolTip()
    assert "the server's own backups apply" in action.statusTip()
    assert server_window.backups.after_open() is None
    assert not server_window.backups.timer.isActive()


def test_an_import_through_the_dialog_reaches_the_server_and_takes_no_file_backup(
    qtbot: QtBot,
    server_window: MainWindow,
    server_saved: SavedProject,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "news.txt"
    source.write_text("Rain hit Surabaya.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(source)], ""))
    server_window.actions_["file.import_files"].trigger()
    dialog = server_window.transfers.dialog
    assert isinstance(dialog, ImportDialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (task,) = server_window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=20_000) as blocker:
        pass
    (doc_id,) = blocker.args[0].imported
    assert server_saved.document(doc_id).text == "Rain hit Surabaya.\n"
    assert server_window.doc_model.row_of(doc_id) >= 0
    assert not (data_dir() / "backups").exists()
    qtbot.waitUntil(lambda: not server_window.runner.tasks)


def test_an_export_through_the_dialog_holds_the_spans_made_on_the_server(
    qtbot: QtBot, server_window: MainWindow, tmp_path: Path
) -> None:
    add_span(server_window, "GPE", "Jakarta")
    server_window.actions_["file.export"].trigger()
    dialog = server_window.transfers.dialog
    assert isinstance(dialog, ExportDialog)
    dialog.format_box.setCurrentText("native")
    target = tmp_path / "out.jsonl"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    (task,) = server_window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=20_000):
        pass
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    emoji = next(record for record in records if record.get("id") == "emoji")
    assert [(span["label"], span["text"]) for span in emoji["spans"]] == [("GPE", "Jakarta")]
    assert all(EMOJI_TEXT[s["start"] : s["end"]] == s["text"] for s in emoji["spans"])
    qtbot.waitUntil(lambda: not server_window.runner.tasks)


@pytest.fixture(autouse=True)
def _no_server_password_in_the_settings(
    server_window: MainWindow, settings_path: Path
) -> Iterator[None]:
    """Whatever a test did, the settings file the window wrote keeps no password."""
    yield
    server_window.settings.sync()
    if settings_path.exists():
        assert SERVER_PASSWORD not in settings_path.read_text(encoding="utf-8")


def test_open_project_connects_off_the_gui_thread_and_remembers_no_password(
    qtbot: QtBot, server_window: MainWindow, pg_server: PgServer
) -> None:
    first = gui_app.create_window(
        server_window.workspace.location, "emoji", "tester", server_window.settings
    )
    first.show()
    other = pg_server.new_database()
    try:
        typed = pg_server.url(other).replace("@", f":{SERVER_PASSWORD}@", 1)
        first.actions_["file.open_project"].trigger()
        dialog = first.open_project.dialog
        assert dialog is not None
        dialog.tabs.setCurrentIndex(SERVER_TAB)
        qtbot.keyClicks(dialog.connection, typed)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton
        )
        assert first.open_project.is_connecting()
        with qtbot.waitSignal(first.destroyed, timeout=20_000):  # replaced, then deleted
            pass
        (window,) = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible() and widget is not server_window
        ]
        assert window.status_bar.project_text() == f"{other} on 127.0.0.1"
        assert window.workspace.project_file is None
        assert recent_servers(window.settings) == [pg_server.url(other)]
        window.close()
        window.workspace.repo.db.close()
    finally:
        pg_server.drop_database(other)
