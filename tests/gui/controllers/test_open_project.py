"""File ▸ Open Project… (Ctrl+O): another project in a new window that replaces this one; a
server that cannot be reached is named and this window stays; waiting for a server that does
not answer can be cancelled; server projects are remembered without their passwords."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui import app as gui_app
from annotator.gui.controllers.open_project import (
    ProjectConnector,
    recent_servers,
    remember_server,
)
from annotator.gui.dialogs.open_project import SERVER_TAB, OpenProjectDialog
from annotator.gui.main_window import MainWindow
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.user_input import CTRL
from tests.helpers.window_fixtures import make_settings

_EARLIER: set[int] = set()
"""Windows that other tests left behind (a failed build is never shown, nor closed)."""


@pytest.fixture
def first(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    _EARLIER.update(id(widget) for widget in QApplication.topLevelWidgets())
    window = gui_app.create_window(
        tmp_path / "first.db", None, "tester", make_settings(tmp_path / "s.ini")
    )
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.setFocus()
    yield window
    for widget in main_windows():
        widget.close()
        widget.workspace.repo.db.close()


def open_dialog(qtbot: QtBot, window: MainWindow) -> OpenProjectDialog:
    qtbot.keyClick(window.view, Qt.Key.Key_O, CTRL)
    dialog = window.open_project.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def press_open(qtbot: QtBot, dialog: OpenProjectDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_server(qtbot: QtBot, window: MainWindow, location: str) -> None:
    window.actions_["file.open_project"].trigger()
    dialog = window.open_project.dialog
    assert dialog is not None
    dialog.tabs.setCurrentIndex(SERVER_TAB)
    qtbot.keyClicks(dialog.connection, location)
    press_open(qtbot, dialog)


def main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_another_project_file_opens_in_a_new_window_that_replaces_this_one(
    qtbot: QtBot, first: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    repo = Repository(open_db(other))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="floods", text="Floods in Surabaya.", title="Floods"))
    repo.db.close()

    dialog = open_dialog(qtbot, first)
    qtbot.keyClicks(dialog.file_path, str(other))
    press_open(qtbot, dialog)

    qtbot.waitUntil(lambda: first not in main_windows())
    (window,) = main_windows()
    assert window.workspace.location == other
    assert window.workspace.doc is not None and window.workspace.doc.id == "floods"
    assert window.status_bar.project_text() == "other.db"
    assert window.windowTitle() == "Floods — other.db — Annotator"


def test_an_unreachable_server_is_named_and_this_window_keeps_its_project(
    qtbot: QtBot, first: MainWindow, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    open_server(qtbot, first, f"postgresql://ana@127.0.0.1:{port}/corpus")

    expected = f"PostgreSQL database corpus on 127.0.0.1:{port} as ana: cannot connect"
    qtbot.waitUntil(lambda: first.status_bar.kind() == "problem", timeout=20_000)
    assert first.status_bar.message().startswith(f"Cannot open the project: {expected}")
    box = first.open_project.error_box
    assert box is not None and box.isVisible() and box.text().startswith(expected)
    assert main_windows() == [first]
    assert first.workspace.location == tmp_path / "first.db"
    assert recent_servers(first.settings) == []


def test_waiting_for_a_server_that_does_not_answer_can_be_cancelled(
    qtbot: QtBot, first: MainWindow
) -> None:
    with socket.socket() as silent:  # accepts the connection, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        open_server(qtbot, first, f"postgresql://ana@127.0.0.1:{port}/corpus?connect_timeout=3")
        waiting = first.open_project.waiting
        assert waiting is not None and first.open_project.is_connecting()
        qtbot.waitUntil(waiting.isVisible)
        qtbot.mouseClick(waiting.findChild(QPushButton), Qt.MouseButton.LeftButton)
        assert first.status_bar.message() == (
            f"Stopped waiting for postgresql://ana@127.0.0.1:{port}/corpus?connect_timeout=3; "
            "this project stays open"
        )
        assert not first.open_project.is_connecting()
        qtbot.waitUntil(
            lambda: not first.open_project.findChildren(ProjectConnector), timeout=10_000
        )
    assert first.status_bar.kind() == "info"
    assert first.open_project.error_box is None
    assert main_windows() == [first]


def test_server_projects_are_remembered_newest_first_without_passwords(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "s.ini")
    remember_server(settings, "postgresql://ana:s3cret@db/corpus")
    remember_server(settings, "service=team password=s3cret")
    remember_server(settings, "postgresql://ana@db/corpus")
    assert recent_servers(settings) == ["postgresql://ana@db/corpus", "service=team"]
    settings.sync()
    assert "s3cret" not in (tmp_path / "s.ini").read_text(encoding="utf-8")
