"""The document list: a thin table model over the project's document ids.

The model holds ids only and fetches the rows (title, span count, status, document labels)
from the repository the first time they are shown; edits refresh just the documents they
touched. The ids are the viewer's queue: their assigned documents when they have any, else
all, in the queue's order (list, least certain first, random: ``store.work_queue``); the
status is the viewer's own, "Done by" counts the document's annotators done, and
"Uncertainty" is the latest scoring model's (shown once a model has scored documents).
The view may show the model through a filter proxy (``gui/doc_filter.py``): it maps indexes
itself, so callers always speak in document ids.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from annotator.core.model import STATUS_TEXT
from annotator.gui.widgets.picking_table import PickingTable
from annotator.gui.widgets.table_model import HeaderedTableModel
from annotator.store.assignments import done_by
from annotator.store.repository import DocumentSummary, Repository
from annotator.store.statuses import has_others
from annotator.store.work_queue import (
    LIST_ORDER,
    RANDOM_ORDER,
    UNCERTAINTY_ORDER,
    QueueOrder,
    ordered_queue,
    queue_uncertainty,
)

_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(HeaderedTableModel):
    HEADERS = ("Title", "Spans", "Status", "Labels", "Done by", "Uncertainty")
    TITLE, SPANS, STATUS, LABELS, DONE_BY, UNCERTAINTY = range(6)
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self.order = QueueOrder()
        """The queue's order; ``set_order`` changes it."""
        self._uncertainty = queue_uncertainty(repo)
        self._ids: list[str] = ordered_queue(repo, self.order, self._uncertainty)
        self._rows: dict[str, DocumentSummary] = {}

    # ----- Qt model API -------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        doc_id = self._ids[index.row()]
        if role == self.IdRole:
            return doc_id
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.SPANS,
            self.DONE_BY,
            self.UNCERTAINTY,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._summary(doc_id)
        if row is None:
            return None
        uncertainty = self._uncertainty.get(doc_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.title or row.id}\nid: {row.id} · {row.lang} · {row.length:,} characters"
            if row.annotators:
                tip += f"\n{row.done_by} of its {row.annotators} annotators done"
            if uncertainty is not None:
                tip += f"\nmodel uncertainty {uncertainty:.4f} (0 sure, 1 unsure)"
            labels = ", ".join(f"{k}: {v}" for k, v in sorted(row.labels.items()))
            return f"{tip}\nlabels: {labels}" if labels else tip
        if column == self.TITLE:
            return row.title or row.id
        if column == self.SPANS:
            return row.span_count
        if column == self.LABELS:
            return labels_text(row.labels)
        if column == self.DONE_BY:
            return f"{row.done_by}/{row.annotators}" if row.annotators else ""
        if column == self.UNCERTAINTY:
            return "" if uncertainty is None else f"{uncertainty:.3f}"
        return STATUS_TEXT.get(row.status, row.status)

    # ----- ids and refreshes ----------------------------------------------------------------
    def document_ids(self) -> list[str]:
        """The listed documents in the queue's order (the viewer's queue)."""
        return list(self._ids)

    def doc_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, doc_id: str) -> int:
        try:
            return self._ids.index(doc_id)
        except ValueError:
            return -1

    @property
    def repository(self) -> Repository:
        return self._repo

    def summary(self, doc_id: str) -> DocumentSummary | None:
        """The row shown for ``doc_id`` (the filter reads titles, statuses and labels here)."""
        return self._summary(doc_id)

    def has_team(self) -> bool:
        """Whether anyone but the viewer has a status or an assignment here: only then is
        "Done by" worth room in the list."""
        return has_others(self._repo, self._repo.viewer)

    def has_scores(self) -> bool:
        """Whether a model has scored documents: only then is "Uncertainty" shown."""
        return bool(self._uncertainty)

    def uncertainty(self, doc_id: str) -> float | None:
        return self._uncertainty.get(doc_id)

    def set_order(self, order: QueueOrder) -> None:
        """List the queue in ``order`` (a reset: callers select the open document again)."""
        self.order = order
        self.reload()

    def status(self, doc_id: str) -> str:
        row = self._summary(doc_id)
        return row.status if row else "todo"

    def reload(self) -> None:
        """Re-read the id list and the model scores (after an import, an assignment, another
        annotator name, a model's new scores, another order).

        Read before the reset begins: a read that fails (a server gone) leaves the list as it
        was, and never a reset begun and not ended (the table would hold its signals blocked,
        and the blocker would outlive the table).
        """
        uncertainty = queue_uncertainty(self._repo)
        ids = ordered_queue(self._repo, self.order, uncertainty)
        self.beginResetModel()
        self._uncertainty, self._ids = uncertainty, ids
        self._rows.clear()
        self.endResetModel()

    def refresh(
        self, doc_ids: frozenset[str] | set[str], span_counts: dict[str, int] | None = None
    ) -> None:
        """Re-fetch the rows of documents an edit touched (one document's queries each, never
        the whole list: this runs on every keypress that edits)."""
        for doc_id in doc_ids:
            row = self.row_of(doc_id)
            if row < 0:
                continue
            doc = self._repo.document(doc_id)
            count = (span_counts or {}).get(doc_id)
            if count is None:
                count = self._repo.span_count(doc_id)
            done, annotators = done_by(self._repo, doc_id)
            self._rows[doc_id] = DocumentSummary(
                doc.id,
                doc.title,
                doc.lang,
                doc.status,
                count,
                len(doc.text),
                doc.labels,
                annotators,
                done,
            )
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def refresh_all(self) -> None:
        """Re-read every row in place (someone else changed many documents): unlike
        ``reload``, the ids, the selection and the scroll position stay."""
        self._rows.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _summary(self, doc_id: str) -> DocumentSummary | None:
        row = self._rows.get(doc_id)
        if row is None:
            # One query fills every missing row: cheaper than one query per visible row.
            for summary in self._repo.documents():
                self._rows.setdefault(summary.id, summary)
            row = self._rows.get(doc_id)
        return row


