"""Corpus search: the concordance (KWIC) in a dock at the bottom of the window.

Ctrl+Shift+F shows it with the query field focused (prefilled with the selected text).
Opening a hit (double-click or Enter) opens its document with the hit selected, so a label
key annotates it at once; "Annotate all…" hands the query to annotate all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from annotator.core.edits import Changes, Edit
from annotator.gui.panels.concordance import ConcordanceWidget

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

MAX_PREFILL = 80
DOCK_HEIGHT = 240  # the text keeps most of the window
REFRESH_DELAY_MS = 150  # a burst of edits (keys held, undo repeated) costs one search


class SearchController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._sized = False
        self.widget = ConcordanceWidget(window.repo)
        self.widget.setObjectName("Concordance")
        self.dock = QDockWidget("Corpus Search", window)
        self.dock.setObjectName("Corpus SearchDock")
        self.dock.setWidget(self.widget)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        window.actions_.adopt_dock("view.panel.corpus_search", self.dock)
        window.actions_.bind("tools.corpus_search", self.open)
        self.widget.openHit.connect(self.open_hit)
        # Edits change the labels the hits show: search again once the edits settle.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self._refresh_now)
        window.session.applied.connect(self._edit_applied)

    def open(self) -> None:
        window = self.window
        doc = window.doc
        start, end = window.view.selection_cp()
        if doc is not None and 0 < end - start <= MAX_PREFILL:
            selected = doc.text[start:end].strip()
            if selected and "\n" not in selected:
                self.widget.set_query(selected)
        if self.dock.isHidden() and not self._sized:
            self._sized = True
            self.dock.show()
            window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
        self.dock.show()
        self.dock.raise_()
        self.widget.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.widget.query.selectAll()

    def open_hit(self, doc_id: str, start: int, end: int) -> None:
        window = self.window
        if not window.repo.has_document(doc_id):
            window.status_bar.problem(f"Document “{doc_id}” is gone; search again")
            return
        window.open_document(doc_id)
        window.view.set_selection_cp(start, end)
        window.view.scroll_to_cp(start)
        window.view.setFocus()
        window.status_bar.info("Opened the hit: press a label's key to annotate it")

    def rerun(self) -> None:
        """Search again (after annotate all changed the labels the hits show)."""
        if self.dock.isVisible() and self.widget.query.text():
            self.widget.run()

    def _edit_applied(self, _edit: Edit, changes: Changes, _message: str) -> None:
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
