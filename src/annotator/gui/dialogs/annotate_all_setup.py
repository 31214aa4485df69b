"""Step one of annotate all: what to look for, which label to give it, and where.

Step two is the preview (``AnnotateAllDialog``), where occurrences are unticked and clashes
listed. This dialog only gathers choices; it reads and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.find import FindOptions
from annotator.core.schema import Schema


@dataclass(frozen=True)
class AnnotateAllRequest:
    query: str
    label: str
    options: FindOptions
    whole_corpus: bool


class AnnotateAllSetup(QDialog):
    previewRequested = Signal(object)
    """An AnnotateAllRequest; the receiver closes the dialog (``accept``) or says why not."""

    def __init__(
        self,
        schema: Schema,
        query: str,
        label: str,
        options: FindOptions,
        *,
        whole_corpus: bool,
        has_document: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotate all occurrences")
        self.query = QLineEdit(query, self)
        self.label = QComboBox(self)
        for item in schema.labels:
            self.label.addItem(f"{item.name}  ({item.layer})", item.name)
        index = self.label.findData(label)
        self.label.setCurrentIndex(max(index, 0))
        self.regex = QCheckBox("Re&gular expression", self)
        self.case = QCheckBox("Match &case", self)
        self.word = QCheckBox("&Whole words", self)
        self.regex.setChecked(options.regex)
        self.case.setChecked(options.case)
        self.word.setChecked(options.whole_word)
        self.this_document = QRadioButton("&This document", self)
        self.whole_corpus = QRadioButton("Whole c&orpus", self)
        scope = QButtonGroup(self)
        scope.addButton(self.this_document)
        scope.addButton(self.whole_corpus)
        self.this_document.setEnabled(has_document)
        (self.whole_corpus if whole_corpus or not has_document else self.this_document).setChecked(
            True
        )
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #c92a2a;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton(
            "&Preview…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.preview_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        form = QFormLayout()
        form.addRow("Text or pattern", self.query)
        form.addRow("Label", self.label)
        options_row = QHBoxLayout()
        for box in (self.regex, self.case, self.word):
            options_row.addWidget(box)
        options_row.addStretch(1)
        form.addRow("Options", options_row)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.this_document)
        scope_row.addWidget(self.whole_corpus)
        scope_row.addStretch(1)
        form.addRow("Where", scope_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._preview)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def request(self) -> AnnotateAllRequest:
        return AnnotateAllRequest(
            self.query.text(),
            str(self.label.currentData()),
            FindOptions(self.regex.isChecked(), self.case.isChecked(), self.word.isChecked()),
            self.whole_corpus.isChecked(),
        )

    def show_problem(self, text: str) -> None:
        self.message.setText(text)

    def _preview(self) -> None:
        if not self.query.text():
            self.show_problem("Type the text to look for.")
            return
        self.show_problem("")
        self.previewRequested.emit(self.request())
