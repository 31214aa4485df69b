"""Filtering the document list: a text box (title, id, document labels), a status, a
document label choice, a span label that must be present and an annotator who must have made
spans, over a ``QSortFilterProxyModel``.

The proxy asks the list model for each row's summary (already cached for display), so
filtering never queries the database per row. Edits that change a document's status or labels
refresh its row, and the proxy re-filters it by itself (``dynamicSortFilter``). The span
facets (labels present, annotators) are read in one grouped query the first time such a
filter is chosen, and then kept in step per edited document.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT
from annotator.core.schema import Schema
from annotator.gui.panels.document_list import (
    DocumentListModel,
    DocumentListView,
    DocumentOrderBox,
)

_Index = QModelIndex | QPersistentModelIndex
NO_LABEL = "\x00none"
"""Label-combo value meaning "the document has no value for this label"."""


class DocumentFilter(QSortFilterProxyModel):
    """Rows whose title, id or label values contain every word typed, with the chosen status
    and document label value. Empty criteria accept everything."""

    def __init__(self, source: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._words: list[str] = []
        self._status: str | None = None
        self._label: tuple[str, str] | None = None
        self._span_label: str | None = None
        self._annotator: str | None = None
        self._facets: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None
        self.setSourceModel(source)

    def set_span_label(self, label: str | None) -> None:
        """Keep documents with at least one span of ``label``."""
        self.beginFilterChange()
        self._span_label = label
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_annotator(self, annotator: str | None) -> None:
        """Keep documents where ``annotator`` made at least one span."""
        self.beginFilterChange()
        self._annotator = annotator
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refresh_facets(self, doc_ids: frozenset[str] | set[str] | None = None) -> None:
        """After edits (``doc_ids``) or an import (None): bring the span facets up to date."""
        if self._facets is None:
            return
        if doc_ids is None:
            self._facets = None
        else:
            self._facets.update(self._source.repository.span_facets(doc_ids))
        if self._span_label is not None or self._annotator is not None:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _facets_of(self, doc_id: str) -> tuple[frozenset[str], frozenset[str]]:
        if self._facets is None:
            self._facets = self._source.repository.span_facets()
        return self._facets.get(doc_id, (frozenset(), frozenset()))

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_label(self, name: str | None, value: str | None = None) -> None:
        """Keep documents whose label ``name`` is ``value`` (``NO_LABEL``: has none)."""
        self.beginFilterChange()
        self._label = (name, value or NO_LABEL) if name else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if source_parent.isValid():
            return False
        summary = self._source.summary(self._source.doc_id(source_row))
        if summary is None:
            return True
        if self._status is not None and summary.status != self._status:
            return False
        if self._label is not None:
            name, value = self._label
            actual = summary.labels.get(name)
            wanted = None if value == NO_LABEL else value
            if actual != wanted:
                return False
        if self._span_label is not None or self._annotator is not None:
            labels, annotators = self._facets_of(summary.id)
            if self._span_label is not None and self._span_label not in labels:
                return False
            if self._annotator is not None and self._annotator not in annotators:
                return False
        if not self._words:
            return True
        haystack = " ".join(
            [summary.title, summary.id]
            + [f"{name}:{value} {value}" for name, value in summary.labels.items()]
        ).casefold()
        return all(word in haystack for word in self._words)


class DocumentFilterBar(QWidget):
    """The filter controls above the document list; the list itself sits below them."""

    def __init__(
        self, view: DocumentListView, model: DocumentListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.proxy = DocumentFilter(model, self)
        self.model = model
        self.view = view
        view.setModel(self.proxy)

        self.text = QLineEdit()
        self.text.setPlaceholderText("Filter: title, id or label (topic:conflict)")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Filter documents")
        self.text.textChanged.connect(self.proxy.set_text)
        self.status = QComboBox()
        self.status.setAccessibleName("Status filter")
        self.status.addItem("Any status", None)
        for status in DOCUMENT_STATUSES:
            self.status.addItem(STATUS_TEXT.get(status, status), status)
        self.status.currentIndexChanged.connect(
            lambda index: self.proxy.set_status(self.status.itemData(index))
        )
        self.label = QComboBox()
        self.label.setAccessibleName("Document label filter")
        self.label.currentIndexChanged.connect(self._label_chosen)
        self.span_label = QComboBox()
        self.span_label.setAccessibleName("Span label filter")
        self.span_label.setToolTip("Only documents with at least one span of this label")
        self.span_label.currentIndexChanged.connect(
            lambda index: self.proxy.set_span_label(self.span_label.itemData(index))
        )
        self.annotator = QComboBox()
        self.annotator.setAccessibleName("Annotator filter")
        self.annotator.setToolTip("Only documents in which this annotator made spans")
        self.annotator.currentIndexChanged.connect(
            lambda index: self.proxy.set_annotator(self.annotator.itemData(index))
        )
        self._fill_annotators(model.repository.annotators())

        # The order beside the text filter: beside the status and label filters, three
        # combos in the dock's width cut "Any label" short.
        self.order = DocumentOrderBox()
        search = QHBoxLayout()
        search.setContentsMargins(0, 0, 0, 0)
        search.addWidget(self.text, 1)
        search.addWidget(self.order)
        combos = QHBoxLayout()
        combos.setContentsMargins(0, 0, 0, 0)
        combos.addWidget(self.status, 1)
        combos.addWidget(self.label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(search)
        layout.addLayout(combos)
        facets = QHBoxLayout()
        facets.setContentsMargins(0, 0, 0, 0)
        facets.addWidget(self.span_label, 1)
        facets.addWidget(self.annotator, 1)
        layout.addLayout(facets)
        layout.addWidget(view, 1)

    def set_schema(self, schema: Schema) -> None:
        """Offer the schema's document labels (``topic = conflict``, ``topic: none``)."""
        current = self.label.currentData()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem("Any label", None)
        for doc_label in schema.doc_labels:
            for choice in doc_label.choices:
                self.label.addItem(f"{doc_label.name} = {choice}", (doc_label.name, choice))
            self.label.addItem(f"{doc_label.name}: none", (doc_label.name, NO_LABEL))
        self.label.setVisible(bool(schema.doc_labels))
        index = self.label.findData(current) if current is not None else 0
        self.label.setCurrentIndex(max(index, 0))
        self.label.blockSignals(False)
        self._label_chosen(self.label.currentIndex())
        chosen = self.span_label.currentData()
        self.span_label.blockSignals(True)
        self.span_label.clear()
        self.span_label.addItem("Any span label", None)
        for label in schema.labels:
            self.span_label.addItem(f"has {label.name}", label.name)
        index = self.span_label.findData(chosen) if chosen is not None else 0
        self.span_label.setCurrentIndex(max(index, 0))
        self.span_label.blockSignals(False)
        self.proxy.set_span_label(self.span_label.currentData())

    def refresh(
        self, doc_ids: frozenset[str] | set[str] | None = None, annotator: str = ""
    ) -> None:
        """Keep the span filters right after edits by ``annotator`` (``doc_ids``) or an import
        (None). Only an import re-reads the annotator names: that query scans every span, too
        slow for each keypress on a big corpus; an edit can only add its own annotator."""
        self.proxy.refresh_facets(doc_ids)
        names = [self.annotator.itemData(i) for i in range(1, self.annotator.count())]
        if doc_ids is None:
            self._fill_annotators(self.model.repository.annotators())
        elif annotator and annotator not in names:
            self._fill_annotators(sorted([*names, annotator]))

    def _fill_annotators(self, names: list[str]) -> None:
        current = self.annotator.currentData()
        if current is not None and current not in names:
            names = sorted([*names, current])  # a chosen filter never vanishes under the user
        known = [self.annotator.itemData(i) for i in range(1, self.annotator.count())]
        if self.annotator.count() and known == names:
            return
        self.annotator.blockSignals(True)
        self.annotator.clear()
        self.annotator.addItem("Any annotator", None)
        for name in names:
            self.annotator.addItem(name, name)
        index = self.annotator.findData(current) if current is not None else 0
        self.annotator.setCurrentIndex(max(index, 0))
        self.annotator.blockSignals(False)
        self.proxy.set_annotator(self.annotator.currentData())

    def _label_chosen(self, index: int) -> None:
        data = self.label.itemData(index)
        if data is None:
            self.proxy.set_label(None)
        else:
            self.proxy.set_label(*data)

    def visible_ids(self) -> list[str]:
        """Document ids the list shows now, in order."""
        return [
            str(self.proxy.index(row, 0).data(DocumentListModel.IdRole))
            for row in range(self.proxy.rowCount())
        ]
