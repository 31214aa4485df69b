"""The span inspector and the document panel docked in the real window: what they show, edits
made in them (mouse and keyboard), undo, and the document list's labels and filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.panels.document_list import DocumentListModel
from annotator.gui.state import Workspace
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, select_by_keys
from tests.helpers.window import add_span

LEFT = Qt.MouseButton.LeftButton
CLAIM_DEFAULTS = {"checkworthy": False}  # verifiability and polarity stay unset


def test_new_claim_gets_the_schema_defaults_and_a_relabel_across_layers_resets_them(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    select_by_keys(qtbot, window, EMOJI_TEXT.find("Second"), len("Second line"))
    qtbot.keyClick(view, "c")
    [span] = saved.spans("emoji")
    assert (span.label, span.attrs) == ("CLAIM", CLAIM_DEFAULTS)
    assert window.inspector.inspector.span is not None
    assert window.inspector.inspector.span.id == span.id  # the new span is shown at once
    qtbot.keyClick(view, "u")  # QUOTE: same layer, the attributes stay
    assert saved.span(span.id).attrs == CLAIM_DEFAULTS
    qtbot.keyClick(view, "g")  # GPE: entity layer, its own defaults (none: negated unset)
    assert saved.span(span.id).attrs == {}


def test_inspector_shows_the_span_selected_with_tab(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    gpe = add_span(window, "GPE", "Jakarta")
    claim = add_span(window, "CLAIM", "Second line")
    view.select_span(None)
    inspector = window.inspector.inspector
    assert inspector.span is None
    assert inspector.label_title.text() == "No span selected"
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert inspector.span is not None and inspector.span.id == gpe.id
    assert inspector.label_title.text() == "GPE  ·  entity"
    assert inspector.text_label.text() == "Jakarta"
    assert "tester" in inspector.meta_label.text()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert inspector.span is not None and inspector.span.id == claim.id
    assert inspector.attr_box.isVisibleTo(inspector)


def test_attributes_by_mouse_and_keyboard_with_undo(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    claim = add_span(window, "CLAIM", "Second line", attrs=CLAIM_DEFAULTS)
    view.select_span(claim.id)
    attr_box = window.inspector.inspector.attr_box
    [checkbox] = attr_box.findChildren(QCheckBox)
    qtbot.mouseClick(checkbox, LEFT, pos=checkbox.rect().center())
    assert saved.span(claim.id).attrs["checkworthy"] is True
    assert window.status_bar.message() == "Saved: set checkworthy = true on CLAIM “Second line”"

    qtbot.keyClick(view, Qt.Key.Key_F2)  # into the inspector: the first attribute
    assert QApplication.focusWidget() is checkbox
    qtbot.keyClick(checkbox, Qt.Key.Key_Tab)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "verifiability"
    assert combo.currentText() == "not set"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # not set -> verifiable
    assert saved.span(claim.id).attrs["verifiability"] == "verifiable"
    assert combo.currentText() == "verifiable"
    qtbot.keyClick(combo, Qt.Key.Key_Escape)  # back to the text
    assert QApplication.focusWidget() is view

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert "verifiability" not in saved.span(claim.id).attrs
    assert combo.currentText() == "not set"  # the inspector shows what is stored
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.span(claim.id).attrs == CLAIM_DEFAULTS
    assert not checkbox.isChecked()


def test_span_note_is_committed_when_leaving_it(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    claim = add_span(window, "CLAIM", "Second line")
    view.select_span(claim.id)
    note = window.inspector.inspector.note_edit
    qtbot.mouseClick(note.viewport(), LEFT)
    qtbot.keyClicks(note, "Who said this?")
    assert saved.span(claim.id).note == ""
    qtbot.keyClick(note, Qt.Key.Key_Escape)  # Esc: back to the text, the note is saved
    assert QApplication.focusWidget() is view
    assert saved.span(claim.id).note == "Who said this?"
    assert window.status_bar.message() == "Saved: note of CLAIM “Second line” saved"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.span(claim.id).note == ""
    assert note.toPlainText() == ""


def test_document_label_and_note_with_undo_shown_and_filtered_in_the_list(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    panel = window.inspector.document_panel
    qtbot.keyClick(view, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is panel.status_combo
    qtbot.keyClick(panel.status_combo, Qt.Key.Key_Tab)
    topic = QApplication.focusWidget()
    assert topic is panel.label_combos["topic"]
    qtbot.keyClick(topic, Qt.Key.Key_Down)  # "—" -> conflict
    assert saved.document("emoji").labels == {"topic": "conflict"}
    assert window.status_bar.message() == "Saved: document label topic = conflict"
    model = window.doc_model
    row = model.row_of("emoji")
    assert model.data(model.index(row, DocumentListModel.LABELS)) == "conflict"

    filter_bar = window.doc_filter
    qtbot.keyClicks(filter_bar.text, "conflict")
    assert filter_bar.visible_ids() == ["emoji"]
    filter_bar.text.clear()
    assert filter_bar.visible_ids() == ["emoji", "second"]
    filter_bar.label.setCurrentIndex(filter_bar.label.findText("topic: none"))
    assert filter_bar.visible_ids() == ["second"]
    assert workspace.doc is not None and workspace.doc.id == "emoji"  # filtering opens nothing
    assert not window.doc_list.currentIndex().isValid()
    filter_bar.label.setCurrentIndex(0)
    assert window.doc_list.currentIndex().data(DocumentListModel.IdRole) == "emoji"

    qtbot.mouseClick(panel.note_edit.viewport(), LEFT)
    qtbot.keyClicks(panel.note_edit, "Ask the desk")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, CTRL)
    assert saved.document("emoji").note == "Ask the desk"
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.document("emoji").note == ""
    assert panel.note_edit.toPlainText() == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.document("emoji").labels == {}
    assert panel.label_combos["topic"].currentText() == "—"
    assert model.data(model.index(row, DocumentListModel.LABELS)) == ""

    window.actions_["document.status.done"].trigger()  # the status filter follows edits
    filter_bar.status.setCurrentIndex(filter_bar.status.findData("todo"))
    assert filter_bar.visible_ids() == ["second"]
    assert panel.status_combo.currentData() == "done"
