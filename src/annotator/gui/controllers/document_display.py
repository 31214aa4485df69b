"""Keeps the article view, the span list and the document list showing the open document.

On ``Workspace.documentOpened`` the view and the span list are filled from the store with the
annotator's own spans (other annotators' go to the view's ghost layer); on the
edit session's ``applied`` only what the change touched is updated (one span, the relations,
one row of the document list), so a keypress never re-reads a document of tens of thousands
of spans. A schema change re-reads the document only when it changed annotations.

When the reads of a document being opened fail (a server that cannot be reached again), the
document is closed and the view emptied rather than left showing another document's text;
when those after a change fail, the change is said to be saved but maybe not shown.
``Workspace.readFailed`` carries either message to the status bar.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QSettings

from annotator.core.edits import Changes, Edit
from annotator.core.lanes import sort_in_document_order
from annotator.core.model import Relation, Span
from annotator.core.operations.ownership import owns, split_own
from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.document_list import DocumentListModel, DocumentListView
from annotator.gui.panels.label_palette import LabelPalette
from annotator.gui.panels.span_list import SpanListModel, SpanListView
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.settings import SCROLL_POSITIONS, read_str
from annotator.gui.state import Workspace
from annotator.store.errors import StoreError

KEPT_POSITIONS = 500
"""Documents whose scroll position is remembered across restarts, the most recently left."""


def _read_positions(saved: str) -> dict[str, int]:
    """Scroll positions saved by ``remember_scroll``; anything unreadable is forgotten."""
    try:
        positions = json.loads(saved) if saved else {}
    except ValueError:
        return {}
    if not isinstance(positions, dict):
        return {}
    return {str(k): v for k, v in positions.items() if isinstance(v, int) and v >= 0}


class DocumentDisplay(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        span_list: SpanListView,
        span_model: SpanListModel,
        doc_list: DocumentListView,
        doc_model: DocumentListModel,
        doc_filter: DocumentFilterBar,
        palette: LabelPalette,
        status_bar: StatusBar,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.workspace, self.session = workspace, session
        self.view, self.span_list, self.span_model = view, span_list, span_model
        self.doc_list, self.doc_model, self.doc_filter = doc_list, doc_model, doc_filter
        self.palette, self.status_bar = palette, status_bar
        palette.set_schema(workspace.schema)
        doc_filter.set_schema(workspace.schema)
        self._shown: str | None = None
        self._scrolled = _read_positions(read_str(settings, SCROLL_POSITIONS))
        workspace.documentOpened.connect(self.show_document)
        workspace.annotatorChanged.connect(lambda _name: self._show_again())
        session.applied.connect(self.show_changes)

    def show_document(self, doc_id: str) -> None:
        """Show the document: the annotator's own spans to edit, everyone else's as ghosts.

        The spans are read once and split in one pass (``split_own``), so a document of
        50,000 spans opens as fast as before annotators were told apart.
        """
        workspace = self.workspace
        repo, schema, doc = workspace.repo, workspace.schema, workspace.doc
        if doc is None or doc.id != doc_id:
            return
        bar = self.view.verticalScrollBar()
        self.remember_scroll()
        self._shown = None  # the view shows the new text from here on, whatever happens next
        try:
            # The spans are read on a worker thread meanwhile: the relations (while it
            # queries), then the text's layout (while it builds the spans).
            reading = repo.pending_spans(doc_id)
            relations = repo.relations(doc_id)
            self.view.set_text(doc.text, schema)
            spans, others = split_own(reading.spans(), workspace.annotator)
        except StoreError as exc:
            self._unreadable(f"Not opened: {exc}")
            return
        self.view.set_spans(spans)
        self.view.ghosts.set_spans(others)
        self._show_relations(relations)
        self._shown = doc_id
        # where the reader was in it last time: the paragraph at the top, however lines wrap now
        top = self.view.document().findBlockByNumber(self._scrolled.get(doc_id, 0))
        bar.setValue(top.firstLineNumber() if top.isValid() else 0)
        self.span_model.set_spans(spans, schema)
        self.doc_list.select_document(doc_id)
        self.view.setFocus()

    def _unreadable(self, message: str) -> None:
        """The open document could not be read: show none rather than another's text (an
        edit made on it would land on the wrong document), and say why."""
        self.remember_scroll()
        self._shown = None
        self.workspace.close_document()
        self.view.set_document("", [], self.workspace.schema)
        self.view.ghosts.set_spans([])
        self.view.set_relations([])
        self.view.ghosts.set_relations([])
        self.span_model.set_spans([], self.workspace.schema)
        self.workspace.readFailed.emit(message)

    def shown_spans(self, doc_id: str) -> list[Span] | None:
        """Every span of ``doc_id`` as shown (own and others', kept in step with each edit), in
        document order; None when another document is shown. Saves a second read of a big
        document's spans for whoever needs them all (the comparison of its annotators)."""
        if self._shown != doc_id:
            return None
        spans = [*self.view.spans(), *self.view.ghosts.spans()]
        sort_in_document_order(spans)
        return spans

    def remember_scroll(self) -> None:
        """Keep where the reader is in the shown document, for this session and the next."""
        if self._shown is None:
            return
        self._scrolled.pop(self._shown, None)  # the most recent last, the oldest forgotten
        self._scrolled[self._shown] = self.view.firstVisibleBlock().blockNumber()
        kept = dict(list(self._scrolled.items())[-KEPT_POSITIONS:])
        self.settings.setValue(SCROLL_POSITIONS, json.dumps(kept))

    def show_changes(self, _edit: Edit | None, changes: Changes, message: str) -> None:
        """Bring the widgets in line with a committed change, touching only what it changed."""
        if changes.schema:
            self._show_schema(changes)
            self.status_bar.saved(message)
            return
        try:
            self._show_committed(changes)
        except StoreError as exc:
            # The document stays open: its text is right, only the change may not show yet.
            self.workspace.readFailed.emit(
                f"{message}, but it could not be read back to show it: {exc}; open the "
                "document again once the server is back"
            )
            return
        self.status_bar.saved(message)

    def _show_committed(self, changes: Changes) -> None:
        workspace = self.workspace
        doc = workspace.doc
        if doc is not None and doc.id in changes.doc_ids:
            self._show_spans(doc.id, changes)
            if changes.relation_ids:
                self._show_relations(workspace.repo.relations(doc.id))
            if changes.document_fields:
                workspace.refresh_document()
            self.span_list.show_span(self.workspace.selected_span_id)
        # The span model and the ghosts hold every span of the open document: the count.
        counts = {doc.id: self.span_model.rowCount() + len(self.view.ghosts)} if doc else {}
        self.doc_model.refresh(changes.doc_ids, counts)
        self.doc_filter.refresh(changes.doc_ids, workspace.annotator)

    def _show_again(self) -> None:
        """Another annotator works now: what is theirs to edit and what is ghosted changes."""
        doc = self.workspace.doc
        if doc is not None:
            scroll = self.view.verticalScrollBar().value()
            self.show_document(doc.id)
            self.view.verticalScrollBar().setValue(scroll)

    def _show_relations(self, relations: list[Relation]) -> None:
        """The annotator's own relations to the view, everyone else's to its ghosts."""
        annotator = self.workspace.annotator
        own = [relation for relation in relations if owns(annotator, relation.annotator)]
        self.view.set_relations(own)
        self.view.ghosts.set_relations(
            [relation for relation in relations if not owns(annotator, relation.annotator)]
        )

    def _show_spans(self, doc_id: str, changes: Changes) -> None:
        repo, annotator = self.workspace.repo, self.workspace.annotator
        for span_id in changes.span_ids:
            span = repo.span(span_id)
            shown = self.span_model.row_of(span_id) >= 0
            self.view.ghosts.remove(span_id)
            if span is None or span.doc_id != doc_id or not owns(annotator, span.annotator):
                if shown:
                    self.view.remove_span(span_id)
                    self.span_model.remove(span_id)
                if span is not None and span.doc_id == doc_id:
                    self.view.ghosts.put(span)
                continue
            if shown:
                self.view.update_span(span)
            else:
                self.view.add_span(span)
            self.span_model.put(span)

    def _show_schema(self, changes: Changes) -> None:
        """Take the stored schema everywhere; re-read the document when annotations changed."""
        workspace, view = self.workspace, self.view
        schema = workspace.schema
        self.palette.set_schema(schema)
        self.doc_filter.set_schema(schema)
        if changes.doc_ids:
            self.doc_model.reload()
        if workspace.doc is None:
            return
        selected, scroll = workspace.selected_span_id, view.verticalScrollBar().value()
        if workspace.doc.id in changes.doc_ids:
            workspace.reload_document()
            view.verticalScrollBar().setValue(scroll)
            if selected and self.span_model.row_of(selected) >= 0:
                view.select_span(selected)
        else:
            view.set_schema(schema)
            self.span_model.set_spans(view.spans(), schema)
            self.span_list.show_span(selected)
