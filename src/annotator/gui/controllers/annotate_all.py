"""Annotate all, from the selected span (Edit menu, Ctrl+Shift+A) or from a corpus search.

Two non-blocking steps: the setup (text, label, options, this document or whole corpus),
then the preview where occurrences are unticked and clashes are listed. Apply hands ONE
Batch to the edit session: one commit, one undo step. The window refreshes the open
document and the document list from the session's ``applied`` signal like for any edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from annotator.core.edits import Batch
from annotator.core.errors import AnnotatorError
from annotator.core.find import FindOptions
from annotator.gui.dialogs.annotate_all_preview import AnnotateAllDialog
from annotator.gui.dialogs.annotate_all_setup import AnnotateAllRequest, AnnotateAllSetup

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class AnnotateAllController(QObject):
    applied = Signal()
    """A batch was committed (e.g. to re-run the corpus search, whose labels changed)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setup: AnnotateAllSetup | None = None
        self.preview: AnnotateAllDialog | None = None
        self._last_label = ""
        window.actions_.bind("edit.annotate_all", self.from_selection)

    def from_selection(self) -> None:
        """Start from the selected span (its text and label) or else the selected text."""
        window = self.window
        doc = window.doc
        if doc is None:
            window.status_bar.problem("Open a document first")
            return
        span_id = window.view.selected_span_id()
        span = window.repo.span(span_id) if span_id else None
        if span is not None:
            self._ask(span.text, span.label, FindOptions(case=True, whole_word=True), False)
            return
        start, end = window.view.selection_cp()
        text = doc.text[start:end].strip()
        if not text:
            window.status_bar.problem("Select a span (click it or press Tab) or some text first")
            return
        self._ask(text, self._last_label, FindOptions(case=True, whole_word=True), False)

    def from_query(
        self, query: str, regex: bool, case: bool, whole_word: bool, label: str = ""
    ) -> None:
        """Start from a corpus search (the concordance's "Annotate all…" button)."""
        options = FindOptions(regex, case, whole_word)
        self._ask(query, label or self._last_label, options, True)

    def _ask(self, query: str, label: str, options: FindOptions, whole_corpus: bool) -> None:
        window = self.window
        for old in (self.setup, self.preview):
            if old is not None:
                old.deleteLater()
        self.preview = None
        self.setup = AnnotateAllSetup(
            window.schema,
            query,
            label,
            options,
            whole_corpus=whole_corpus,
            has_document=window.doc is not None,
            parent=window,
        )
        self.setup.previewRequested.connect(self._preview)
        self.setup.open()

    def _preview(self, request: AnnotateAllRequest) -> None:
        window = self.window
        setup = self.setup
        doc_ids = None if request.whole_corpus or window.doc is None else [window.doc.id]
        try:
            preview = AnnotateAllDialog.for_query(
                window.repo,
                request.label,
                request.query,
                request.options,
                window.annotator,
                doc_ids,
                parent=window,
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
        window = self.window
        if not batch.edits:
            window.status_bar.info("Nothing was ticked; nothing was annotated")
            return
        if window.session.perform(batch) is not None:
            self.applied.emit()
        window.view.setFocus()
