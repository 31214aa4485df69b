"""The span list of the open document: a table model kept in document order.

Edits update it span by span (insert / change / remove one row) so a document with tens of
thousands of spans is never re-read after a keypress.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QHeaderView, QWidget

from annotator.core.lanes import (
    id_of,
    in_document_order,
    position,
    sort_in_document_order,
    start_of,
)
from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.gui.panels.label_palette import swatch
from annotator.gui.widgets.picking_table import PickingTable
from annotator.gui.widgets.table_model import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex


class SpanListModel(HeaderedTableModel):
    HEADERS = ("Label", "Text", "Start", "End", "Annotator")
    LABEL, TEXT, START, END, ANNOTATOR = range(5)
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans: list[Span] = []  # document order (start, longest first, id)
        self._starts: list[int] = []  # their starts, for bisecting
        self._by_id: dict[str, Span] | None = {}  # built on first use (None until then)
        self._schema: Schema | None = None
        self._icons: dict[tuple[str, str], QIcon] = {}

    # ----- Qt model API -------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._spans)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == self.IdRole:
            return span.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(span, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{span.layer} · {span.label}\n{span.text[:300]}"
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            if self._schema is not None and self._schema.has_label(span.label):
                return self._icon(span)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.START, self.END):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _icon(self, span: Span) -> QIcon:
        assert self._schema is not None
        label = self._schema.label(span.label)
        style = self._schema.layer(label.layer).style if label.layer else "background"
        key = (label.color, style)
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = swatch(label.color, style)
        return icon

    @staticmethod
    def _display(span: Span, column: int) -> Any:
        if column == SpanListModel.LABEL:
            return span.label
        if column == SpanListModel.TEXT:
            text = " ".join(span.text.split())
            return text if len(text) <= 80 else text[:79] + "…"
        if column == SpanListModel.START:
            return span.start
        if column == SpanListModel.END:
            return span.end
        return span.annotator

    # ----- content --------------------------------------------------------------------------
    def set_spans(self, spans: list[Span], schema: Schema) -> None:
        self.beginResetModel()
        self._schema = schema
        # The store returns spans in document order: an O(n) check instead of a sort.
        ordered = list(spans)
        starts = list(map(start_of, ordered))
        if not in_document_order(ordered, starts):
            sort_in_document_order(ordered)
            starts = list(map(start_of, ordered))
        self._spans, self._starts = ordered, starts
        self._by_id = None  # opening a document needs no lookup by id yet
        self.endResetModel()

    def _ids(self) -> dict[str, Span]:
        if self._by_id is None:
            self._by_id = dict(zip(map(id_of, self._spans), self._spans, strict=True))
        return self._by_id

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: str) -> int:
        span = self._ids().get(span_id)
        return -1 if span is None else position(self._starts, self._spans, span)

    def spans_at(self, start: int, end: int) -> list[Span]:
        """Spans with exactly these offsets (a bisect, no database query)."""
        row = bisect_left(self._starts, start)
        found = []
        while row < len(self._spans) and self._starts[row] == start:
            if self._spans[row].end == end:
                found.append(self._spans[row])
            row += 1
        return found

    def put(self, span: Span) -> None:
        """Insert ``span``, or replace the row holding its id (moving it if its order changed).

        A relabel or attribute change keeps the row in place (``dataChanged``): removing and
        re-inserting it would make the table move its current row to the neighbour."""
        row = self.row_of(span.id)
        if row >= 0 and (self._spans[row].start, self._spans[row].end) == (span.start, span.end):
            self._spans[row] = span
            self._ids()[span.id] = span
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
            return
        self.remove(span.id)
        row = position(self._starts, self._spans, span)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._starts.insert(row, span.start)
        self._ids()[span.id] = span
        self.endInsertRows()

    def remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[row]
        del self._starts[row]
        del self._ids()[span_id]
        self.endRemoveRows()


class SpanListView(PickingTable):
    """The span table; ``spanActivated`` when the user picks a row, ``deleteRequested`` when
    they press Delete or Backspace in it."""

    spanActivated = Signal(str)
    deleteRequested = Signal()

    def __init__(self, model: SpanListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = model
        self.setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SpanListModel.TEXT, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, not ResizeToContents: that reads thousands of rows of a
        # 50,000-span document every time the model resets.
        metrics = self.fontMetrics()
        header.resizeSection(SpanListModel.LABEL, metrics.horizontalAdvance("QUANTITY") + 40)
        for column in (SpanListModel.START, SpanListModel.END):
            header.resizeSection(column, metrics.horizontalAdvance("0000000") + 12)
        header.resizeSection(SpanListModel.ANNOTATOR, 96)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A click on the current row picks it again (back to that span in the text).
        self.clicked.connect(self.row_picked)
        delete = QAction("Delete Span", self)
        delete.setShortcuts([QKeySequence("Delete"), QKeySequence("Backspace")])
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.deleteRequested)
        self.addAction(delete)

    def show_span(self, span_id: str | None) -> None:
        """Follow the view's span selection without echoing it back."""
        row = self._source.row_of(span_id) if span_id else -1
        self.show_row(self._source.index(row, 0) if row >= 0 else QModelIndex())

    def row_picked(self, index: QModelIndex) -> None:
        self.spanActivated.emit(self._source.span_at(index.row()).id)
