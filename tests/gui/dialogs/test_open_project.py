"""The Open Project dialog: a file that exists or a connection string, the server projects
opened before one click away, and Open refused with the reason for anything else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from annotator.gui.dialogs.open_project import (
    FILE_TAB,
    NOT_A_CONNECTION_STRING,
    SERVER_TAB,
    OpenProjectDialog,
)

RECENT = ["postgresql://ana@db.example.org/corpus", "service=team"]


def make(qtbot: QtBot, recent: list[str]) -> OpenProjectDialog:
    dialog = OpenProjectDialog(recent)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def open_button(dialog: OpenProjectDialog) -> QDialogButtonBox:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Open)


def test_without_recent_servers_it_starts_on_the_file_tab_and_wants_an_existing_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = make(qtbot, [])
    assert dialog.tabs.currentIndex() == FILE_TAB
    assert not open_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.file_path, str(tmp_path / "missing.db"))
    assert dialog.problem.text() == f"{tmp_path / 'missing.db'}: no such file"
    assert not open_button(dialog).isEnabled()
    project = tmp_path / "team.db"
    project.write_bytes(b"")
    dialog.file_path.clear()
    qtbot.keyClicks(dialog.file_path, str(project))
    assert dialog.problem.text() == ""
    with qtbot.waitSignal(dialog.locationChosen) as chosen:
        qtbot.mouseClick(open_button(dialog), Qt.MouseButton.LeftButton)
    assert chosen.args == [str(project)]


def test_the_server_tab_lists_recent_projects_and_refuses_what_is_no_connection_string(
    qtbot: QtBot,
) -> None:
    dialog = make(qtbot, RECENT)
    assert dialog.tabs.currentIndex() == SERVER_TAB
    assert [dialog.recent.item(n).text() for n in range(dialog.recent.count())] == RECENT
    qtbot.keyClicks(dialog.connection, "mysql://db/corpus")
    assert dialog.problem.text() == NOT_A_CONNECTION_STRING
    assert not open_button(dialog).isEnabled()
    dialog.recent.setCurrentRow(1)
    assert dialog.connection.text() == "service=team"
    assert dialog.problem.text() == "" and open_button(dialog).isEnabled()


def test_double_clicking_a_recent_server_project_opens_it(qtbot: QtBot) -> None:
    dialog = make(qtbot, RECENT)
    item = dialog.recent.item(0)
    rect = dialog.recent.visualItemRect(item)
    viewport = dialog.recent.viewport()
    with qtbot.waitSignal(dialog.locationChosen) as chosen:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [RECENT[0]]
    assert not dialog.isVisible()
