"""Annotating in the real window with keys and mouse; every check reads the database afresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, SHIFT, select_by_keys


def test_word_after_emoji_hotkey_relabel_delete_undo_redo(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    start = EMOJI_TEXT.find("there")
    select_by_keys(qtbot, window, start, len("there"))
    assert view.selection_cp() == (start, start + 5)

    qtbot.keyClick(view, "p")
    rows = saved.span_rows()
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("PER", start, start + 5, "there")]
    span_id = rows[0][0]
    assert window.status_bar.message() == "Saved: added PER “there”"
    assert window.span_model.rowCount() == 1
    assert [s.id for s in view.spans()] == [span_id]
    assert window.doc_model.data(window.doc_model.index(0, 1)) == 1
    entry = saved.edit_log("emoji")[0]
    assert (entry.kind, entry.annotator) == ("add_span", "tester")

    qtbot.keyClick(view, "o")  # the new span is selected: another hotkey relabels it
    assert saved.span_rows() == [(span_id, "ORG", start, start + 5, "there")]
    assert window.status_bar.message() == "Saved: relabelled “there” PER → ORG"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert saved.span_rows() == []
    assert view.spans() == []
    assert window.span_model.rowCount() == 0

    assert window.actions_["edit.undo"].text() == "&Undo delete ORG “there”"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.span_rows() == [(span_id, "ORG", start, start + 5, "there")]
    assert [s.label for s in view.spans()] == ["ORG"]
    assert window.status_bar.message().startswith("Saved: undid deleted ORG")

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert saved.span_rows() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # and Ctrl+Y redoes too
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert saved.span_rows() == []


def test_partial_word_snaps_to_whole_word_and_whitespace_is_trimmed(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, window, start - 1, 4)  # " Jak"
    qtbot.keyClick(view, "g")
    assert [r[1:] for r in saved.span_rows()] == [("GPE", start, start + 7, "Jakarta")]


def test_snapping_can_be_switched_off(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    snap = window.actions_["edit.snap_to_words"]
    snap.trigger()
    assert not snap.isChecked()
    assert not window.span_editing.snap_to_words()
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, window, start, 3)
    qtbot.keyClick(view, "g")
    assert [r[1:] for r in saved.span_rows()] == [("GPE", start, start + 3, "Jak")]
    assert window.settings.value("edit/snap_to_words") in (False, "false")


def test_palette_click_creates_a_span(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    start = EMOJI_TEXT.find("café")
    select_by_keys(qtbot, window, start, 4)
    item = window.label_palette.item_for("MISC")
    assert item is not None
    assert "Other named thing" in item.toolTip(0)
    rect = window.label_palette.visualItemRect(item)
    qtbot.mouseClick(window.label_palette.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [r[1:] for r in saved.span_rows()] == [("MISC", start, start + 4, "café")]


def test_overlapping_section_is_refused_with_the_reason(
    qtbot: QtBot, window: MainWindow, view: ArticleView, session: EditSession, saved: SavedProject
) -> None:
    select_by_keys(qtbot, window, 0, 11)  # "Hi 😀 there"
    qtbot.keyClick(view, "1")
    assert [r[1] for r in saved.span_rows()] == ["HEADLINE"]
    select_by_keys(qtbot, window, 6, 10)
    qtbot.keyClick(view, "5")
    assert "may not overlap" in window.status_bar.message()
    assert window.status_bar.kind() == "problem"
    assert [r[1] for r in saved.span_rows()] == ["HEADLINE"]
    assert window.span_model.rowCount() == 1
    assert not session.stack.canRedo()
    assert session.stack.count() == 1


def test_relabel_to_another_layer_follows_the_validator(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    select_by_keys(qtbot, window, 0, 2)
    qtbot.keyClick(view, "1")  # HEADLINE over "Hi"
    select_by_keys(qtbot, window, EMOJI_TEXT.find("there"), 5)
    qtbot.keyClick(view, "p")  # PER over "there", selected now
    qtbot.keyClick(view, "c")  # entity -> claim: allowed, attributes reset to claim's
    labels = {r[4]: r[1] for r in saved.span_rows()}
    assert labels == {"Hi": "HEADLINE", "there": "CLAIM"}
    assert saved.spans("emoji")[1].attrs == {"checkworthy": False}  # the others unset
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_span_id() is None
    there_id = saved.span_rows()[1][0]
    rect = window.span_list.visualRect(window.span_model.index(1, 1))  # click it in the list
    qtbot.mouseClick(window.span_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_span_id() == there_id
    view.setFocus()
    qtbot.keyClick(view, "2")  # CLAIM "there" -> DATELINE, beside the HEADLINE
    assert {r[4]: r[1] for r in saved.span_rows()} == {"Hi": "HEADLINE", "there": "DATELINE"}


def test_unknown_hotkey_and_empty_selection_say_why(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    qtbot.keyClick(view, "x")
    assert "No label has the key “x”" in window.status_bar.message()
    qtbot.keyClick(view, "p")
    assert "Select some text first" in window.status_bar.message()
    select_by_keys(qtbot, window, 2, 1)  # a lone space
    qtbot.keyClick(view, "p")
    assert "only whitespace" in window.status_bar.message()
    assert saved.span_rows() == []


def test_undo_after_switching_documents_goes_back_to_that_document(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    select_by_keys(qtbot, window, EMOJI_TEXT.find("there"), 5)
    qtbot.keyClick(view, "p")
    assert len(saved.span_rows()) == 1

    rect = window.doc_list.visualRect(window.doc_list.index_of("second"))
    qtbot.mouseClick(window.doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert workspace.doc is not None and workspace.doc.id == "second"
    assert view.toPlainText().startswith("Second article")

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert workspace.doc.id == "emoji"
    assert saved.span_rows() == []
    assert window.doc_list.currentIndex().row() == window.doc_model.row_of("emoji")

    qtbot.keyClick(window.doc_list, Qt.Key.Key_Down)  # keyboard in the list switches too
    assert workspace.doc.id == "second"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert workspace.doc.id == "emoji"
    assert [r[4] for r in saved.span_rows()] == ["there"]


def test_document_status_is_an_undoable_edit(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    window.actions_["document.status.done"].trigger()
    assert saved.status("emoji") == "done"
    row = window.doc_model.row_of("emoji")
    assert window.doc_model.data(window.doc_model.index(row, 2)) == "Done"
    assert window.status_bar.message() == "Saved: status set to done"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.status("emoji") == "todo"
    assert window.actions_["document.status.todo"].isChecked()
    assert window.doc_model.data(window.doc_model.index(row, 2)) == "To do"


def test_the_same_label_twice_on_the_same_text_is_refused(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    start = EMOJI_TEXT.find("Jakarta")
    for key in ("g", "l", "g"):
        qtbot.keyClick(view, Qt.Key.Key_Escape)  # no span selected: hotkeys add spans
        select_by_keys(qtbot, window, start, 7)
        qtbot.keyClick(view, key)
    assert "“Jakarta” is already a GPE" in window.status_bar.message()
    assert sorted(r[1] for r in saved.span_rows()) == ["GPE", "LOC"]  # nested labels are fine
    assert window.doc_model.data(window.doc_model.index(0, 1)) == 2
