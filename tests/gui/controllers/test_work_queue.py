"""The work queue and statistics in the real window, checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.core.assignment import AssignmentPlan
from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.panels.document_list import DocumentListModel
from annotator.gui.state import Workspace
from annotator.store.assignments import write_plan
from annotator.store.models import ModelRecord, ensure_model, store_uncertainty
from annotator.store.statuses import set_status
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL, SHIFT
from tests.helpers.window import add_documents
from tests.helpers.window_fixtures import make_settings

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


@pytest.fixture
def shared(queue: MainWindow) -> MainWindow:
    """emoji, q2 and q3 assigned to tester; emoji and q1 to ana, who marked emoji done."""
    repo = queue.workspace.repo
    pairs = (("emoji", "tester"), ("q2", "tester"), ("q3", "tester"), ("emoji", "ana"))
    write_plan(repo, AssignmentPlan((*pairs, ("q1", "ana")), {}, {}))
    with repo.transaction():
        set_status(repo, "emoji", "ana", "done")
    queue.documents.reload_documents()
    return queue


def listed(window: MainWindow) -> list[tuple[str, str, str]]:
    """The document list as shown: (title, status, done by) of each row."""
    model = window.doc_list.model()
    return [
        (
            model.index(row, DocumentListModel.TITLE).data(),
            model.index(row, DocumentListModel.STATUS).data(),
            model.index(row, DocumentListModel.DONE_BY).data(),
        )
        for row in range(model.rowCount())
    ]


def test_with_assignments_ctrl_enter_goes_through_the_viewers_documents_only(
    qtbot: QtBot, shared: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = shared
    assert listed(window) == [
        ("Emoji test", "To do", "1/2"),
        ("q2", "To do", "0/1"),
        ("q3", "To do", "0/1"),
    ]
    assert progress_line(window) == "Done 0/3 assigned"
    workspace.open_document("emoji")
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert workspace.doc is not None and workspace.doc.id == "q2"  # second is nobody's
    assert listed(window)[0] == ("Emoji test", "Done", "2/2")
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert workspace.doc.id == "q3"  # q1 is ana's
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert window.status_bar.message() == "Saved: marked done. Every document is done now"
    assert progress_line(window) == "Done 3/3 assigned"
    assert dict(saved.rows(STATUS)) == {
        "emoji": "done",
        "second": "todo",
        "q1": "done",  # the project's status from before, which tester still sees
        "q2": "done",
        "q3": "done",
    }


def test_another_annotator_name_shows_their_queue_progress_and_status(
    qtbot: QtBot,
    shared: MainWindow,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = shared
    workspace.open_document("emoji")
    assert window.document_panel.status_combo.currentData() == "todo"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ana", True))
    window.actions_["file.set_annotator_name"].trigger()
    assert listed(window) == [("Emoji test", "Done", "1/2"), ("q1", "Done", "1/1")]
    assert progress_line(window) == "Done 2/2 assigned"
    assert window.document_panel.status_combo.currentData() == "done"
    assert window.actions_["document.status.done"].isChecked()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("citra", True))
    window.actions_["file.set_annotator_name"].trigger()  # nothing assigned: everything
    assert [row[0] for row in listed(window)] == ["Emoji test", "Second", "q1", "q2", "q3"]
    assert progress_line(window) == "Done 1/5"


def test_done_by_takes_room_in_the_list_only_once_documents_have_annotators(
    queue: MainWindow,
) -> None:
    doc_list = queue.doc_list
    assert doc_list.isColumnHidden(DocumentListModel.DONE_BY)  # a project of one
    queue.actions_["document.status.done"].trigger()  # one's own status makes no team
    queue.documents.reload_documents()
    assert doc_list.isColumnHidden(DocumentListModel.DONE_BY)
    title_width = doc_list.columnWidth(DocumentListModel.TITLE)
    repo = queue.workspace.repo
    write_plan(repo, AssignmentPlan((("q2", "ana"),), {}, {}))
    queue.documents.reload_documents()
    assert not doc_list.isColumnHidden(DocumentListModel.DONE_BY)
    assert doc_list.columnWidth(DocumentListModel.TITLE) < title_width


def score(window: MainWindow, scores: dict[str, float]) -> None:
    """A model's uncertainty about these documents, stored as pre-annotating with it would."""
    repo = window.workspace.repo
    with repo.transaction():
        ensure_model(repo, ModelRecord("names@1", "names", "/m", "", "2026", {"id": "names@1"}))
        store_uncertainty(repo, "names@1", "tester", scores)


def list_order(window: MainWindow) -> list[str]:
    return window.doc_filter.visible_ids()


def test_least_certain_first_orders_the_list_and_the_queue_keys_follow_it(
    qtbot: QtBot, queue: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = queue
    doc_list, model = window.doc_list, window.doc_model
    assert doc_list.isColumnHidden(DocumentListModel.UNCERTAINTY)  # no model scored yet
    score(window, {"q3": 0.9, "q1": 0.8, "second": 0.5, "emoji": 0.125})
    qtbot.keyClick(window.doc_filter.order, Qt.Key.Key_Down)  # List order -> Least certain
    assert window.doc_filter.order.currentText() == "Least certain first"
    assert list_order(window) == ["q3", "q1", "second", "emoji", "q2"]  # q2 unscored: last
    assert not doc_list.isColumnHidden(DocumentListModel.UNCERTAINTY)
    assert model.index(model.row_of("q3"), DocumentListModel.UNCERTAINTY).data() == "0.900"
    assert model.index(model.row_of("q2"), DocumentListModel.UNCERTAINTY).data() == ""
    assert workspace.doc is not None and workspace.doc.id == "emoji"  # still open, selected
    assert doc_list.currentIndex().data(DocumentListModel.IdRole) == "emoji"

    workspace.open_document("q3")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert dict(saved.rows(STATUS))["q3"] == "done"
    assert workspace.doc.id == "second"  # q1 is done: skipped
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)
    assert workspace.doc.id == "emoji"
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)
    assert workspace.doc.id == "q2"
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)
    assert workspace.doc.id == "second"  # wraps round to the least certain unfinished
    qtbot.keyClick(view, Qt.Key.Key_N, ALT | SHIFT)
    assert workspace.doc.id == "q2"


def test_least_certain_first_without_scores_keeps_the_list_order_and_says_why(
    qtbot: QtBot, queue: MainWindow
) -> None:
    qtbot.keyClick(queue.doc_filter.order, Qt.Key.Key_Down)
    assert list_order(queue) == ["emoji", "second", "q1", "q2", "q3"]
    assert "No model has scored these documents yet" in queue.status_bar.message()


def test_the_chosen_order_is_remembered_by_the_next_window(
    qtbot: QtBot, queue: MainWindow, settings_path: Path
) -> None:
    order = queue.doc_filter.order
    order.setFocus()
    qtbot.keyClick(order, Qt.Key.Key_End)  # Random
    assert order.currentText() == "Random"
    shuffled = list_order(queue)
    assert sorted(shuffled) == ["emoji", "q1", "q2", "q3", "second"]
    again = MainWindow(
        queue.workspace.repo, queue.workspace.location, "tester", make_settings(settings_path)
    )
    qtbot.addWidget(again)
    assert again.doc_filter.order.currentText() == "Random"
    assert list_order(again) == shuffled
    qtbot.keyClick(again.doc_filter.order, Qt.Key.Key_Home)
    assert list_order(again) == ["emoji", "second", "q1", "q2", "q3"]
    again.close()
