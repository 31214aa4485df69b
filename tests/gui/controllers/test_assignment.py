"""Project ▸ Assign… in the real window: the dialog's plan is committed, then the list and
the progress line show the annotator's own queue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.main_window import MainWindow
from tests.helpers.saved import SavedProject
from tests.helpers.window import add_documents

ASSIGNED = "SELECT doc_id, annotator FROM document_status WHERE assigned ORDER BY doc_id, annotator"


def test_assign_from_the_project_menu_commits_and_the_list_follows(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    add_documents(window, Document(id="q1", text="Third."), Document(id="q2", text="Fourth."))
    window.actions_["project.assign"].trigger()
    dialog = window.assignments.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.chosen_names() == ["tester"]
    assert dialog.scope.itemText(0) == "All documents (4)"
    assert dialog.scope.itemText(1) == "The documents the list shows (4)"
    assert dialog.scope.itemText(2) == "Not yet done by anyone (4)"
    qtbot.keyClicks(dialog.new_name, "ana")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.per_doc.value() == 1
    assert not saved.rows(ASSIGNED)  # a preview writes nothing

    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    rows = saved.rows(ASSIGNED)
    assert len(rows) == 4 and {name for _doc, name in rows} == {"tester", "ana"}
    mine = [doc_id for doc_id, name in rows if name == "tester"]
    assert len(mine) == 2
    model = window.doc_model
    assert sorted(model.document_ids()) == sorted(mine)
    assert window.queue.label.text() == "Done 0/2 assigned"
    assert window.status_bar.message() == (
        "Saved: 4 assignments on 4 documents · tester 2 (+2) · ana 2 (+2)"
    )


def test_the_listed_scope_is_what_the_list_filter_shows(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    qtbot.keyClicks(window.doc_filter.text, "second")
    window.actions_["project.assign"].trigger()
    dialog = window.assignments.dialog
    assert dialog is not None
    dialog.scope.setCurrentIndex(1)
    assert dialog.scope.currentText() == "The documents the list shows (1)"
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert saved.rows(ASSIGNED) == [("second", "tester")]


def test_cancel_assigns_nothing(qtbot: QtBot, window: MainWindow, saved: SavedProject) -> None:
    window.actions_["project.assign"].trigger()
    dialog = window.assignments.dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert saved.rows(ASSIGNED) == []
    assert window.doc_model.document_ids() == ["emoji", "second"]
