"""Settings ▸ Keyboard Shortcuts: rebind any window action.

Click a shortcut cell and press the new key combination; it takes effect and is saved at
once, or is refused with the reason (already used, reserved for the text, a label key) and
the old key comes back. Each row can go back to its default; "Reset All" restores them all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions.shortcuts import ShortcutRegistry, keys_text

_OK_STYLE = "color: palette(window-text);"
_REFUSED_STYLE = "color: #c92a2a; font-weight: 600;"


class ShortcutsDialog(QDialog):
    ACTION, SHORTCUT, DEFAULT, RESET = range(4)

    def __init__(self, registry: ShortcutRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.registry = registry
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter actions")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut", "Default", ""])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.SHORTCUT, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.DEFAULT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.RESET, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(self.SHORTCUT, 170)
        self.table.setWordWrap(False)
        self.message = QLabel("Click a shortcut and press the new keys; “None” removes it.", self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reset_all_button = buttons.addButton(
            "Reset &All to Defaults", QDialogButtonBox.ButtonRole.ResetRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.reset_all_button.clicked.connect(self.reset_all)
        self.filter.textChanged.connect(self._filter)
        self.edits: dict[str, QKeySequenceEdit] = {}
        self._fill()
        self.resize(820, 640)

    def _fill(self) -> None:
        entries = self.registry.entries()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            item = QTableWidgetItem(entry.path)
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            item.setToolTip(entry.tip)
            self.table.setItem(row, self.ACTION, item)
            edit = QKeySequenceEdit(self.table)
            edit.setObjectName(f"edit:{entry.name}")
            edit.setMaximumSequenceLength(1)
            current = entry.current()
            edit.setKeySequence(current[0] if current else QKeySequence())
            edit.editingFinished.connect(lambda name=entry.name: self._edited(name))
            self.table.setCellWidget(row, self.SHORTCUT, edit)
            self.edits[entry.name] = edit
            default = keys_text(entry.default)
            if entry.text_keys:
                default = ", ".join(filter(None, (default, f"{entry.text_keys} in the text")))
            self.table.setItem(row, self.DEFAULT, QTableWidgetItem(default))
            self.table.setCellWidget(row, self.RESET, self._row_buttons(entry.name))

    def _row_buttons(self, name: str) -> QWidget:
        box = QWidget(self.table)
        line = QHBoxLayout(box)
        line.setContentsMargins(2, 0, 2, 0)
        reset = QPushButton("Reset", box)
        reset.setToolTip("Back to the default shortcut")
        reset.clicked.connect(lambda: self.reset(name))
        clear = QPushButton("None", box)
        clear.setToolTip("No shortcut for this action")
        clear.clicked.connect(lambda: self.clear(name))
        line.addWidget(reset)
        line.addWidget(clear)
        return box

    def row_of(self, name: str) -> int:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.ACTION)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == name:
                return row
        return -1

    # ----- changes ----------------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        edit = self.edits[name]
        sequence = edit.keySequence()
        entry = self.registry.entry(name)
        current = entry.current()
        if (current[0] == sequence) if current else sequence.isEmpty():
            return
        reason = self.registry.assign(name, sequence)
        if reason:
            self._say(f"Not changed: {reason}", refused=True)
            self._show_current(name)
        elif sequence.isEmpty():
            self._say(f"{entry.path} has no shortcut now")
        else:
            self._say(f"{entry.path} is now {sequence.toString(_NATIVE)}")

    def clear(self, name: str) -> None:
        self.edits[name].clear()
        self._edited(name)

    def reset(self, name: str) -> None:
        reason = self.registry.reset(name)
        entry = self.registry.entry(name)
        if reason:
            self._say(f"Cannot restore the default: {reason}", refused=True)
        else:
            self._say(f"{entry.path} is back to {keys_text(entry.default) or 'no shortcut'}")
        self._show_current(name)

    def reset_all(self) -> None:
        self.registry.reset_all()
        for name in self.edits:
            self._show_current(name)
        self._say("Every shortcut is back to its default")

    def _show_current(self, name: str) -> None:
        edit = self.edits[name]
        current = self.registry.entry(name).current()
        edit.blockSignals(True)
        edit.setKeySequence(current[0] if current else QKeySequence())
        edit.blockSignals(False)

    def _say(self, text: str, *, refused: bool = False) -> None:
        self.message.setStyleSheet(_REFUSED_STYLE if refused else _OK_STYLE)
        self.message.setText(text)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.ACTION)
            name = item.data(Qt.ItemDataRole.UserRole) if item else ""
            keys = keys_text(self.registry.entry(name).current()).lower() if name else ""
            hide = bool(needle) and needle not in (item.text().lower() if item else "")
            self.table.setRowHidden(row, hide and needle not in keys)


_NATIVE = QKeySequence.SequenceFormat.NativeText
