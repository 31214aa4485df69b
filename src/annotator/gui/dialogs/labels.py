"""Edit the project's labels in the app: colours, hotkeys, descriptions, and new labels.

The dialog edits a copy of the schema and builds the new one with ``schema_from_dict``, so
exactly the rules of a schema file apply (duplicate or reserved hotkeys, bad colours, unknown
layers) and their messages are shown in the dialog. With ``apply_schema`` given (the window
passes ``lambda s: apply_schema_change(repo, s, annotator=...)``), OK applies the schema and
a refusal is shown without closing. Renaming and removing labels are done with a schema file
(``annotator schema apply``), where the counts of affected spans are shown first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_dict

NAME, LAYER, COLOR, HOTKEY, DESCRIPTION = range(5)
NEW_LABEL_COLOR = "#cccccc"
ColorPicker = Callable[[QColor, QWidget], QColor | None]


def dialog_color_picker(initial: QColor, parent: QWidget) -> QColor | None:
    color = QColorDialog.getColor(initial, parent, "Label colour")
    return color if color.isValid() else None


class LabelsDialog(QDialog):
    def __init__(
        self,
        schema: Schema,
        apply_schema: Callable[[Schema], object] | None = None,
        pick_color: ColorPicker = dialog_color_picker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Labels")
        self.resize(760, 520)
        self._schema = schema
        self._apply_schema = apply_schema
        self._pick_color = pick_color
        self._result: Schema | None = None

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Label", "Layer", "Colour", "Hotkey", "Description"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.itemActivated.connect(self._activated)
        for label in schema.labels:
            self._add_row(label.name, label.layer, label.color, label.hotkey, label.description)

        self.add_button = QPushButton("Add label")
        self.add_button.clicked.connect(self.add_label)
        self.color_button = QPushButton("Colour…")
        self.color_button.clicked.connect(self.choose_color)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.color_button)
        row.addStretch(1)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("QLabel { color: #c92a2a }")
        self.error_label.hide()
        hint = QLabel(
            "Rename or remove labels with a schema file: annotator schema apply "
            "(it shows how many spans change first)."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Enter belongs to the table (edit a cell, open the colour chooser), not to OK.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    # ----- rows -------------------------------------------------------------------------
    def _add_row(
        self, name: str, layer: str, color: str, hotkey: str, description: str, new: bool = False
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(Qt.ItemDataRole.UserRole, None if new else name)
        if not new:
            name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name_item.setToolTip("Rename with a schema file: annotator schema apply")
        self.table.setItem(row, NAME, name_item)
        if new:
            combo = QComboBox()
            combo.addItems([layer_def.name for layer_def in self._schema.layers])
            combo.setCurrentText(layer)
            self.table.setCellWidget(row, LAYER, combo)
        else:
            layer_item = QTableWidgetItem(layer)
            layer_item.setFlags(layer_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, LAYER, layer_item)
        color_item = QTableWidgetItem()
        color_item.setFlags(color_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        color_item.setToolTip("Enter or double-click to choose a colour")
        self.table.setItem(row, COLOR, color_item)
        self._set_color(row, color)
        self.table.setItem(row, HOTKEY, QTableWidgetItem(hotkey))
        self.table.setItem(row, DESCRIPTION, QTableWidgetItem(description))
        return row

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        if item is None:  # every row is created with all its items; keep it that way
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        return item

    def _set_color(self, row: int, color: str) -> None:
        item = self._cell(row, COLOR)
        item.setText(color)
        item.setBackground(QBrush(QColor(color)))
        item.setForeground(
            QBrush(QColor("#000000" if QColor(color).lightness() > 128 else "#ffffff"))
        )

    def add_label(self) -> None:
        """A new row: name it, pick its layer, colour and hotkey."""
        layer = self._schema.layers[0].name
        current = self.table.currentRow()
        if current >= 0:
            layer = self._row_layer(current)
        row = self._add_row("", layer, NEW_LABEL_COLOR, "", "", new=True)
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(self._cell(row, NAME))

    def _row_layer(self, row: int) -> str:
        widget = self.table.cellWidget(row, LAYER)
        if isinstance(widget, QComboBox):
            return widget.currentText()
        return self._cell(row, LAYER).text()

    def _activated(self, item: QTableWidgetItem) -> None:
        if item.column() == COLOR:
            self.choose_color()

    def choose_color(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        chosen = self._pick_color(QColor(self._cell(row, COLOR).text()), self)
        if chosen is not None:
            self._set_color(row, chosen.name())

    # ----- result -----------------------------------------------------------------------
    def build_schema(self) -> Schema:
        """The schema the table describes; raises SchemaError with the schema file's rules."""
        data: dict[str, Any] = self._schema.to_dict()
        old = {entry["name"]: entry for entry in data["labels"]}
        labels = []
        for row in range(self.table.rowCount()):
            original = self._cell(row, NAME).data(Qt.ItemDataRole.UserRole)
            entry = dict(old[original]) if original else {}
            entry.update(
                name=self._cell(row, NAME).text().strip(),
                layer=self._row_layer(row),
                color=self._cell(row, COLOR).text(),
                hotkey=self._cell(row, HOTKEY).text().strip(),
                description=self._cell(row, DESCRIPTION).text().strip(),
            )
            labels.append(entry)
        data["labels"] = labels
        return schema_from_dict(data)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that the table passes on (after opening the colour chooser or committing a
        cell) must not press OK, which the button box makes the default when shown; Ctrl+Enter
        is OK from anywhere."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.accept()
            event.accept()
            return
        super().keyPressEvent(event)

    def new_schema(self) -> Schema | None:
        """The accepted schema (None until OK succeeded)."""
        return self._result

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            schema = self.build_schema()
            if self._apply_schema is not None:
                self._apply_schema(schema)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self._result = schema
        self.error_label.hide()
        super().accept()
