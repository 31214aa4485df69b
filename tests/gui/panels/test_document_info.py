"""The document panel: status, document labels and note, applied to a real project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.edits import Edit, UpdateDocument
from annotator.core.model import Document
from annotator.gui.panels.document_info import DocumentPanel
from annotator.store.repository import Repository


class Scene:
    def __init__(self, repo: Repository, qtbot: QtBot) -> None:
        self.repo = repo
        self.panel = DocumentPanel()
        qtbot.addWidget(self.panel)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.edits: list[Edit] = []
        self.panel.editRequested.connect(self.apply)
        self.panel.set_document(repo.document("emoji"), repo.schema())

    def apply(self, edit: Edit) -> None:
        self.edits.append(edit)
        self.repo.apply(edit, "ann")
        self.panel.set_document(self.repo.document("emoji"), self.repo.schema())

    def row(self) -> tuple[str, str, str]:
        return self.repo.db.execute(
            "SELECT coalesce((SELECT status FROM document_status WHERE doc_id = d.id "
            "AND annotator = 'ann'), 'todo'), note, labels FROM documents d WHERE id = 'emoji'"
        ).fetchone()


@pytest.fixture
def scene(repo: Repository, emoji_doc: Document, qtbot: QtBot) -> Scene:
    return Scene(repo, qtbot)


def test_shows_the_schema_document_labels(scene: Scene) -> None:
    assert scene.panel.title_edit.text() == "Emoji test"
    combo = scene.panel.label_combos["topic"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "—",
        "conflict",
        "politics",
        "economy",
        "health",
        "science",
        "other",
    ]
    assert combo.currentText() == "—"
    assert scene.panel.status_combo.currentText() == "To do"  # as the document list says


def test_choose_a_document_label_with_keys_then_undo(scene: Scene, qtbot: QtBot) -> None:
    combo = scene.panel.label_combos["topic"]
    combo.setFocus()
    with qtbot.waitSignal(scene.panel.editRequested) as signal:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    edit = signal.args[0]
    assert edit == UpdateDocument("emoji", {"labels": {}}, {"labels": {"topic": "conflict"}})
    assert scene.row()[2] == '{"topic": "conflict"}'
    with qtbot.waitSignal(scene.panel.editRequested):
        combo.activated.emit(combo.findText("science"))
    assert scene.row()[2] == '{"topic": "science"}'
    scene.apply(scene.edits[-1].inverse())
    assert scene.row()[2] == '{"topic": "conflict"}'
    assert combo.currentText() == "conflict"


def test_status_and_note(scene: Scene, qtbot: QtBot) -> None:
    status = scene.panel.status_combo
    with qtbot.waitSignal(scene.panel.editRequested):
        status.activated.emit(status.findData("needs_review"))
    assert scene.row()[0] == "needs_review"
    note = scene.panel.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "Which ministry?")
    assert scene.row()[1] == ""
    with qtbot.waitSignal(scene.panel.editRequested):
        qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert scene.row()[1] == "Which ministry?"
    assert [e.kind for e in scene.repo.edit_log(doc_id="emoji", limit=2)] == [
        "update_document",
        "update_document",
    ]


def test_no_document(qtbot: QtBot) -> None:
    panel = DocumentPanel()
    qtbot.addWidget(panel)
    assert panel.title_edit.text() == ""
    assert panel.title_edit.placeholderText() == "No document open"
    assert not panel.note_edit.isEnabled()


def test_the_title_is_edited_in_place_and_undone(scene: Scene, qtbot: QtBot) -> None:
    title = scene.panel.title_edit
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "  Kementerian   Pertahanan ")
    title.insert("😀 ")  # QTest types ASCII only
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert scene.repo.document("emoji").title == "Kementerian Pertahanan 😀"
    [edit] = scene.edits
    assert edit.done_text() == "document title set to “Kementerian Pertahanan 😀”"
    scene.apply(edit.inverse())
    assert scene.repo.document("emoji").title == "Emoji test"
    assert title.text() == "Emoji test"


def test_an_empty_title_is_refused_and_the_old_one_shown(scene: Scene, qtbot: QtBot) -> None:
    title = scene.panel.title_edit
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert scene.edits == []
    assert title.text() == "Emoji test"
    assert scene.repo.document("emoji").title == "Emoji test"
