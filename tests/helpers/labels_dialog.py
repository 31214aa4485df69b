"""Editing the labels dialog's table as a user does: type into a cell, press Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from annotator.gui.dialogs.labels import LabelsDialog


def type_into(qtbot: QtBot, dialog: LabelsDialog, row: int, column: int, text: str) -> None:
    """Select a cell, type over it and press Enter, as a user does."""
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClicks(table, text[0])  # any key starts editing, replacing the cell
    editor = table.focusWidget() if table.focusWidget() is not table else table.viewport()
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    commit(qtbot, dialog, editor)


def commit(qtbot: QtBot, dialog: LabelsDialog, editor: QWidget) -> None:
    """Enter in a cell editor; Qt commits the cell on the next event loop turn."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
