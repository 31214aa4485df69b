"""Annotate all, from the selected span (Edit menu, Ctrl+Shift+A) or from a corpus search.

Two non-blocking steps: the setup (text, label, options, this document or whole corpus),
then the preview where occurrences are unticked and clashes are listed. Apply hands ONE
Batch to the edit session: one commit, one undo step. The open document and the document
list refresh from the session's ``applied`` signal like for any edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from annotator.core.edits import Batch
from annotator.core.errors import AnnotatorError
from annotator.core.find import FindOptions
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.annotate_all_preview import AnnotateAllDialog
from annotator.gui.dialogs.annotate_all_setup import AnnotateAllRequest, AnnotateAllSetup
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace


class AnnotateAllController(QObject):
    applied = Signal()
    """A batch was committed (e.g. to re-run the corpus search, whose labels changed)."""

    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        status_bar: StatusBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace, self.session = workspace, session
        self.view, self.status_bar = view, status_bar
        self.window = window
        """The parent of the setup and preview dialogs."""
        self.setup: AnnotateAllSetup | None = None
        self.preview: AnnotateAllDialog | None = None
        self._last_label = ""

    def from_selection(self) -> None:
        """Start from the selected span (its text and label) or else the selected text."""
        doc = self.workspace.doc
        if doc is None:
            self.status_bar.problem("Open a document first")
            return
        span_id = self.workspace.selected_span_id
        span = self.workspace.repo.span(span_id) if span_id else None
        if span is not None:
            self._ask(span.text, span.label, FindOptions(case=True, whole_word=True), False)
            return
        start, end = self.view.selection_cp()
        text = doc.text[start:end].strip()
        if not text:
            self.status_bar.problem("Select a span (click it or press Tab) or some text first")
            return
        self._ask(text, self._last_label, FindOptions(case=True, whole_word=True), False)

    def from_query(
        self, query: str, regex: bool, case: bool, whole_word: bool, label: str = ""
    ) -> None:
        """Start from a corpus search (the concordance's "Annotate all…" button)."""
        options = FindOptions(regex, case, whole_word)
        self._ask(query, label or self._last_label, options, True)

    def _ask(self, query: str, label: str, options: FindOptions, whole_corpus: bool) -> None:
        for old in (self.setup, self.preview):
            if old is not None:
                old.deleteLater()
        self.preview = None
        self.setup = AnnotateAllSetup(
            self.workspace.schema,
            query,
            label,
            options,
            whole_corpus=whole_corpus,
            has_document=self.workspace.doc is not None,
            parent=self.window,
        )
        self.setup.previewRequested.connect(self._preview)
        self.setup.open()

    def _preview(self, request: AnnotateAllRequest) -> None:
        setup = self.setup
        doc_ids = (
            None if request.whole_corpus or self.workspace.doc is None else [self.workspace.doc.id]
        )
        try:
            preview = AnnotateAllDialog.for_query(
                self.workspace.repo,
                request.label,
                request.query,
                request.options,
                self.workspace.annotator,
                doc_ids,
                parent=self.window,
            )
        except AnnotatorError as exc:
            if setup is not None:
                setup.show_problem(str(exc))
            return
        self._last_label = request.label
        if setup is not None:
            setup.accept()
        self.preview = preview
        preview.batchReady.connect(self._apply)
        preview.open()

    def _apply(self, batch: Batch) -> None:
        if not batch.edits:
            self.status_bar.info("Nothing was ticked; nothing was annotated")
            return
        if self.session.perform(batch) is not None:
            self.applied.emit()
        self.view.setFocus()
