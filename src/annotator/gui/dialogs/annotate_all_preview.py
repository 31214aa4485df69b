"""Annotate-all preview: tick the occurrences to label; clashes are listed, never changed.

``exec()`` then ``batch()`` gives ONE Batch (one undo step) for the window's undo stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import Batch
from annotator.core.find import FindOptions
from annotator.core.model import Document
from annotator.core.operations.annotate_all import Occurrence, build_batch
from annotator.core.schema import Schema
from annotator.gui.widgets.table_model import HeaderedTableModel
from annotator.store.annotate_all import preview_in_store
from annotator.store.repository import Repository

_Index = QModelIndex | QPersistentModelIndex


class OccurrenceModel(HeaderedTableModel):
    """The clash-free occurrences, each with a check box (ticked by default)."""

    HEADERS = ("", "Document", "Left context", "Match", "Right context")

    def __init__(self, occurrences: list[Occurrence], parent: Any = None) -> None:
        super().__init__(parent)
        self.occurrences = occurrences
        self.ticked = [True] * len(occurrences)

    def row_count(self) -> int:
        return len(self.occurrences)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        occ, column = self.occurrences[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self.ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return ("", f"{occ.doc_id} {occ.start}–{occ.end}", occ.left, occ.match, occ.right)[
                column
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self.ticked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def set_all(self, ticked: bool) -> None:
        self.ticked = [ticked] * len(self.occurrences)
        if self.occurrences:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.occurrences) - 1, 0))

    def chosen(self) -> list[Occurrence]:
        return [o for o, t in zip(self.occurrences, self.ticked, strict=True) if t]


class AnnotateAllDialog(QDialog):
    batchReady = Signal(object)
    """The Batch built when the user presses Apply."""

    def __init__(
        self,
        occurrences: list[Occurrence],
        documents: dict[str, Document],
        schema: Schema,
        label: str,
        annotator: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Annotate all as {label}")
        self._documents, self._schema = documents, schema
        self._label, self._annotator = label, annotator
        self._batch: Batch | None = None
        ok = [o for o in occurrences if o.ok]
        clashes = [o for o in occurrences if not o.ok]
        self.model = OccurrenceModel(ok, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.clash_list = QListWidget(self)
        for occ in clashes:
            self.clash_list.addItem(
                f"{occ.doc_id} {occ.start}–{occ.end} “{occ.match}”: {occ.clash}"
            )
        self.summary = QLabel(self)
        self.all_button = QPushButton("Tick all", self)
        self.none_button = QPushButton("Untick all", self)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        clash_word = "clash" if len(clashes) == 1 else "clashes"
        layout.addWidget(
            QLabel(f"Left unchanged ({len(clashes)} {clash_word} with existing spans):")
        )
        layout.addWidget(self.clash_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.dataChanged.connect(self._update_summary)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self._update_summary()
        self.resize(900, 500)

    @classmethod
    def for_query(
        cls,
        repo: Repository,
        label: str,
        query: str,
        options: FindOptions,
        annotator: str,
        doc_ids: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> AnnotateAllDialog:
        """The dialog for ``query`` in ``doc_ids`` (None: the whole corpus)."""
        occurrences = preview_in_store(repo, label, query, options, doc_ids, annotator)
        documents = {doc_id: repo.document(doc_id) for doc_id in {o.doc_id for o in occurrences}}
        return cls(occurrences, documents, repo.schema(), label, annotator, parent)

    def ticked(self) -> list[Occurrence]:
        return self.model.chosen()

    def clash_count(self) -> int:
        return self.clash_list.count()

    def batch(self) -> Batch | None:
        """The Batch of the last Apply (None before Apply or after Cancel)."""
        return self._batch

    def _update_summary(self) -> None:
        n, total, clashes = len(self.ticked()), self.model.rowCount(), self.clash_count()
        occurrences = "occurrence" if total == 1 else "occurrences"
        if clashes == 0:
            left = "no clash with existing spans."
        elif clashes == 1:
            left = "1 clash is listed below and left alone."
        else:
            left = f"{clashes} clashes are listed below and left alone."
        self.summary.setText(f"Label {n} of {total} {occurrences} as {self._label}; {left}")
        self.apply_button.setEnabled(n > 0)

    def _apply(self) -> None:
        self._batch = build_batch(
            self.ticked(), self._documents, self._schema, self._label, self._annotator
        )
        self.batchReady.emit(self._batch)
        self.accept()
