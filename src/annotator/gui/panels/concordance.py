"""Corpus search as a concordance (KWIC): left context, match, right context, aligned.

The widget asks ``store.search.concordance`` (no SQL here) and shows the hits in a table
model; double-click or Enter on a hit emits ``openHit`` for the window to open it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import DOCUMENT_STATUSES
from annotator.gui.widgets.table_model import HeaderedTableModel
from annotator.store.repository import Repository
from annotator.store.search import Hit, concordance

ANY = "(any)"
_Index = QModelIndex | QPersistentModelIndex


class HitModel(HeaderedTableModel):
    """Thin model over a list of Hit."""

    HEADERS = ("Left context", "Match", "Right context", "Document", "Labels")
    LEFT, MATCH, RIGHT, DOC, LABELS = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def row_count(self) -> int:
        return len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit, column = self._hits[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.LEFT:
                return hit.left
            if column == self.MATCH:
                return hit.match
            if column == self.RIGHT:
                return hit.right
            if column == self.DOC:
                return f"{hit.title or hit.doc_id} ({hit.start}–{hit.end})"
            return ", ".join(hit.labels)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == self.LEFT else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.MATCH:
            return self._bold
        return None


class _HitTable(QTableView):
    activatedRow = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ConcordanceWidget(QWidget):
    openHit = Signal(str, int, int)
    """Document id, start and end (code points) of the hit the user opened."""
    annotateAllRequested = Signal(str, bool, bool, bool)
    """Query, regex, case, whole word: the user asked to label every hit (window opens dialog)."""

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search all documents (Enter)")
        self.regex = QCheckBox("Regex", self)
        self.case = QCheckBox("Case", self)
        self.word = QCheckBox("Whole word", self)
        self.label_filter = QComboBox(self)
        self.layer_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        self.annotator_filter = QLineEdit(self)
        self.annotator_filter.setPlaceholderText("annotator")
        self.search_button = QPushButton("Search", self)
        self.annotate_button = QPushButton("Annotate all…", self)
        self.annotate_button.setToolTip("Label every hit of this query, after a preview")
        self.status = QLabel("", self)
        self.model = HitModel(self)
        self.table = _HitTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HitModel.LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HitModel.RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HitModel.MATCH, QHeaderView.ResizeMode.ResizeToContents)
        self._fill_filters()

        grid = QGridLayout()
        grid.addWidget(self.query, 0, 0, 1, 4)
        grid.addWidget(self.search_button, 0, 4)
        grid.addWidget(self.annotate_button, 0, 5)
        for column, widget in enumerate(
            (self.regex, self.case, self.word, self.label_filter, self.layer_filter)
        ):
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.status_filter, 1, 5)
        grid.addWidget(self.annotator_filter, 1, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.query.returnPressed.connect(self.run)
        self.search_button.clicked.connect(self.run)
        self.annotate_button.clicked.connect(self._request_annotate_all)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activatedRow.connect(self._open)

    def _fill_filters(self) -> None:
        schema = self.repo.schema()
        self.label_filter.addItems([ANY, *(label.name for label in schema.labels)])
        self.label_filter.setToolTip("Only hits covered by a span with this label")
        self.layer_filter.addItems([ANY, *(layer.name for layer in schema.layers)])
        self.layer_filter.setToolTip("Only hits covered by a span of this layer")
        self.status_filter.addItems([ANY, *DOCUMENT_STATUSES])
        self.status_filter.setToolTip("Only documents with this status")

    @staticmethod
    def _choice(combo: QComboBox) -> str | None:
        text = combo.currentText()
        return None if text == ANY else text

    def set_query(self, query: str, *, run: bool = True) -> None:
        self.query.setText(query)
        if run:
            self.run()

    def run(self) -> None:
        """Search now and show the hits (or the error, e.g. an invalid regex)."""
        try:
            hits = concordance(
                self.repo,
                self.query.text(),
                regex=self.regex.isChecked(),
                case=self.case.isChecked(),
                whole_word=self.word.isChecked(),
                label=self._choice(self.label_filter),
                layer=self._choice(self.layer_filter),
                annotator=self.annotator_filter.text().strip() or None,
                status=self._choice(self.status_filter),
            )
        except AnnotatorError as exc:
            self.model.set_hits([])
            self.status.setText(str(exc))
            return
        self.model.set_hits(hits)
        documents = len({hit.doc_id for hit in hits})
        self.status.setText(f"{_count(len(hits), 'hit')} in {_count(documents, 'document')}")
        if hits:
            self.table.selectRow(0)

    def is_filtered(self) -> bool:
        """A label, layer, status or annotator filter is set."""
        combos = (self.label_filter, self.layer_filter, self.status_filter)
        return any(self._choice(combo) is not None for combo in combos) or bool(
            self.annotator_filter.text().strip()
        )

    def refresh(self) -> None:
        """Search again after an edit (labels on hits changed), keeping the user's place."""
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else -1
        hit = self.model.hit(row) if 0 <= row < self.model.rowCount() else None
        scrolled = self.table.verticalScrollBar().value()
        self.run()
        if hit is None:
            return
        for index, other in enumerate(self.hits()):
            if (other.doc_id, other.start, other.end) == (hit.doc_id, hit.start, hit.end):
                self.table.selectRow(index)
                break
        self.table.verticalScrollBar().setValue(scrolled)

    def hits(self) -> list[Hit]:
        return [self.model.hit(row) for row in range(self.model.rowCount())]

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            hit = self.model.hit(row)
            self.openHit.emit(hit.doc_id, hit.start, hit.end)

    def _request_annotate_all(self) -> None:
        if self.query.text():
            self.annotateAllRequested.emit(
                self.query.text(),
                self.regex.isChecked(),
                self.case.isChecked(),
                self.word.isChecked(),
            )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
