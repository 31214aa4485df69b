"""Showing a non-modal dialog that may already be open."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def present(dialog: QWidget) -> None:
    """Show a non-modal dialog, or bring it to the front when it is already open."""
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
