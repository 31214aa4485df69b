"""The list of a comparison's readings, one row per reading, grouped by difference, with the
curator's keys: A accept, X reject, E accept and edit; while editing, a label's key relabels
the gold span and Alt(+Shift)(+Ctrl)+Left/Right move its edges, Enter or Esc ends."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.comparison import Group, Version
from annotator.core.curation import Curation
from annotator.core.edits import _short

COLUMNS = ("#", "Layer", "Reading", "Offsets", "Annotators", "Agreement", "State")
COLUMN_WIDTHS = (40, 70, 260, 100, 150, 90)
Index = QModelIndex | QPersistentModelIndex
_EDGE_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}


class DifferencesModel(QAbstractTableModel):
    """Rows are (group number, group, reading) of the groups the filter lets through."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curation: Curation | None = None
        self.rows: list[tuple[int, Group, Version]] = []

    def set_rows(self, curation: Curation | None, groups: list[Group]) -> None:
        self.beginResetModel()
        self.curation = curation
        self.rows = [
            (number, group, version)
            for number, group in enumerate(groups, start=1)
            for version in group.versions
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or self.curation is None:
            return None
        number, _group, version = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(number)
        if column == 1:
            return version.layer
        if column == 2:
            return f"{version.label} “{_short(version.text, 50)}”"
        if column == 3:
            return f"{version.start}–{version.end}"
        if column == 4:
            return ", ".join(version.annotators)
        if column == 5:
            return version.agreement(self.curation.annotator_count)
        return self.curation.state(version)

    def version_at(self, row: int) -> Version | None:
        return self.rows[row][2] if 0 <= row < len(self.rows) else None

    def row_of(self, version: Version) -> int:
        for row, (_number, _group, shown) in enumerate(self.rows):
            if shown.key == version.key:
                return row
        return -1

    def refresh_states(self) -> None:
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )


class DifferencesTable(QTableView):
    acceptRequested = Signal(int)
    rejectRequested = Signal(int)
    editRequested = Signal(int)
    labelKeyPressed = Signal(str)
    """A plain key while a gold span is being edited: the label with that hotkey."""
    edgeMoveRequested = Signal(str, int, bool)
    """(edge "start"/"end", step -1/1, by word) while a gold span is being edited."""
    editingFinished = Signal()

    def __init__(self, model: DifferencesModel, parent: QWidget | None = None) -> None:
        self.editing = False  # first: setModel already sends events to ``event``
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        # Fixed row heights and set column widths: sizing to contents would ask every row of
        # a big document's thousands of readings for its text on each change.
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)

    def current_row(self) -> int:
        return self.currentIndex().row()

    def select_row(self, row: int) -> None:
        model = self.model()
        if not 0 <= row < model.rowCount():
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(model.index(row, 0), flags)
        self.scrollTo(model.index(row, 0))

    def event(self, event: QEvent) -> bool:
        """While editing, Alt+arrows move the gold span's edges here, not the text's span."""
        if (
            self.editing
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _edge_move(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.editing:
            self._editing_key(event)
            return
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        row = self.current_row()
        signals = {
            Qt.Key.Key_A: self.acceptRequested,
            Qt.Key.Key_X: self.rejectRequested,
            Qt.Key.Key_E: self.editRequested,
        }
        signal = signals.get(Qt.Key(event.key()))
        if signal is not None and mods == Qt.KeyboardModifier.NoModifier:
            if row >= 0:
                signal.emit(row)
            event.accept()
            return
        super().keyPressEvent(event)

    def _editing_key(self, event: QKeyEvent) -> None:
        move = _edge_move(event)
        if move is not None:
            self.edgeMoveRequested.emit(*move)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            self.editingFinished.emit()
        elif event.text() and event.text().isprintable() and not event.text().isspace():
            self.labelKeyPressed.emit(event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def _edge_move(event: QKeyEvent) -> tuple[str, int, bool] | None:
    """Alt+Left/Right: the start edge; with Shift the end; with Ctrl by a word."""
    step = _EDGE_KEYS.get(Qt.Key(event.key()))
    mods = event.modifiers()
    if step is None or not mods & Qt.KeyboardModifier.AltModifier:
        return None
    edge = "end" if mods & Qt.KeyboardModifier.ShiftModifier else "start"
    return edge, step, bool(mods & Qt.KeyboardModifier.ControlModifier)
