"""Corpus search: the concordance (KWIC) in a dock at the bottom of the window.

Ctrl+Shift+F shows it with the query field focused (prefilled with the selected text).
Opening a hit (double-click or Enter) opens its document with the hit selected, so a label
key annotates it at once; "Annotate all…" hands the query to annotate all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.core.edits import Changes, Edit
from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.concordance import ConcordanceWidget
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace

MAX_PREFILL = 80
REFRESH_DELAY_MS = 150  # a burst of edits (keys held, undo repeated) costs one search


class SearchController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        widget: ConcordanceWidget,
        dock: QDockWidget,
        show_dock: Callable[[], None],
        status_bar: StatusBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace, self.view, self.status_bar = workspace, view, status_bar
        self.widget, self.dock = widget, dock
        self._show_dock = show_dock
        """Shows the dock in front (sized the first time)."""
        self.widget.openHit.connect(self.open_hit)
        # Edits change the labels the hits show: search again once the edits settle.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self._refresh_now)
        session.applied.connect(self._edit_applied)

    def open(self) -> None:
        doc = self.workspace.doc
        start, end = self.view.selection_cp()
        if doc is not None and 0 < end - start <= MAX_PREFILL:
            selected = doc.text[start:end].strip()
            if selected and "\n" not in selected:
                self.widget.set_query(selected)
        self._show_dock()
        self.widget.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.widget.query.selectAll()

    def open_hit(self, doc_id: str, start: int, end: int) -> None:
        if not self.workspace.repo.has_document(doc_id):
            self.status_bar.problem(f"Document “{doc_id}” is gone; search again")
            return
        self.workspace.open_document(doc_id)
        self.view.set_selection_cp(start, end)
        self.view.scroll_to_cp(start)
        self.view.setFocus()
        self.status_bar.info("Opened the hit: press a label's key to annotate it")

    def rerun(self) -> None:
        """Search again (after annotate all changed the labels the hits show)."""
        if self.dock.isVisible() and self.widget.query.text():
            self.widget.run()

    def _edit_applied(self, _edit: Edit | None, changes: Changes, _message: str) -> None:
        """Spans give hits their labels; with a filter set, a document's status or any span
        may also add or drop hits. Otherwise a search showing no hit of the edited documents
        can not change."""
        if not (self.dock.isVisible() and self.widget.query.text()):
            return
        if self.widget.is_filtered():
            if changes.span_ids or changes.document_fields:
                self._refresh.start()
        elif changes.span_ids and {hit.doc_id for hit in self.widget.hits()} & changes.doc_ids:
            self._refresh.start()

    def _refresh_now(self) -> None:
        if self.dock.isVisible() and self.widget.query.text():
            self.widget.refresh()
