"""Pick the type of a new relation from the short list the schema allows between two spans.

Keyboard first: the list has focus, arrows move, Enter picks, typing a letter jumps to the
type starting with it, Esc cancels. When the schema allows nothing between the two labels the
dialog says why (and which types would fit the other way round) instead of offering a list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.core.schema import Schema


def _end(span: Span) -> str:
    text = " ".join(span.text.split())
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"“{text}” ({span.label})"


def no_relation_reason(head: Span, tail: Span, schema: Schema) -> str:
    """Why no relation may go from ``head`` to ``tail``, with what would fit instead."""
    if head.id == tail.id:
        return "A relation joins two different spans; choose another span as its end."
    reason = f"The schema has no relation type from a {head.label} span to a {tail.label} span."
    reverse = schema.relations_allowed(tail.label, head.label)
    if reverse:
        names = ", ".join(r.name for r in reverse)
        reason += f" The other way round ({tail.label} → {head.label}) allows: {names}."
    starting = [r for r in schema.relations if head.label in r.head]
    if starting:
        reason += f" From {head.label}: " + "; ".join(
            f"{r.name} (to {', '.join(r.tail)})" for r in starting
        )
        reason += "."
    return reason


class RelationTypePicker(QDialog):
    def __init__(
        self, head: Span, tail: Span, schema: Schema, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Relation type")
        self.head, self.tail = head, tail
        allowed = schema.relations_allowed(head.label, tail.label) if head.id != tail.id else []
        layout = QVBoxLayout(self)
        ends = QLabel(f"{_end(head)}  →  {_end(tail)}")
        ends.setTextFormat(Qt.TextFormat.PlainText)
        ends.setWordWrap(True)
        layout.addWidget(ends)

        self.type_list = QListWidget()
        self.type_list.setAccessibleName("Relation types")
        for rel in allowed:
            item = QListWidgetItem(
                f"{rel.name} — {rel.description}" if rel.description else rel.name
            )
            item.setData(Qt.ItemDataRole.UserRole, rel.name)
            item.setToolTip(f"{', '.join(rel.head)} → {', '.join(rel.tail)}")
            self.type_list.addItem(item)
        self.type_list.itemActivated.connect(lambda _item: self.accept())
        # wide enough for the longest "name — description" line (within reason)
        widest = self.type_list.sizeHintForColumn(0) if self.type_list.count() else 0
        self.setMinimumWidth(min(max(420, widest + 48), 900))
        self.reason = QLabel(no_relation_reason(head, tail, schema) if not allowed else "")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if allowed:
            self.type_list.setCurrentRow(0)
            layout.addWidget(self.type_list)
            self.reason.hide()
        else:
            self.type_list.hide()
            self.ok_button.setEnabled(False)
            layout.addWidget(self.reason)
        layout.addWidget(buttons)
        (self.type_list if allowed else buttons).setFocus()

    def allowed_types(self) -> list[str]:
        return [
            self.type_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.type_list.count())
        ]

    def chosen(self) -> str | None:
        """The selected type once accepted; None when cancelled or nothing is allowed."""
        item = self.type_list.currentItem()
        if self.result() != QDialog.DialogCode.Accepted or item is None:
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        if self.type_list.currentItem() is not None:
            super().accept()

    @classmethod
    def pick(
        cls, head: Span, tail: Span, schema: Schema, parent: QWidget | None = None
    ) -> str | None:
        """Run the picker modally; the chosen relation type, or None."""
        dialog = cls(head, tail, schema, parent)
        dialog.exec()
        return dialog.chosen()
