"""Find in the open document: the FindBar above the article view and its keys.

The bar computes hits in code points over the stored text; the view outlines them and marks
the scroll bar. The current hit becomes the view's text selection, so after Esc a label key
annotates it. Opening another document re-runs the query there while the bar is open.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from annotator.gui.article.view import ArticleView
from annotator.gui.panels.find_bar import FindBar
from annotator.gui.state import Workspace

MAX_PREFILL = 80


class FindController(QObject):
    def __init__(
        self, workspace: Workspace, view: ArticleView, bar: FindBar, window: QMainWindow
    ) -> None:
        super().__init__(window)
        self.workspace, self.view, self.bar = workspace, view, bar

        bar.hitsChanged.connect(view.set_find_hits)
        bar.hitsChanged.connect(self._hits_changed)
        bar.currentHitChanged.connect(self._select_hit)
        bar.closed.connect(self._closed)
        view.escapePressed.connect(self._escape_in_view)
        workspace.documentOpened.connect(self._document_opened)

    # ----- actions ---------------------------------------------------------------------------
    def open(self) -> None:
        """Ctrl+F: show the bar with the selected text (if short, one line) as the query."""
        view = self.view
        start, end = view.selection_cp()
        doc = self.workspace.doc
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
        view = self.view
        view.set_selection_cp(start, end)
        view.scroll_to_cp(start)

    def _hits_changed(self, hits: list[tuple[int, int]], _current: int) -> None:
        """No hit: drop the previous hit's selection, so a label key cannot annotate it."""
        if not hits and self.bar.isVisible() and self.bar.edit.text():
            start = self.view.selection_cp()[0]
            self.view.set_selection_cp(start, start)

    def _closed(self) -> None:
        self.view.setFocus()

    def _escape_in_view(self) -> None:
        if not self.bar.isHidden():
            self.bar.close_bar()

    def _document_opened(self, _doc_id: str) -> None:
        doc = self.workspace.doc
        if not self.bar.isHidden() and doc is not None:
            focus = self.view.hasFocus()
            self.bar.set_text(doc.text)
            if focus:
                self.view.setFocus()
