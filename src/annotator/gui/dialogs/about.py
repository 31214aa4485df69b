"""Help ▸ About: what the app is, where the data lives and the keys that matter."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__


def about_html(db_path: Path, annotator: str) -> str:
    keys = [
        ("Label hotkey", "create a span from the selection, or relabel the selected span"),
        ("Shift+arrows, Ctrl+Shift+arrows", "select text by character / by word"),
        ("Tab / Shift+Tab", "select the next / previous span"),
        ("Delete", "delete the selected span"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo, across documents"),
        ("Ctrl+= / Ctrl+- / Ctrl+0", "text size"),
    ]
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in keys
    )
    return (
        f"<h3>Annotator {escape(__version__)}</h3>"
        "<p>Mark entities, claims and sections in news articles. "
        "Every edit is committed to the project database as you make it: there is nothing "
        "to save.</p>"
        f"<p>Database: <code>{escape(str(db_path))}</code><br>"
        f"Annotator: {escape(annotator)}</p>"
        f"<table>{rows}</table>"
    )


def show_about(parent: QWidget, db_path: Path, annotator: str) -> QMessageBox:
    """Non-modal, so the window stays usable while it is open."""
    box = QMessageBox(parent)
    box.setWindowTitle("About Annotator")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(db_path, annotator))
    box.setIcon(QMessageBox.Icon.Information)
    box.setModal(False)
    box.show()
    return box
