"""Label hotkeys, palette clicks, Delete and boundary moves in the text or the span list, as
edits.

The edit is built from the view's selection (``core.operations.spans.label_edit``) and
performed through the edit session; a new span becomes the selection, so another hotkey
relabels it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from annotator.core.edits import AddSpan
from annotator.core.operations.spans import (
    Edge,
    delete_edit,
    extent_edit,
    label_edit,
    move_boundary_edit,
)
from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.span_list import SpanListModel
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace


class SpanEditing(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        span_model: SpanListModel,
        status_bar: StatusBar,
        snap_to_words: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.session = workspace, session
        self.view, self.span_model, self.status_bar = view, span_model, status_bar
        self.snap_to_words = snap_to_words

    def apply_label(self, label_name: str) -> None:
        doc = self.workspace.doc
        if doc is None:
            self.status_bar.problem("Open a document first")
            return
        edit = label_edit(
            self.workspace.repo,
            doc,
            label_name,
            self.view.selection_cp(),
            self.workspace.selected_span_id,
            self.workspace.annotator,
            snap_to_words=self.snap_to_words(),
            spans_at=self.span_model.spans_at,
        )
        if self.session.perform(edit) is not None and isinstance(edit, AddSpan):
            end = edit.span.end
            self.view.set_selection_cp(end, end)
            self.view.select_span(edit.span.id)
        self.view.setFocus()

    def label_hotkey(self, key: str) -> None:
        label = self.workspace.schema.label_for_hotkey(key)
        if label is None:
            self.status_bar.problem(f"No label has the key “{key}”")
            return
        self.apply_label(label.name)

    def delete_selected_span(self) -> None:
        span_id = self.workspace.selected_span_id
        if span_id is None:
            self.status_bar.problem("Select a span to delete (click it or press Tab)")
            return
        self.session.perform(delete_edit(self.workspace.repo, span_id))

    def move_boundary(self, edge: Edge, step: int, by_word: bool) -> None:
        """Move the selected span's start or end by a character or a word (one undoable edit)."""
        doc = self.workspace.doc
        span_id = self.workspace.selected_span_id
        span = self.workspace.repo.span(span_id) if span_id else None
        if doc is None or span is None:
            self.status_bar.problem("Select a span (click it or press Tab), then move its edges")
            return
        self.session.perform(move_boundary_edit(doc, span, edge, step, by_word))

    def drag_boundary(self, span_id: str, edge: str, position: int) -> None:
        """An edge dragged with the mouse to ``position`` (between characters)."""
        doc = self.workspace.doc
        span = self.workspace.repo.span(span_id)
        if doc is None or span is None:
            return
        start, end = (position, span.end) if edge == "start" else (span.start, position)
        self.session.perform(extent_edit(doc, span, start, end))
