"""A plain-text note editor that commits when the user is done, not on every keystroke.

A note is committed (``committed`` emitted with the new text) when the editor loses focus or
on Ctrl+Enter, and only when the text differs from what was last loaded or committed, so one
typed note is one edit in the log and one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class NoteEdit(QPlainTextEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = ""
        self.setTabChangesFocus(True)  # Tab moves on, as in the rest of the form
        self.setPlaceholderText("Note (saved when you leave the field or press Ctrl+Enter)")

    def load(self, text: str) -> None:
        """Show ``text`` as the stored note (no signal)."""
        self._loaded = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def is_unsaved(self) -> bool:
        """Whether the user typed something not committed yet."""
        return self.toPlainText() != self._loaded

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._loaded:
            self._loaded = text
            self.committed.emit(text)

    def event(self, event: QEvent) -> bool:
        """Claim Ctrl+Enter before the window's shortcut for it (Mark Done and Next) fires."""
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and _is_commit_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_commit_key(event):
            self.commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


def _is_commit_key(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )
