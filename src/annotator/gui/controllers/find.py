"""Find in the open document: the FindBar above the article view, wired to the window.

The bar computes hits in code points over the stored text; the view outlines them and marks
the scroll bar. The current hit becomes the view's text selection, so after Esc a label key
annotates it. Opening another document re-runs the query there while the bar is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.gui.panels.find_bar import FindBar

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

MAX_PREFILL = 80


class FindController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = FindBar()
        self.bar.setObjectName("FindBar")
        self.bar.hide()
        self._wrap_central_widget()

        window.actions_.bind("edit.find", self.open)
        window.actions_.bind("edit.find_next", self.next)
        window.actions_.bind("edit.find_previous", self.previous)

        self.bar.hitsChanged.connect(window.view.set_find_hits)
        self.bar.hitsChanged.connect(self._hits_changed)
        self.bar.currentHitChanged.connect(self._select_hit)
        self.bar.closed.connect(self._closed)
        window.view.escapePressed.connect(self._escape_in_view)
        window.documentOpened.connect(self._document_opened)

    def _wrap_central_widget(self) -> None:
        """Put the bar above whatever the window shows in the middle (the article view)."""
        window = self.window
        inner = window.takeCentralWidget()
        container = QWidget(window)
        container.setObjectName("ViewWithFindBar")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        if inner is not None:
            layout.addWidget(inner, 1)
        window.setCentralWidget(container)

    # ----- actions ---------------------------------------------------------------------------
    def open(self) -> None:
        """Ctrl+F: show the bar with the selected text (if short, one line) as the query."""
        view = self.window.view
        start, end = view.selection_cp()
        doc = self.window.doc
        initial = ""
        if doc is not None and 0 < end - start <= MAX_PREFILL:
            selected = doc.text[start:end]
            initial = selected if "\n" not in selected else ""
        if self.bar.isHidden():
            self.bar.set_text(doc.text if doc is not None else "")
        self.bar.focus_find(initial)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.bar.isHidden() or not self.bar.edit.text():
            self.open()
            return
        if delta > 0:
            self.bar.find_next()
        else:
            self.bar.find_previous()

    # ----- reactions ---------------------------------------------------------------------------
    def _select_hit(self, start: int, end: int) -> None:
        view = self.window.view
        view.set_selection_cp(start, end)
        view.scroll_to_cp(start)

    def _hits_changed(self, hits: list[tuple[int, int]], _current: int) -> None:
        """No hit: drop the previous hit's selection, so a label key cannot annotate it."""
        if not hits and self.bar.isVisible() and self.bar.edit.text():
            start = self.window.view.selection_cp()[0]
            self.window.view.set_selection_cp(start, start)

    def _closed(self) -> None:
        self.window.view.setFocus()

    def _escape_in_view(self) -> None:
        if not self.bar.isHidden():
            self.bar.close_bar()

    def _document_opened(self, _doc_id: str) -> None:
        doc = self.window.doc
        if not self.bar.isHidden() and doc is not None:
            focus = self.window.view.hasFocus()
            self.bar.set_text(doc.text)
            if focus:
                self.window.view.setFocus()
