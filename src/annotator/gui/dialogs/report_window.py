"""The report at the end of an import or export: every line, in a window that stays open.

Non-modal and resizable, so the user can keep annotating with the list of misaligned spans
beside the text; Copy puts the whole report on the clipboard, Open folder shows the output.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReportWindow(QDialog):
    def __init__(
        self,
        title: str,
        lines: list[str],
        folder: Path | None = None,
        *,
        error: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setSizeGripEnabled(True)
        self.resize(720, 360)
        self.folder = folder
        self.headline = QLabel(lines[0] if lines else title, self)
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-weight: bold;" + (" color: #b00020;" if error else ""))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # nothing cut off
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # paths
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText("\n".join(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setToolTip("Copy the whole report to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.open_button = QPushButton("&Open Folder", self)
        self.open_button.setEnabled(folder is not None)
        self.open_button.setToolTip(str(folder) if folder else "No folder to show")
        self.open_button.clicked.connect(self.open_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def report_text(self) -> str:
        return self.text.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
