"""File ▸ Export…: pick a format from the exporter registry, an output path and a filter.

Formats come from ``formats.registry.EXPORTERS``, so a newly registered format shows up here
without touching the GUI.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.model import DOCUMENT_STATUSES
from annotator.formats.registry import EXPORTERS
from annotator.gui.doc_list import STATUS_TEXT


class ExportDialog(QDialog):
    def __init__(self, start_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Project")
        self.setMinimumWidth(480)
        self.format_box = QComboBox(self)
        self.format_box.addItems(sorted(EXPORTERS))
        self.status_box = QComboBox(self)
        self.status_box.addItem("All documents", None)
        for status in DOCUMENT_STATUSES:
            self.status_box.addItem(f"Only “{STATUS_TEXT[status]}”", status)
        self.path_edit = QLineEdit(str(start_dir / "export.jsonl"), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("Format:", self.format_box)
        form.addRow("Documents:", self.status_box)
        form.addRow("Output:", path_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._validate)
        form.addRow(self.buttons)
        self._validate()

    def chosen_format(self) -> str:
        return self.format_box.currentText()

    def chosen_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def chosen_status(self) -> str | None:
        value = self.status_box.currentData()
        return str(value) if value else None

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()))
