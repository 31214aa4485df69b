"""The span inspector driven with real clicks and keys; emitted edits applied to a real repo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.edits import AddSpan, Edit, RemoveRelation, UpdateSpan
from annotator.core.model import Document, Span, make_span
from annotator.core.operations.relations import make_relation
from annotator.core.operations.spans import default_attrs_for
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_dict
from annotator.gui.panels.inspector import SpanInspector
from annotator.store.repository import Repository

# The offscreen platform cannot resize native windows and says so; not a problem of the app.


def add(repo: Repository, doc: Document, label: str, needle: str) -> Span:
    start = doc.text.index(needle)
    schema = repo.schema()
    span = make_span(
        doc,
        schema.label(label).layer,
        label,
        start,
        start + len(needle),
        "ann",
        attrs=default_attrs_for(schema, label),
    )
    repo.apply(AddSpan(span), "ann")
    return span


class Scene:
    """A project with a claim, a person and a claimant relation, shown in an inspector."""

    def __init__(self, repo: Repository, doc: Document, qtbot: QtBot) -> None:
        self.repo = repo
        self.claim = add(repo, doc, "CLAIM", "Tabbed line")
        self.person = add(repo, doc, "PER", "Jakarta")
        self.relation = make_relation("claimant", self.claim, self.person, repo.schema(), "ann")
        repo.apply(self.relation, "ann")
        self.inspector = SpanInspector()
        qtbot.addWidget(self.inspector)
        self.inspector.show()
        self.edits: list[Edit] = []
        self.inspector.editRequested.connect(self.apply)
        self.refresh(self.claim.id)

    def apply(self, edit: Edit) -> None:
        """What the window does: apply, then show the stored state."""
        self.edits.append(edit)
        self.repo.apply(edit, "ann")
        assert self.inspector.span is not None
        self.refresh(self.inspector.span.id)

    def refresh(self, span_id: str) -> None:
        spans = {s.id: s for s in self.repo.spans("emoji")}
        self.inspector.show_span(
            spans[span_id],
            self.repo.relations_of_span(span_id),
            spans,
            self.repo.schema(),
        )

    def stored(self, span: Span) -> Span:
        found = self.repo.span(span.id)
        assert found is not None
        return found

    def editor(self, name: str) -> QWidget:
        return self.inspector.editor(name)


@pytest.fixture
def scene(repo: Repository, emoji_doc: Document, qtbot: QtBot) -> Scene:
    return Scene(repo, emoji_doc, qtbot)


def test_shows_label_text_author_attributes_and_relations(scene: Scene) -> None:
    inspector = scene.inspector
    assert inspector.label_title.text() == "CLAIM  ·  claim"
    # the label's colour bar is painted at the title's left edge
    title = inspector.label_title
    bar = title.grab().toImage().pixelColor(2, title.height() // 2)
    assert bar.name() == default_schema().label("CLAIM").color
    assert inspector.text_label.text() == "Tabbed line"
    assert inspector.meta_label.text().startswith("by ann · ")
    assert inspector.attribute_names() == ["checkworthy", "verifiability", "polarity"]
    assert isinstance(scene.editor("checkworthy"), QCheckBox)
    combo = scene.editor("polarity")
    assert isinstance(combo, QComboBox) and combo.currentText() == "not set"
    assert inspector.relation_list.count() == 1
    assert inspector.relation_list.item(0).text() == "claimant → “Jakarta” (PER)"
    scene.refresh(scene.person.id)
    assert inspector.attribute_names() == ["negated"]
    negated = scene.editor("negated")
    assert isinstance(negated, QCheckBox)
    assert (negated.text(), negated.checkState()) == (
        "negated (not set)",
        Qt.CheckState.PartiallyChecked,
    )
    assert inspector.relation_list.item(0).text() == "“Tabbed line” (CLAIM) → claimant → this"
    inspector.show_span(None, [], {}, None)
    assert inspector.label_title.text() == "No span selected"
    assert not inspector.note_edit.isEnabled()


def test_click_checkbox_sets_bool_attribute_and_undo_restores(scene: Scene, qtbot: QtBot) -> None:
    box = scene.editor("checkworthy")
    assert isinstance(box, QCheckBox)
    with qtbot.waitSignal(scene.inspector.editRequested) as signal:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    edit = signal.args[0]
    assert isinstance(edit, UpdateSpan) and edit.after.attrs["checkworthy"] is True
    assert scene.stored(scene.claim).attrs["checkworthy"] is True
    assert box.isChecked()
    scene.apply(edit.inverse())  # undo
    assert scene.stored(scene.claim).attrs["checkworthy"] is False
    assert not box.isChecked()
    scene.apply(edit)  # redo
    assert scene.stored(scene.claim).attrs["checkworthy"] is True


def test_choose_combo_item_with_the_keyboard(scene: Scene, qtbot: QtBot) -> None:
    combo = scene.editor("verifiability")
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    with qtbot.waitSignal(scene.inspector.editRequested):
        combo.activated.emit(combo.findText("contested"))
    assert scene.stored(scene.claim).attrs["verifiability"] == "contested"
    # keyboard: Down selects the next choice and commits it
    polarity = scene.editor("polarity")
    assert isinstance(polarity, QComboBox)
    polarity.setFocus()
    with qtbot.waitSignal(scene.inspector.editRequested):
        qtbot.keyClick(polarity, Qt.Key.Key_Down)
    assert scene.stored(scene.claim).attrs["polarity"] == "asserted"
    assert polarity.currentText() == "asserted"
    # "not set" stays offered: choosing it takes the value back
    with qtbot.waitSignal(scene.inspector.editRequested):
        polarity.activated.emit(polarity.findText("not set"))
    assert "polarity" not in scene.stored(scene.claim).attrs


def test_tab_reaches_every_attribute_in_order(scene: Scene, qtbot: QtBot) -> None:
    first = scene.editor("checkworthy")
    assert isinstance(first, QCheckBox)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    seen = [scene.inspector.focusWidget()]
    for _ in range(2):
        qtbot.keyClick(scene.inspector.focusWidget(), Qt.Key.Key_Tab)
        seen.append(scene.inspector.focusWidget())
    assert seen == [scene.editor(n) for n in ("checkworthy", "verifiability", "polarity")]


def test_note_is_committed_on_ctrl_enter_not_per_keystroke(scene: Scene, qtbot: QtBot) -> None:
    note = scene.inspector.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "who said")
    note.insertPlainText(" 😀?")  # QTest cannot type astral characters; a paste can
    assert scene.edits == []
    with qtbot.waitSignal(scene.inspector.editRequested):
        qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert scene.stored(scene.claim).note == "who said 😀?"
    assert len(scene.edits) == 1
    assert note.toPlainText() == "who said 😀?"


def test_note_is_committed_on_focus_out(scene: Scene, qtbot: QtBot) -> None:
    note = scene.inspector.note_edit
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "check")
    with qtbot.waitSignal(scene.inspector.editRequested):
        scene.editor("checkworthy").setFocus()
    assert scene.stored(scene.claim).note == "check"


def test_delete_relation_with_button_and_key(scene: Scene, qtbot: QtBot) -> None:
    inspector = scene.inspector
    inspector.relation_list.setCurrentRow(0)
    with qtbot.waitSignal(inspector.editRequested) as signal:
        qtbot.mouseClick(inspector.delete_relation_button, Qt.MouseButton.LeftButton)
    assert isinstance(signal.args[0], RemoveRelation)
    assert scene.repo.relations("emoji") == []
    assert inspector.relation_list.count() == 0
    scene.apply(signal.args[0].inverse())  # undo brings it back, Delete key removes it again
    assert inspector.relation_list.count() == 1
    inspector.relation_list.setFocus()
    inspector.relation_list.setCurrentRow(0)
    with qtbot.waitSignal(inspector.editRequested):
        qtbot.keyClick(inspector.relation_list, Qt.Key.Key_Delete)
    assert scene.repo.relations("emoji") == []


def test_text_attribute_commits_on_enter(
    repo: Repository, emoji_doc: Document, qtbot: QtBot
) -> None:
    data = repo.schema().to_dict()
    data["attributes"].append({"name": "source", "layer": "claim", "type": "text"})
    schema: Schema = schema_from_dict(data)
    claim = make_span(emoji_doc, "claim", "CLAIM", 0, 2, "ann")
    inspector = SpanInspector()
    qtbot.addWidget(inspector)
    inspector.show_span(claim, [], {claim.id: claim}, schema)
    line = inspector.editor("source")
    assert isinstance(line, QLineEdit)
    line.setFocus()
    qtbot.keyClicks(line, "Reuters")
    with qtbot.waitSignal(inspector.editRequested) as signal:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert signal.args[0].after.attrs == {"source": "Reuters"}
    assert signal.args[0].before == claim


def test_opening_a_relation_asks_for_the_other_end(scene: Scene, qtbot: QtBot) -> None:
    item = scene.inspector.relation_list.item(0)
    with qtbot.waitSignal(scene.inspector.spanRequested) as signal:
        scene.inspector.relation_list.itemActivated.emit(item)
    assert signal.args == [scene.person.id]
