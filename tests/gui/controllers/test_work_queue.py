"""The work queue and statistics in the real window, checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL, SHIFT
from tests.helpers.window import add_documents

STATUS = (
    "SELECT d.id, coalesce(s.status, nobody.status, 'todo') FROM documents d "
    "LEFT JOIN document_status s ON s.doc_id = d.id AND s.annotator = 'tester' "
    "LEFT JOIN document_status nobody ON nobody.doc_id = d.id AND nobody.annotator = '' "
    "ORDER BY d.position"
)
"""Each document's status as the window's annotator sees it (the project's when they set none)."""


@pytest.fixture
def queue(window: MainWindow) -> MainWindow:
    """Documents emoji, second, q1 (done), q2, q3 in list order."""
    add_documents(
        window,
        Document(id="q1", text="Already done.", status="done"),
        Document(id="q2", text="Still to do."),
        Document(id="q3", text="Last one."),
    )
    return window


def progress_line(window: MainWindow) -> str:
    return window.queue.label.text()


def test_ctrl_enter_marks_done_and_opens_the_next_unfinished(
    qtbot: QtBot, queue: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = queue
    workspace.open_document("second")
    assert progress_line(window) == "Done 1/5"
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert dict(saved.rows(STATUS))["second"] == "done"
    assert workspace.doc is not None and workspace.doc.id == "q2"  # q1 is done: skipped
    assert progress_line(window) == "Done 2/5"
    doc_model = window.doc_model
    assert doc_model.data(doc_model.index(doc_model.row_of("second"), 2)) == "Done"

    qtbot.keyClick(view, Qt.Key.Key_Enter, CTRL)  # the keypad Enter too
    assert workspace.doc.id == "q3"
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert workspace.doc.id == "emoji"  # wraps round to the first unfinished
    assert dict(saved.rows(STATUS)) == {
        "emoji": "todo",
        "second": "done",
        "q1": "done",
        "q2": "done",
        "q3": "done",
    }

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo: q3 is unfinished again, reopened
    assert dict(saved.rows(STATUS))["q3"] == "todo"
    assert workspace.doc.id == "q3"
    assert progress_line(window) == "Done 3/5"


def test_next_and_previous_unfinished_keys(
    qtbot: QtBot, queue: MainWindow, view: ArticleView, workspace: Workspace
) -> None:
    workspace.open_document("second")
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)
    assert workspace.doc is not None and workspace.doc.id == "q2"
    qtbot.keyClick(view, Qt.Key.Key_N, ALT | SHIFT)
    assert workspace.doc.id == "second"
    qtbot.keyClick(view, Qt.Key.Key_N, ALT | SHIFT)
    assert workspace.doc.id == "emoji"
    qtbot.keyClick(view, Qt.Key.Key_N, ALT | SHIFT)  # wraps round backwards
    assert workspace.doc.id == "q3"


def test_progress_counts_spans_per_label_and_statistics_dialog_draws_bars(
    qtbot: QtBot, queue: MainWindow, view: ArticleView, workspace: Workspace
) -> None:
    window = queue
    workspace.open_document("q2")
    view.set_selection_cp(0, 5)
    qtbot.keyClick(view, "p")
    view.set_selection_cp(9, 11)
    qtbot.keyClick(view, "o")
    view.set_selection_cp(6, 8)
    qtbot.keyClick(view, "o")
    assert progress_line(window) == "Done 1/5 · ORG 2 · PER 1"
    assert "3 spans" in window.queue.label.toolTip()

    qtbot.keyClick(view, Qt.Key.Key_T, CTRL | SHIFT)
    dialog = window.tools.stats_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    labels = dialog.view.labels
    assert [(name, value) for name, value, _ in labels.items] == [("ORG", 2), ("PER", 1)]
    qtbot.waitUntil(lambda: labels.height() >= labels.sizeHint().height())  # laid out
    org_bar, per_bar = labels.bar_rect(0), labels.bar_rect(1)
    assert org_bar.width() > per_bar.width() > 0
    image = labels.grab().toImage()
    center = per_bar.center().toPoint() * image.devicePixelRatio()
    assert image.pixelColor(center).name() == workspace.schema.label("PER").color

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    per = next(s for s in view.spans() if s.label == "PER")
    view.select_span(per.id)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert progress_line(window) == "Done 1/5 · ORG 2"
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    assert [(name, value) for name, value, _ in labels.items] == [("ORG", 2)]
