"""The part the span list and the document list share: a read-only table in which the user
picks one row at a time, and which the app can point at a row without that counting as a pick.

When the app selects a row (to follow the article view, or to show the open document) the
selection model still reports the new current row; were that reported as the user's pick, it
would come back as a selection of its own (an echo: a relabelled span re-selected under the
Delete key). So every programmatic move happens under a ``QSignalBlocker`` on the table, and
so do the moves Qt makes by itself while rows are inserted, removed or reset.

Those last are held from one signal to another, so the table keeps only the earlier blocked
state (a bool), never a ``QSignalBlocker``: such a blocker points at the table from Python,
and one still held when the window was destroyed called ``blockSignals`` on the freed table
when the garbage collector got to it (a segfault in whatever ran then).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSignalBlocker
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class PickingTable(QTableView):
    """Subclasses emit their own "picked" signal from ``row_picked``; a proxy model (a
    filter) may stand between the table and the rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blocked_before_change: bool | None = None
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)

    def row_picked(self, index: QModelIndex) -> None:
        """The user made ``index`` (a valid index of this table's model) the current row."""

    def rows_changed(self) -> None:
        """Rows were inserted, removed, moved or reset (the current row may have moved)."""

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if model is not None:  # before the selection model's own slots, which move the row
            for changing in (
                model.rowsAboutToBeRemoved,
                model.rowsAboutToBeInserted,
                model.layoutAboutToBeChanged,
                model.modelAboutToBeReset,
            ):
                changing.connect(self._hold_picks)
        super().setModel(model)
        if model is None:
            return
        for changed in (
            model.rowsRemoved,
            model.rowsInserted,
            model.layoutChanged,
            model.modelReset,
        ):
            changed.connect(self._release_picks)
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def show_row(self, index: QModelIndex) -> None:
        """Make ``index`` the current row, or show none when it is invalid; not a pick."""
        with QSignalBlocker(self):
            if not index.isValid():
                self.setCurrentIndex(QModelIndex())
                self.clearSelection()
                return
            if self.currentIndex().row() != index.row():
                self.setCurrentIndex(index)
            self.scrollTo(index)

    def _hold_picks(self, *_args: object) -> None:
        if self._blocked_before_change is None:
            self._blocked_before_change = self.blockSignals(True)

    def _release_picks(self, *_args: object) -> None:
        blocked, self._blocked_before_change = self._blocked_before_change, None
        if blocked is not None:
            self.blockSignals(blocked)
        self.rows_changed()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self.signalsBlocked():
            self.row_picked(current)
