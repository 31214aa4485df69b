"""The pieces of the Agreement view: the pair x pair heat map and the documents by disagreement."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from annotator.gui.widgets.table_model import HeaderedTableModel
from annotator.team.agreement import DocumentDisagreement, Measures

Index = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole
"""The measure as a float (None when undefined or on the diagonal)."""

PAIR_MEASURES = {
    "cohen_kappa": "Cohen's κ",
    "span_f1": "Span F1 (exact)",
    "span_f1_overlap": "Span F1 (overlap)",
}
"""The pair measures the heat map can show: attribute of ``PairAgreement`` -> name."""

UNDEFINED = QColor("#e9ecef")


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def heat(value: float) -> QColor:
    """Red at 0 (or below: no agreement beyond chance) through yellow to green at 1."""
    share = min(1.0, max(0.0, value))
    return QColor.fromHsvF(share / 3, 0.45, 0.97)


class PairMatrixModel(QAbstractTableModel):
    """Annotators on both axes; each cell the chosen measure of that pair."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self.values: dict[tuple[str, str], float | None] = {}

    def set_measures(self, names: list[str], measures: Measures, measure: str) -> None:
        self.beginResetModel()
        self.names = list(names)
        self.values = {}
        for pair in measures.pairs:
            value = getattr(pair, measure)
            self.values[(pair.a, pair.b)] = self.values[(pair.b, pair.a)] = value
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.names, self.values = [], {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.names)

    def value(self, row: int, column: int) -> float | None:
        return self.values.get((self.names[row], self.names[column]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if row == column else number(self.value(row, column))
        if role == VALUE_ROLE:
            return None if row == column else self.value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and row != column:
            return f"{self.names[row]} and {self.names[column]}: {number(self.value(row, column))}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.names):
            return self.names[section]
        return None


class HeatDelegate(QStyledItemDelegate):
    """Fills each cell with the colour of its value, then writes the value on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(VALUE_ROLE)
        if index.row() != index.column():
            color = UNDEFINED if value is None else heat(float(value))
            painter.fillRect(option.rect, color)
        super().paint(painter, option, index)


class DocumentsModel(HeaderedTableModel):
    """The compared documents, most disagreement first."""

    HEADERS = ("Document", "Title", "Disagreement", "Tokens differing", "Done by")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents: list[DocumentDisagreement] = []

    def set_documents(self, documents: list[DocumentDisagreement]) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.documents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        doc = self.documents[index.row()]
        return (
            doc.doc_id,
            doc.title,
            f"{doc.disagreement:.0%}",
            f"{doc.differing} of {doc.labelled}",
            str(doc.annotators),
        )[index.column()]
