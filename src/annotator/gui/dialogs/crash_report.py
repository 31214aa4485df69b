"""The dialog an unexpected error shows: what failed, whether the work is saved, where the
log is, and the details to copy into a bug report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

SAVED_TEXT = (
    "Your work is safe up to the last “Saved:” message: every edit is committed to the "
    "project database as it is made, and whatever the failed action was writing was rolled "
    "back. The app keeps running."
)


class CrashReportDialog(QMessageBox):
    def __init__(self, what: str, details: str, log_path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Something went wrong")
        self.setText(f"Unexpected error: {what}")
        self.setInformativeText(f"{SAVED_TEXT}\n\nThe full report is in the log: {log_path}")
        self.details = details
        self.setDetailedText(details)
        self.copy_button = QPushButton("Copy Details")
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Close)
        # The copy button would close the box like any other button: copy and keep it open.
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self.copy_details)
        self.setModal(False)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
