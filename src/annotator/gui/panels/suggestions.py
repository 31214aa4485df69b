"""Review of the open document's pending suggestions: accept (A) or reject (X).

Decisions are edits built by ``core.operations.suggestions`` and handed to ``apply_edit`` (the
window's undo stack), so each click or key, and each "all", is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import Edit
from annotator.core.model import Span
from annotator.core.operations.suggestions import Decision, accept_edit, reject_edit
from annotator.core.suggestion_edits import Suggestion
from annotator.gui.widgets.table_model import HeaderedTableModel
from annotator.store.repository import Repository
from annotator.store.suggestions import pending

_Index = QModelIndex | QPersistentModelIndex


def as_view_span(suggestion: Suggestion) -> Span:
    """A suggestion as the Span ``ArticleView.set_suggestions`` draws (id = suggestion id)."""
    return Span(
        id=suggestion.id,
        doc_id=suggestion.doc_id,
        layer=suggestion.layer,
        label=suggestion.label,
        start=suggestion.start,
        end=suggestion.end,
        text=suggestion.text,
        origin=suggestion.source,
    )


class SuggestionModel(HeaderedTableModel):
    HEADERS = ("Label", "Text", "Where", "Source", "Score")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Suggestion] = []

    def set_items(self, items: list[Suggestion]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        s = self.items[index.row()]
        score = "" if s.score is None else f"{s.score:.2f}"
        return (s.label, s.text, f"{s.start}–{s.end}", s.source, score)[index.column()]


class _Table(QTableView):
    keyAccept = Signal()
    keyReject = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_A:
                self.keyAccept.emit()
                return
            if event.key() == Qt.Key.Key_X:
                self.keyReject.emit()
                return
        super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    suggestionsChanged = Signal(list)
    """The pending suggestions as Spans, for ``ArticleView.set_suggestions``."""
    currentSuggestionChanged = Signal(int, int)
    """Start and end of the suggestion under the cursor (to scroll the view to it)."""
    edited = Signal(object)
    """An edit the panel applied through ``apply_edit``."""

    def __init__(
        self,
        repo: Repository,
        annotator: str,
        apply_edit: Callable[[Edit], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo, self.annotator, self.apply_edit = repo, annotator, apply_edit
        self.doc_id: str | None = None
        self.model = SuggestionModel(self)
        self.table = _Table(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.accept_button = self._button("Accept", "Accept the selected suggestions (A)")
        self.reject_button = self._button("Reject", "Reject the selected suggestions (X)")
        self.accept_all_button = self._button("Accept all", "Accept every pending suggestion")
        self.reject_all_button = self._button("Reject all", "Reject every pending suggestion")
        self.label_choice = QComboBox(self)
        self.label_choice.setToolTip("Label for 'accept/reject all of label'")
        self.accept_label_button = self._button("Accept label", "Accept all of the chosen label")
        self.reject_label_button = self._button("Reject label", "Reject all of the chosen label")
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        rows = QVBoxLayout(self)
        rows.addWidget(self.table, 1)
        # Two buttons a row: the panel shares the right dock with the span list and must fit
        # its width, or opening it would narrow the article.
        for widgets in (
            (self.accept_button, self.reject_button),
            (self.accept_all_button, self.reject_all_button),
            (self.label_choice,),
            (self.accept_label_button, self.reject_label_button),
        ):
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            rows.addLayout(line)
        rows.addWidget(self.status)

        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.table.keyAccept.connect(self.accept_selected)
        self.table.keyReject.connect(self.reject_selected)
        self.accept_all_button.clicked.connect(lambda: self._decide("accept", self.model.items))
        self.reject_all_button.clicked.connect(lambda: self._decide("reject", self.model.items))
        self.accept_label_button.clicked.connect(lambda: self._decide("accept", self._of_label()))
        self.reject_label_button.clicked.connect(lambda: self._decide("reject", self._of_label()))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        return button

    # ----- public API -------------------------------------------------------------------
    def set_document(self, doc_id: str | None) -> None:
        self.doc_id = doc_id
        self.refresh()

    def refresh(self, keep_row: int = 0) -> None:
        """Re-read the pending suggestions (call after undo/redo touched this document)."""
        items = pending(self.repo, self.doc_id) if self.doc_id else []
        self.model.set_items(items)
        current = self.label_choice.currentText()
        self.label_choice.clear()
        self.label_choice.addItems(sorted({s.label for s in items}))
        if current:
            self.label_choice.setCurrentText(current)
        if items:
            self.table.selectRow(min(keep_row, len(items) - 1))
        self.suggestionsChanged.emit([as_view_span(s) for s in items])

    def selected(self) -> list[Suggestion]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.items[row] for row in rows]

    def accept_selected(self) -> None:
        self._decide("accept", self.selected())

    def reject_selected(self) -> None:
        self._decide("reject", self.selected())

    # ----- internals --------------------------------------------------------------------
    def _of_label(self) -> list[Suggestion]:
        label = self.label_choice.currentText()
        return [s for s in self.model.items if s.label == label]

    def _decide(self, action: str, items: list[Suggestion]) -> None:
        if not items:
            return
        row = self.table.currentIndex().row()
        decision: Decision = (
            accept_edit(self.repo, items, self.annotator)
            if action == "accept"
            else reject_edit(items)
        )
        if decision.edit is not None:
            self.apply_edit(decision.edit)
            self.edited.emit(decision.edit)
        self.status.setText(
            "; ".join(f"left pending “{s.text}”: {why}" for s, why in decision.skipped)
        )
        self.refresh(keep_row=max(0, row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            item = self.model.items[current.row()]
            self.currentSuggestionChanged.emit(item.start, item.end)
