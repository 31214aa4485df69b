"""A row the app selects is not a row the user picked: the span and document lists rely on it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from annotator.gui.widgets.picking_table import PickingTable


class RecordingTable(PickingTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picked: list[str] = []

    def row_picked(self, index: QModelIndex) -> None:
        self.picked.append(str(index.data()))


def _table(qtbot: QtBot, rows: list[str]) -> tuple[RecordingTable, QStandardItemModel]:
    model = QStandardItemModel()
    for text in rows:
        model.appendRow(QStandardItem(text))
    table = RecordingTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.show()
    qtbot.waitExposed(table)
    return table, model


def test_showing_a_row_selects_it_without_a_pick(qtbot: QtBot) -> None:
    table, model = _table(qtbot, ["a", "b", "c"])
    table.show_row(model.index(1, 0))
    assert table.currentIndex().row() == 1
    assert table.selectionModel().isRowSelected(1, QModelIndex())
    table.show_row(QModelIndex())
    assert not table.currentIndex().isValid()
    assert table.picked == []


def test_the_users_pick_is_reported(qtbot: QtBot) -> None:
    table, model = _table(qtbot, ["a", "b", "c"])
    table.setCurrentIndex(model.index(2, 0))
    assert table.picked == ["c"]


def test_removing_the_current_row_is_no_pick_of_its_neighbour(qtbot: QtBot) -> None:
    table, model = _table(qtbot, ["a", "b", "c"])
    table.show_row(model.index(1, 0))
    model.removeRow(1)
    assert table.picked == []
    assert not table.signalsBlocked()
    table.setCurrentIndex(model.index(0, 0))
    assert table.picked == ["a"]