class DocumentListView(PickingTable):
    """The table of documents; emits ``documentActivated`` when the user picks one."""

    documentActivated = Signal(str)

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = model
        self._open_id: str | None = None
        self.setModel(model)
        model.modelReset.connect(self._show_team_column)  # an import, assignment, merge, name
        model.modelReset.connect(self._show_uncertainty_column)
        self._show_team_column()
        self._show_uncertainty_column()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show the document model itself or a proxy over it (a filter)."""
        super().setModel(model)
        if model is None:
            return
        header = self.horizontalHeader()
        header.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (
            DocumentListModel.SPANS,
            DocumentListModel.STATUS,
            DocumentListModel.LABELS,
            DocumentListModel.DONE_BY,
            DocumentListModel.UNCERTAINTY,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _show_team_column(self) -> None:
        """A project of one hides "Done by", which would take the titles' room for nothing."""
        self.setColumnHidden(DocumentListModel.DONE_BY, not self._source.has_team())

    def _show_uncertainty_column(self) -> None:
        self.setColumnHidden(DocumentListModel.UNCERTAINTY, not self._source.has_scores())

    def show_team_column(self) -> None:
        """Show "Done by" once someone else works on the project (their status or assignment
        came from another copy of the app), without a reset of the list."""
        self._show_team_column()

    def rows_changed(self) -> None:
        """When rows come and go (a filter changes, a reload) Qt moves the current row by
        itself; the open document is selected again once it is back in view."""
        if self._open_id is not None:
            self.select_document(self._open_id)

    def index_of(self, doc_id: str, column: int = 0) -> QModelIndex:
        """The view's index of ``doc_id`` (invalid when it is filtered out or unknown)."""
        row = self._source.row_of(doc_id)
        if row < 0:
            return QModelIndex()
        index = self._source.index(row, column)
        model = self.model()
        return model.mapFromSource(index) if isinstance(model, QAbstractProxyModel) else index

    def select_document(self, doc_id: str) -> None:
        """Show ``doc_id`` as the open document (no signal); when it is filtered out, no
        other row may look open."""
        self._open_id = doc_id
        self.show_row(self.index_of(doc_id))

    def row_picked(self, index: QModelIndex) -> None:
        self.documentActivated.emit(str(index.data(DocumentListModel.IdRole)))


def labels_text(labels: dict[str, Any]) -> str:
    """Document label values as the list shows them (names are in the tooltip)."""
    return ", ".join(str(value) for _name, value in sorted(labels.items()))


ORDER_CHOICES = (
    (LIST_ORDER, "List order", "Documents in the order they were imported"),
    (
        UNCERTAINTY_ORDER,
        "Least certain first",
        "The documents the latest model is least sure of first (pre-annotate with a trained "
        "model to score them); Next Unfinished follows this order",
    ),
    (RANDOM_ORDER, "Random", "A shuffle that stays the same, the baseline to compare with"),
)


class DocumentOrderBox(QComboBox):
    """The choice of the queue's order, above the document list."""

    orderChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Document order")
        # Narrow as the filters beside it: the dock must leave the article its room.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.setToolTip("The order of the list, and of Next Unfinished and Mark Done and Next")
        for kind, text, tip in ORDER_CHOICES:
            self.addItem(text, kind)
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.currentIndexChanged.connect(lambda i: self.orderChosen.emit(str(self.itemData(i))))

    def kind(self) -> str:
        return str(self.currentData())

    def show_kind(self, kind: str) -> None:
        """Show ``kind`` as chosen without announcing it."""
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(kind)))
        self.blockSignals(False)
