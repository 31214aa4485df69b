"""Pre-annotation and review in the real window: dialog, drawn suggestions, keys, database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL
from tests.helpers.window import add_documents

TEXT = "😀 Floods in Bandung; Jakarta 👩🏽‍🎨 sent help to Bandung."
SUGGESTIONS = 'SELECT label, start, "end", status FROM suggestions WHERE doc_id = ? ORDER BY start'
SPANS = 'SELECT label, start, "end", text, origin, annotator FROM spans WHERE doc_id = ?'


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    path = tmp_path / "cities.csv"
    path.write_text("Jakarta,GPE\nBandung,GPE\n")
    return path


def run_dialog(qtbot: QtBot, window: MainWindow, source: Path, keys: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_P, keys)
    dialog = window.review.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.source.setText(str(source))
    with qtbot.waitSignal(dialog.runFinished, timeout=20000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_gazetteer_suggestions_drawn_accepted_and_rejected_with_keys(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    workspace: Workspace,
    saved: SavedProject,
    gazetteer: Path,
) -> None:
    add_documents(window, Document(id="news", text=TEXT, title="News"))
    workspace.open_document("news")
    run_dialog(qtbot, window, gazetteer, CTRL | Qt.KeyboardModifier.AltModifier)  # this doc

    first, jakarta, last = TEXT.find("Bandung"), TEXT.find("Jakarta"), TEXT.rfind("Bandung")
    assert saved.rows(SUGGESTIONS, ("news",)) == [
        ("GPE", first, first + 7, "pending"),
        ("GPE", jakarta, jakarta + 7, "pending"),
        ("GPE", last, last + 7, "pending"),
    ]
    review = window.review
    assert review.dock.isVisible()
    drawn = [s.id for s in review.pending()]
    assert all(view.span_geometry(sid) for sid in drawn)  # dashed boxes on the text
    assert view.spans() == []  # suggestions are not spans

    view.setFocus()
    view.set_selection_cp(jakarta + 2, jakarta + 2)  # caret inside "Jakarta"
    qtbot.keyClick(view, Qt.Key.Key_A, ALT)
    assert saved.rows(SPANS, ("news",)) == [
        ("GPE", jakarta, jakarta + 7, "Jakarta", "gazetteer:cities.csv", "tester")
    ]
    assert [r[3] for r in saved.rows(SUGGESTIONS, ("news",))] == [
        "pending",
        "accepted",
        "pending",
    ]
    assert [s.text for s in view.spans()] == ["Jakarta"]
    assert len(review.pending()) == 2
    assert not view.span_geometry(drawn[1])  # no longer drawn as a suggestion

    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # walk to a suggestion, reject it
    start, _end = view.selection_cp()
    assert start in (first, last)
    qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    statuses = {r[1]: r[3] for r in saved.rows(SUGGESTIONS, ("news",))}
    assert statuses[start] == "rejected"
    assert len(review.pending()) == 1

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the rejection is one undo step
    assert {r[1]: r[3] for r in saved.rows(SUGGESTIONS, ("news",))}[start] == "pending"
    assert len(review.pending()) == 2

    qtbot.mouseClick(review.panel.accept_all_button, Qt.MouseButton.LeftButton)
    assert [r[3] for r in saved.rows(SUGGESTIONS, ("news",))] == ["accepted"] * 3
    assert len(saved.rows(SPANS, ("news",))) == 3
    assert review.pending() == [] and len(view.spans()) == 3


def test_cancel_of_a_running_preannotation_writes_nothing(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject, gazetteer: Path
) -> None:
    add_documents(
        window, *(Document(id=f"d{i}", text=f"Report {i} from Jakarta.") for i in range(3000))
    )
    qtbot.keyClick(view, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.review.dialog
    assert dialog is not None and dialog.doc_ids is None  # all documents
    dialog.source.setText(str(gazetteer))
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=20000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert dialog.message.text() == "Cancelled; nothing was written."
    assert saved.rows("SELECT count(*) FROM suggestions") == [(0,)]
    assert window.review.pending() == []
