"""Helpers for the window tests: fresh-connection reads and table clicks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import fresh_repo

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def db_rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    repo = fresh_repo(db_path)
    try:
        return [tuple(row) for row in repo.db.execute(sql, params)]
    finally:
        repo.db.close()


def add_documents(window: MainWindow, *docs: Document) -> None:
    """Add documents as an import would, and let the window list them."""
    with window.workspace.repo.transaction():
        for doc in docs:
            window.workspace.repo.add_document(doc)
    window.documents.reload_documents()


def click_cell(qtbot: QtBot, table: QTableView, index: QModelIndex, double: bool = False) -> None:
    """Select with the mouse: QTest may leave Ctrl 'held' after Ctrl+key, which toggles rows
    for ``selectRow``; a click carries its own (no) modifiers."""
    table.scrollTo(index)
    center = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    if double:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
