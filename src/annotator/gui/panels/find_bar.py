"""Find in the open document (Ctrl+F): plain or regex, case, whole word, next / previous.

Offsets are code points (``core.find``); the window passes ``hitsChanged`` straight to
``ArticleView.set_find_hits`` and ``currentHitChanged`` to its selection / scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.core.errors import ValidationError
from annotator.core.find import FindOptions, find_all

MAX_HITS = 100_000


class FindBar(QWidget):
    hitsChanged = Signal(list, int)
    """All hits as (start, end) code points, and the index of the current one (-1: none)."""
    currentHitChanged = Signal(int, int)
    """The current hit's start and end, when it moves (to select and scroll to it)."""
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.regex = self._toggle(".*", "Regular expression (Alt+R)", "Alt+R")
        self.case = self._toggle("Aa", "Match case (Alt+C)", "Alt+C")
        self.word = self._toggle("W", "Whole words (Alt+W)", "Alt+W")
        self.prev_button = self._button("↑", "Previous hit (Shift+Enter, Shift+F3)")
        self.next_button = self._button("↓", "Next hit (Enter, F3)")
        self.close_button = self._button("✕", "Close (Esc)")
        self.count = QLabel("", self)
        self.count.setMinimumWidth(90)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        for widget in (self.regex, self.case, self.word, self.prev_button, self.next_button):
            layout.addWidget(widget)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)
        self.edit.textChanged.connect(self.search)
        for toggle in (self.regex, self.case, self.word):
            toggle.toggled.connect(self.search)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)

    def _toggle(self, text: str, tip: str, shortcut: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setShortcut(shortcut)
        return button

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        return button

    # ----- public API -------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """The open document's text (code points as stored); hits are recomputed."""
        self._text = text
        self.search()

    def focus_find(self, initial: str = "") -> None:
        """Show the bar and put the cursor in it (the Ctrl+F action), optionally prefilled."""
        self.show()
        if initial:
            self.edit.setText(initial)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def options(self) -> FindOptions:
        return FindOptions(self.regex.isChecked(), self.case.isChecked(), self.word.isChecked())

    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    def current_index(self) -> int:
        return self._current

    def search(self) -> None:
        query = self.edit.text()
        try:
            self._hits = find_all(self._text, query, self.options(), limit=MAX_HITS)
            error = ""
        except ValidationError as exc:
            self._hits, error = [], str(exc)
        self._current = 0 if self._hits else -1
        self._show_count(error)
        self.hitsChanged.emit(list(self._hits), self._current)
        self._emit_current()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        self.hide()
        self.hitsChanged.emit([], -1)
        self.closed.emit()

    # ----- internals --------------------------------------------------------------------
    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._show_count("")
        self.hitsChanged.emit(list(self._hits), self._current)
        self._emit_current()

    def _emit_current(self) -> None:
        if self._current >= 0:
            self.currentHitChanged.emit(*self._hits[self._current])

    def _show_count(self, error: str) -> None:
        if error:
            self.count.setText("invalid pattern")
            self.count.setToolTip(error)
        elif not self.edit.text():
            self.count.setText("")
            self.count.setToolTip("")
        elif not self._hits:
            self.count.setText("no results")
            self.count.setToolTip("")
        else:
            self.count.setText(f"{self._current + 1} of {len(self._hits)}")
            self.count.setToolTip("")

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
