"""The label palette: every label of the schema grouped by layer, with colour and hotkey.

Clicking a label asks the window to apply it to the current selection. The palette never takes
the keyboard focus, so hotkeys keep going to the article view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from annotator.core.schema import Schema

_LAYER_TITLES = {"background": "highlight", "underline": "underline", "section": "gutter bar"}
LabelRole = Qt.ItemDataRole.UserRole + 1


def swatch(color: str, style: str, size: int = 14) -> QIcon:
    """A small icon that looks like how the layer is drawn: fill, underline or bar."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    qcolor = QColor(color)
    painter.setPen(qcolor.darker(130))
    if style == "underline":
        painter.fillRect(1, size - 4, size - 2, 3, qcolor)
    elif style == "section":
        painter.fillRect(size // 2 - 2, 1, 4, size - 2, qcolor)
    else:
        painter.setBrush(qcolor)
        painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class LabelPalette(QTreeWidget):
    """Labels by layer; ``labelClicked(name)`` when one is clicked."""

    labelClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Label", "Key"])
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setUniformRowHeights(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setIconSize(QSize(14, 14))
        self.setMouseTracking(True)
        self.setStyleSheet("QTreeWidget::item { padding: 1px 0px; }")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._clicked)

    def set_schema(self, schema: Schema) -> None:
        self.clear()
        for layer in schema.layers:
            group = QTreeWidgetItem(self, [layer.name.capitalize(), ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            overlap = "may overlap" if layer.allow_overlap else "never overlap"
            group.setToolTip(
                0,
                f"{layer.description or layer.name}\n"
                f"Drawn as {_LAYER_TITLES.get(layer.style, layer.style)}; spans {overlap}.",
            )
            for label in schema.labels_of(layer.name):
                item = QTreeWidgetItem(group, [label.name, label.hotkey])
                item.setIcon(0, swatch(label.color, layer.style))
                item.setData(0, LabelRole, label.name)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
                tip = label.description or label.name
                if label.hotkey:
                    tip += f"\nHotkey: {label.hotkey}"
                item.setToolTip(0, tip)
                item.setToolTip(1, tip)
            group.setExpanded(True)

    def item_for(self, label: str) -> QTreeWidgetItem | None:
        """The palette row of ``label`` (tests click it)."""
        for top in range(self.topLevelItemCount()):
            group = self.topLevelItem(top)
            if group is None:
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None and item.data(0, LabelRole) == label:
                    return item
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        name = item.data(0, LabelRole)
        if name:
            self.labelClicked.emit(str(name))
