"""The span inspector: the selected span's label, text, author, attributes, relations and note.

It never writes anything itself: every change is emitted as a core edit on ``editRequested``
(``UpdateSpan`` for attributes and the note, ``RemoveRelation`` for a deleted relation) and
the window applies it through ``Repository.apply``, then calls ``show_span`` again with what
is stored. Calling ``show_span`` for the span already shown updates the editors in place, so
keyboard focus stays where the user is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import Edit
from annotator.core.model import Relation, Span
from annotator.core.operations.relations import remove_relation
from annotator.core.operations.spans import clear_attribute, set_attribute, set_span_note
from annotator.core.schema import AttributeDef, Schema
from annotator.gui.widgets.note_edit import NoteEdit

_UNSET = "not set"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relation_text(relation: Relation, span: Span, spans_by_id: dict[str, Span]) -> str:
    """How a relation reads from ``span``'s side: ``claimant → “Retno” (PER)``."""
    outgoing = relation.head == span.id
    other = spans_by_id.get(relation.tail if outgoing else relation.head)
    end = f"“{_short(other.text, 40)}” ({other.label})" if other else "(missing span)"
    return f"{relation.label} → {end}" if outgoing else f"{end} → {relation.label} → this"


class SpanInspector(QWidget):
    editRequested = Signal(object)
    """A core Edit the window should apply (UpdateSpan or RemoveRelation)."""
    spanRequested = Signal(str)
    """The id of a relation's other end, when the user opens a relation (Enter/double-click)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._span: Span | None = None
        self._schema: Schema | None = None
        self._spans_by_id: dict[str, Span] = {}
        self._editors: dict[str, QWidget] = {}

        self.label_title = QLabel()
        self.label_title.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setEnabled(False)

        self.attr_box = QGroupBox("Attributes")
        self.attr_form = QFormLayout(self.attr_box)

        self.relation_list = QListWidget()
        self.relation_list.setAccessibleName("Relations")
        self.delete_relation_button = QPushButton("Delete relation")
        self.delete_relation_button.setEnabled(False)
        self.delete_relation_button.clicked.connect(self.delete_selected_relation)
        delete_action = QAction("Delete relation", self.relation_list)
        delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_selected_relation)
        self.relation_list.addAction(delete_action)
        self.relation_list.currentItemChanged.connect(
            lambda current, _previous: self.delete_relation_button.setEnabled(current is not None)
        )
        self.relation_list.itemActivated.connect(self._open_relation)
        relation_box = QGroupBox("Relations")
        relation_layout = QVBoxLayout(relation_box)
        relation_layout.addWidget(self.relation_list)
        relation_layout.addWidget(self.delete_relation_button)

        self.note_edit = NoteEdit()
        self.note_edit.setAccessibleName("Span note")
        self.note_edit.committed.connect(self._commit_note)
        note_box = QGroupBox("Note")
        QVBoxLayout(note_box).addWidget(self.note_edit)

        layout = QVBoxLayout(self)
        for widget in (self.label_title, self.text_label, self.meta_label):
            layout.addWidget(widget)
        layout.addWidget(self.attr_box)
        layout.addWidget(relation_box, 1)
        layout.addWidget(note_box, 1)
        self.show_span(None, [], {}, None)

    # ----- what the window calls --------------------------------------------------------
    @property
    def span(self) -> Span | None:
        return self._span

    def show_span(
        self,
        span: Span | None,
        relations: list[Relation],
        spans_by_id: dict[str, Span],
        schema: Schema | None,
    ) -> None:
        """Show ``span`` (None: nothing selected) with its relations, as stored now."""
        same = (
            span is not None
            and self._span is not None
            and span.id == self._span.id
            and schema is self._schema
        )
        if self._span is not None and not same:
            self.note_edit.commit()  # a note typed for the previous span is not lost
        self._span, self._schema, self._spans_by_id = span, schema, dict(spans_by_id)
        enabled = span is not None and schema is not None
        for widget in (self.attr_box, self.relation_list, self.note_edit):
            widget.setEnabled(enabled)
        if span is None or schema is None:
            self.label_title.setText("No span selected")
            self.label_title.setStyleSheet("")
            self.text_label.setText("")
            self.meta_label.setText("")
            self._rebuild_attributes([], {})
            self.relation_list.clear()
            self.note_edit.load("")
            return
        color = schema.label(span.label).color if schema.has_label(span.label) else "#cccccc"
        self.label_title.setText(f"{span.label}  ·  {span.layer}")
        # Spelled out: the shorthand "border-left: 8px solid c" paints nothing in Fusion.
        self.label_title.setStyleSheet(
            f"QLabel {{ border-style: solid; border-color: {color}; border-width: 0 0 0 8px;"
            " padding-left: 6px; font-weight: bold }"
        )
        self.text_label.setText(_short(span.text, 400))
        self.text_label.setToolTip(span.text)
        created = span.created_at.replace("T", " ")[:19]
        who = span.annotator or "unknown annotator"
        origin = f" · from {span.origin}" if span.origin else ""
        self.meta_label.setText(f"by {who} · {created}{origin}")
        attributes = schema.attributes_of(span.layer)
        if same and list(self._editors) == [a.name for a in attributes]:
            self._update_attributes(attributes, span.attrs)
        else:
            self._rebuild_attributes(attributes, span.attrs)
        self._fill_relations(span, relations)
        self.note_edit.load(span.note)

    # ----- attributes -------------------------------------------------------------------
    def editor(self, name: str) -> QWidget:
        """The editor of the shown span's attribute ``name``."""
        return self._editors[name]

    def attribute_names(self) -> list[str]:
        """The attributes the shown span has editors for, in form order."""
        return list(self._editors)

    def _rebuild_attributes(self, attributes: list[AttributeDef], values: dict[str, Any]) -> None:
        while self.attr_form.rowCount():
            row = self.attr_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()  # may be the sender of the signal in progress
        self._editors = {}
        for attr in attributes:
            editor = self._make_editor(attr)
            editor.setAccessibleName(attr.name)
            if attr.description:
                editor.setToolTip(attr.description)
            self._editors[attr.name] = editor
            if isinstance(editor, QCheckBox):
                self.attr_form.addRow(editor)
            else:
                self.attr_form.addRow(attr.name, editor)
        self._update_attributes(attributes, values)
        self.attr_box.setVisible(bool(attributes))

    def _make_editor(self, attr: AttributeDef) -> QWidget:
        name = attr.name
        if attr.type == "bool":
            box = QCheckBox(name)  # the whole "[x] name" is clickable
            box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            box.clicked.connect(lambda checked: self._set_attr(name, bool(checked)))
            return box
        if attr.type == "choice":
            combo = QComboBox()
            combo.activated.connect(lambda index: self._set_attr(name, combo.itemData(index)))
            return combo
        line = QLineEdit()
        line.editingFinished.connect(lambda: self._set_attr(name, line.text()))
        return line

    def _update_attributes(self, attributes: list[AttributeDef], values: dict[str, Any]) -> None:
        for attr in attributes:
            editor = self._editors[attr.name]
            value = values.get(attr.name)
            editor.blockSignals(True)
            if isinstance(editor, QCheckBox):
                # unset shows as partly checked; a click sets true (then false, ...)
                editor.setTristate(value is None)
                editor.setCheckState(
                    Qt.CheckState.PartiallyChecked
                    if value is None
                    else Qt.CheckState.Checked
                    if value
                    else Qt.CheckState.Unchecked
                )
                editor.setText(f"{attr.name} ({_UNSET})" if value is None else attr.name)
            elif isinstance(editor, QComboBox):
                editor.clear()
                editor.addItem(_UNSET, None)  # always offered, so a value can be taken back
                for choice in attr.choices:
                    editor.addItem(choice, choice)
                editor.setCurrentIndex(max(0, editor.findData(value)) if value is not None else 0)
            elif isinstance(editor, QLineEdit) and editor.text() != (value or ""):
                editor.setText(value or "")
            editor.blockSignals(False)

    def _set_attr(self, name: str, value: Any) -> None:
        span, schema = self._span, self._schema
        if span is None or schema is None or span.attrs.get(name) == value:
            return
        if value is None:
            self._emit(clear_attribute(span, name))
        else:
            self._emit(set_attribute(span, schema, name, value))

    # ----- relations and note -----------------------------------------------------------
    def _fill_relations(self, span: Span, relations: list[Relation]) -> None:
        selected = self.selected_relation()
        self.relation_list.clear()
        for relation in relations:
            if span.id not in (relation.head, relation.tail):
                continue
            item = QListWidgetItem(relation_text(relation, span, self._spans_by_id))
            item.setData(Qt.ItemDataRole.UserRole, relation)
            self.relation_list.addItem(item)
            if selected is not None and relation.id == selected.id:
                self.relation_list.setCurrentItem(item)
        self.delete_relation_button.setEnabled(self.relation_list.currentItem() is not None)

    def selected_relation(self) -> Relation | None:
        item = self.relation_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def delete_selected_relation(self) -> None:
        relation = self.selected_relation()
        if relation is not None:
            self._emit(remove_relation(relation))

    def _open_relation(self, item: QListWidgetItem) -> None:
        relation: Relation = item.data(Qt.ItemDataRole.UserRole)
        if self._span is not None:
            other = relation.tail if relation.head == self._span.id else relation.head
            self.spanRequested.emit(other)

    def _commit_note(self, text: str) -> None:
        if self._span is not None and text != self._span.note:
            self._emit(set_span_note(self._span, text))

    def _emit(self, edit: Edit) -> None:
        after = getattr(edit, "after", None)
        if isinstance(after, Span):
            self._span = after  # the next change builds on this one until show_span says otherwise
        self.editRequested.emit(edit)
