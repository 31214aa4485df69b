"""Driving the window as a user does: modifier keys, selecting text by keys, clicking cells."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from annotator.gui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def select_by_keys(qtbot: QtBot, window: MainWindow, start: int, length: int) -> None:
    """Ctrl+Home, then Right until the caret is at ``start``, then Shift+Right over ``length``
    code points. Qt steps over a grapheme cluster (ZWJ emoji, e + accent) in one press."""
    view = window.view
    doc = window.workspace.doc
    assert doc is not None
    presses = len(doc.text)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    for _ in range(presses):
        if view.selection_cp()[1] >= start:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selection_cp() == (start, start)
    for _ in range(presses):
        if view.selection_cp()[1] >= start + length:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selection_cp() == (start, start + length)


def click_cell(qtbot: QtBot, table: QTableView, index: QModelIndex, double: bool = False) -> None:
    """Select with the mouse: QTest may leave Ctrl 'held' after Ctrl+key, which toggles rows
    for ``selectRow``; a click carries its own (no) modifiers."""
    table.scrollTo(index)
    center = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    if double:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
