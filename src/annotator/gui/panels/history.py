"""The History panel: the open document's edit log (when, who, what), newest first, with
"Restore Document to This Point"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.repository import LogEntry

COLUMNS = ("When", "Who", "What")


def local_time(ts: str) -> str:
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return ts


class HistoryPanel(QWidget):
    restoreRequested = Signal(int)
    """The log id of the entry the document should be brought back to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("No document open")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.restore_button = QPushButton("Restore Document to This Point")
        self.restore_button.setToolTip(
            "Undo every later edit of this document in one step (itself undoable)"
        )
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.restore_button)
        self._entries: list[LogEntry] = []
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.restore_button.clicked.connect(self._restore)

    def show_entries(self, title: str, entries: list[LogEntry]) -> None:
        self._entries = entries
        self.heading.setText(f"{title}: {len(entries)} edits, newest first")
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (local_time(entry.ts), entry.annotator, entry.summary)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._selection_changed()

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def selected(self) -> LogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        entry = self.selected()
        # The newest entry is where the document already is.
        self.restore_button.setEnabled(entry is not None and entry is not self._entries[0])

    def _restore(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.restoreRequested.emit(entry.id)
