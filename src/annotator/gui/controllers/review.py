"""Suggestions: pre-annotation runs, the review dock, and accept / reject keys in the text.

The suggestions of the open document are drawn dashed in the view and listed in the dock.
Alt+A / Alt+X accept or reject the suggestion at the caret (else the one current in the
dock), so the user never leaves the text; Alt+Down / Alt+Up walk the suggestions. Every
decision goes through the edit session: committed, one undo step each.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.core.edits import Changes, Edit
from annotator.core.suggestion_edits import Suggestion
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.preannotate import PreannotateDialog
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.panels.suggestions import SuggestionsPanel
from annotator.gui.state import Workspace
from annotator.gui.widgets.present import present
from annotator.preannotate import PreannotateReport
from annotator.store.models import trained_models


class ReviewPanel(SuggestionsPanel):
    """The suggestions panel, recording the workspace's CURRENT annotator on accepted spans."""

    def __init__(self, workspace: Workspace, session: EditSession) -> None:
        self._workspace = workspace
        super().__init__(workspace.repo, workspace.annotator, session.perform)

    @property
    def annotator(self) -> str:
        return self._workspace.annotator

    @annotator.setter
    def annotator(self, _name: str) -> None:
        """The workspace owns the name (File ▸ Set Annotator Name…)."""


class ReviewController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        panel: ReviewPanel,
        dock: QDockWidget,
        status_bar: StatusBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace, self.view, self.status_bar = workspace, view, status_bar
        self.panel, self.dock = panel, dock
        self.window = window
        """The parent of the pre-annotation dialog; closing it cancels a run."""
        self.dialog: PreannotateDialog | None = None
        self._follow = True

        panel.suggestionsChanged.connect(view.set_suggestions)
        panel.currentSuggestionChanged.connect(self._show_current)
        workspace.documentOpened.connect(self._document_opened)
        session.applied.connect(self._edit_applied)
        window.installEventFilter(self)

    # ----- pre-annotation ----------------------------------------------------------------------
    def open_preannotate(self, *, whole_corpus: bool) -> None:
        workspace, doc = self.workspace, self.workspace.doc
        if self.dialog is not None and self.dialog.is_running():
            present(self.dialog)
            return
        if not whole_corpus and doc is None:
            self.status_bar.problem("Open a document first")
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        doc_ids = None if whole_corpus or doc is None else [doc.id]
        self.dialog = PreannotateDialog(
            workspace.location,
            workspace.annotator,
            doc_ids,
            self.window,
            models=trained_models(workspace.repo),
        )
        self.dialog.runFinished.connect(self._run_finished)
        present(self.dialog)

    def _run_finished(self, report: PreannotateReport) -> None:
        self.refresh()
        self.dock.show()
        self.dock.raise_()
        counts = ", ".join(f"{label} {n}" for label, n in sorted(report.per_label.items()))
        here = self.panel.model.rowCount()
        self.status_bar.info(
            f"{report.total} suggestions stored ({counts or 'none'}); {here} in this document. "
            "Alt+A accepts, Alt+X rejects the one at the caret."
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window during a run cancels it and waits (nothing half-written)."""
        closing = watched is self.window and event.type() == QEvent.Type.Close
        if closing and self.dialog is not None and self.dialog.is_running():
            self.dialog.close()
        return super().eventFilter(watched, event)

    # ----- review ---------------------------------------------------------------------------
    def refresh(self) -> None:
        row = max(0, self.panel.table.currentIndex().row())
        self._follow = False
        try:
            self.panel.refresh(keep_row=row)
        finally:
            self._follow = True

    def pending(self) -> list[Suggestion]:
        return list(self.panel.model.items)

    def decide_current(self, *, accept: bool) -> None:
        items = self.pending()
        if not items:
            self.status_bar.problem("No suggestions in this document")
            return
        row = self._row_at_caret()
        if row < 0:
            row = self.panel.table.currentIndex().row()
        if row < 0:
            self.status_bar.problem("Put the caret in a suggestion (Alt+Down selects one)")
            return
        self._select_row(row)
        if accept:
            self.panel.accept_selected()
        else:
            self.panel.reject_selected()
        if self.panel.status.text():
            self.status_bar.problem(self.panel.status.text())

    def step(self, delta: int) -> None:
        count = len(self.pending())
        if not count:
            self.status_bar.problem("No suggestions in this document")
            return
        current = self._row_at_caret()
        if current < 0:
            current = self.panel.table.currentIndex().row()
        row = 0 if current < 0 and delta > 0 else (current + delta) % count
        self._select_row(row)
        self._show_current(*self._range(row))

    def _range(self, row: int) -> tuple[int, int]:
        item = self.panel.model.items[row]
        return item.start, item.end

    def _row_at_caret(self) -> int:
        """The suggestion equal to the view's selection, else the one holding the caret."""
        start, end = self.view.selection_cp()
        items = self.pending()
        for row, item in enumerate(items):
            if (item.start, item.end) == (start, end):
                return row
        for row, item in enumerate(items):
            if item.start <= start < item.end:
                return row
        return -1

    def _select_row(self, row: int) -> None:
        """Select one row explicitly (``selectRow`` would honour a held Ctrl and toggle)."""
        index = self.panel.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.panel.table.selectionModel().setCurrentIndex(index, flags)

    def _show_current(self, start: int, end: int) -> None:
        if self._follow:
            view = self.view
            view.set_selection_cp(start, end)
            view.scroll_to_cp(start)

    def _document_opened(self, doc_id: str) -> None:
        self._follow = False
        try:
            self.panel.set_document(doc_id)
        finally:
            self._follow = True

    def _edit_applied(self, _edit: Edit | None, changes: Changes, _message: str) -> None:
        doc = self.workspace.doc
        if doc is not None and doc.id in changes.doc_ids and changes.suggestion_ids:
            self.refresh()
