"""File ▸ Backups…: the project's backups with their time, size and contents; back up now
or restore one. The dialog only shows and asks; the backups controller does the work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.backups import BackupContents, BackupInfo

COLUMNS = ("Taken", "Why", "Size", "Documents", "Spans")


@dataclass(frozen=True)
class BackupRow:
    info: BackupInfo
    contents: BackupContents | None
    """None when the file cannot be read."""


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class BackupsDialog(QDialog):
    backupRequested = Signal()
    restoreRequested = Signal(object)
    """The path of the backup to restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(720, 420)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.backup_button = QPushButton("Back Up &Now")
        self.restore_button = QPushButton("&Restore Selected…")
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._rows: list[BackupRow] = []
        self.backup_button.clicked.connect(self.backupRequested)
        self.restore_button.clicked.connect(self._restore_selected)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected() is not None)
        )

    def show_backups(self, rows: list[BackupRow], folder: Path, limit: int) -> None:
        self._rows = rows
        total = sum(row.info.size for row in rows)
        self.summary.setText(
            f"{len(rows)} backups, {size_text(total)} on disk (kept under {size_text(limit)}), "
            f"in {folder}. The newest 10 and one a day for 30 days are kept."
        )
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            local = row.info.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            counts = (
                (str(row.contents.documents), str(row.contents.spans))
                if row.contents
                else ("unreadable", "")
            )
            values = (local, row.info.reason, size_text(row.info.size), *counts)
            for column, value in enumerate(values):
                self.table.setItem(n, column, QTableWidgetItem(value))
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _restore_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.restoreRequested.emit(row.info.path)
