"""The document panel: status, document labels from the schema, and the document's note.

Like the span inspector it writes nothing itself: each change is emitted as an
``UpdateDocument`` on ``editRequested`` and the window applies it, then calls
``set_document`` with what is stored.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import UpdateDocument
from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT, Document
from annotator.core.operations.documents import (
    set_document_label,
    set_document_note,
    set_document_status,
    set_document_title,
)
from annotator.core.operations.refusal import Refusal
from annotator.core.schema import Schema
from annotator.gui.widgets.note_edit import NoteEdit

_UNSET = "—"


class DocumentPanel(QWidget):
    editRequested = Signal(object)
    """An UpdateDocument the window should apply."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: Document | None = None
        self._schema: Schema | None = None
        self.label_combos: dict[str, QComboBox] = {}

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("No document open")
        self.title_edit.editingFinished.connect(self._title_edited)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for status in DOCUMENT_STATUSES:
            self.status_combo.addItem(STATUS_TEXT[status], status)
        self.status_combo.activated.connect(self._status_chosen)

        self.form_box = QGroupBox("Document")
        self.form = QFormLayout(self.form_box)
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("Status", self.status_combo)

        self.note_edit = NoteEdit()
        self.note_edit.setAccessibleName("Document note")
        self.note_edit.committed.connect(self._note_committed)
        note_box = QGroupBox("Document note")
        QVBoxLayout(note_box).addWidget(self.note_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # the title row must not make the dock taller
        layout.addWidget(self.form_box)
        layout.addWidget(note_box, 1)
        self.set_document(None, None)

    @property
    def document(self) -> Document | None:
        return self._doc

    def set_document(self, doc: Document | None, schema: Schema | None) -> None:
        """Show ``doc`` (None: no document open) with the schema's document labels. The same
        document shown again (changed elsewhere) keeps a title or note the user is typing."""
        same = self._doc is not None and doc is not None and doc.id == self._doc.id
        if self._doc is not None and not same:
            self.note_edit.commit()  # a note typed for the previous document is not lost
        if schema is not self._schema:
            self._rebuild_label_combos(schema)
        self._doc, self._schema = doc, schema
        enabled = doc is not None and schema is not None
        self.form_box.setEnabled(enabled)
        self.note_edit.setEnabled(enabled)
        if doc is None:
            self.title_edit.setText("")
            self.note_edit.load("")
            return
        if not (same and self.title_edit.isModified()):
            self.title_edit.setText(doc.title or doc.id)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(doc.status)))
        for name, combo in self.label_combos.items():
            value = doc.labels.get(name)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        if not (same and self.note_edit.is_unsaved()):
            self.note_edit.load(doc.note)

    def _rebuild_label_combos(self, schema: Schema | None) -> None:
        for combo in self.label_combos.values():
            self.form.removeRow(combo)  # deletes the combo and its label
        self.label_combos = {}
        for doc_label in schema.doc_labels if schema else ():
            combo = QComboBox()
            combo.setAccessibleName(doc_label.name)
            if doc_label.description:
                combo.setToolTip(doc_label.description)
            combo.addItem(_UNSET, None)
            for choice in doc_label.choices:
                combo.addItem(choice, choice)
            name = doc_label.name
            combo.activated.connect(
                lambda index, c=combo, n=name: self._label_chosen(n, c.itemData(index))
            )
            self.label_combos[name] = combo
            self.form.addRow(name, combo)
        # Combos made after the note would otherwise come after it in the Tab order.
        chain: list[QWidget] = [
            self.title_edit,
            self.status_combo,
            *self.label_combos.values(),
            self.note_edit,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _status_chosen(self, index: int) -> None:
        status = self.status_combo.itemData(index)
        if self._doc is not None and status != self._doc.status:
            self._emit(set_document_status(self._doc, status))

    def _label_chosen(self, name: str, value: str | None) -> None:
        if self._doc is None or self._schema is None or self._doc.labels.get(name) == value:
            return
        self._emit(set_document_label(self._doc, self._schema, name, value))

    def _title_edited(self) -> None:
        if self._doc is None:
            return
        self.title_edit.setModified(False)  # typed and done: what is stored shows from now on
        edit = set_document_title(self._doc, self.title_edit.text())
        if isinstance(edit, Refusal):
            self.title_edit.setText(self._doc.title or self._doc.id)  # empty or unchanged
            return
        self._emit(edit)

    def _note_committed(self, text: str) -> None:
        if self._doc is not None and text != self._doc.note:
            self._emit(set_document_note(self._doc, text))

    def _emit(self, edit: UpdateDocument) -> None:
        if self._doc is not None:
            self._doc = replace(self._doc, **edit.after)
        self.editRequested.emit(edit)
