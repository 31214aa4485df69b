"""Docks the span inspector and the document panel in the window and keeps them current.

Both widgets only emit edits; this controller routes them through the window's
``EditSession`` (undoable, committed, "Saved" in the status bar) and refreshes both from what
is stored after every applied edit, undo and redo, and whenever a document is opened or a
span selected. F2 moves the keyboard into the inspector (Tab walks its attributes), Shift+F2
into the document panel; Esc goes back to the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from annotator.core.model import Relation, Span
from annotator.gui.panels.document_info import DocumentPanel
from annotator.gui.panels.inspector import SpanInspector

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

RELATIONS_HINT = (
    "Add a relation: select its first span in the text and press R, then Tab to the other "
    "end and Enter; or Ctrl+drag from one span to the other.\n"
    "Delete: select a relation here and press Delete. Enter opens its other end."
)


class InspectorDocks(QObject):
    """The "Inspector" dock (selected span) and the "Document" dock (open document)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.inspector = SpanInspector()
        self.inspector.setObjectName("SpanInspector")
        self.inspector.relation_list.setToolTip(RELATIONS_HINT)
        self.document_panel = DocumentPanel()
        self.document_panel.setObjectName("DocumentPanel")

        _compact(self.inspector)
        scroll = QScrollArea()
        scroll.setWidget(self.inspector)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.inspector_dock = window._dock("Inspector", scroll, right)
        self.document_dock = window._dock("Document", self.document_panel, left)
        # Right: the palette over the inspector (both used all the time). Left: the document
        # list over the open document's panel, with the span list as a tab beside the panel.
        vertical = Qt.Orientation.Vertical
        window.splitDockWidget(window.palette_dock, self.inspector_dock, vertical)
        window.splitDockWidget(window.doc_dock, self.document_dock, vertical)
        window.tabifyDockWidget(self.document_dock, window.span_dock)
        self.document_dock.raise_()
        window.resizeDocks([window.palette_dock, self.inspector_dock], [400, 400], vertical)
        window.resizeDocks([window.doc_dock, self.document_dock], [400, 400], vertical)

        window.actions_.bind("view.inspect_span", self.focus_inspector)
        window.actions_.bind("view.edit_document", self.focus_document)
        for widget in (scroll, self.document_panel):
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), widget)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(self.back_to_text)

        self.inspector.editRequested.connect(window.perform)
        self.inspector.spanRequested.connect(self._open_span)
        self.document_panel.editRequested.connect(window.perform)
        window.view.spanSelected.connect(lambda _id: self.show_selected())
        window.session.applied.connect(lambda *_: self.refresh())
        window.session.failed.connect(lambda _message: self.refresh())
        window.documentOpened.connect(lambda _id: self.refresh())

    # ----- showing what is stored -----------------------------------------------------------
    def refresh(self) -> None:
        """Show the open document and the selected span as stored now."""
        self.document_panel.set_document(self.window.doc, self.window.schema)
        self.show_selected()

    def show_selected(self) -> None:
        window = self.window
        span = self._span(window.view.selected_span_id())
        if span is None:
            self.inspector.show_span(None, [], {}, window.schema)
            return
        relations = sorted(window.repo.relations_of_span(span.id), key=_order)
        ends: dict[str, Span] = {}
        for relation in relations:
            for end_id in (relation.head, relation.tail):
                end = self._span(end_id)
                if end is not None:
                    ends[end.id] = end
        self.inspector.show_span(span, relations, ends, window.schema)

    def _span(self, span_id: str | None) -> Span | None:
        """A span of the open document from the span model (no database query)."""
        model = self.window.span_model
        row = model.row_of(span_id) if span_id else -1
        return model.span_at(row) if row >= 0 else None

    # ----- keyboard ---------------------------------------------------------------------
    def focus_inspector(self) -> None:
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        if self.inspector.span is None:
            self.window.status_bar.problem("Select a span first (click it or press Tab)")
            return
        editors = [
            widget
            for widget in self.inspector.attr_box.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not widget.isHidden()
            and widget.isEnabled()
        ]
        target = editors[0] if editors else self.inspector.note_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_document(self) -> None:
        self.document_dock.show()
        self.document_dock.raise_()
        self.document_panel.status_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def back_to_text(self) -> None:
        self.window.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open_span(self, span_id: str) -> None:
        self.window.view.select_span(span_id)
        self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)


def _order(relation: Relation) -> tuple[str, str]:
    return (relation.created_at, relation.id)


def _compact(inspector: SpanInspector) -> None:
    """Tighter spacing so label, attributes, relations and note fit beside the text."""
    layout = inspector.layout()
    if layout is not None:
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
    line = inspector.fontMetrics().lineSpacing()
    inspector.relation_list.setMinimumHeight(3 * line + 8)
    inspector.relation_list.setMaximumHeight(6 * line + 8)
    inspector.relation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inspector.relation_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    inspector.note_edit.setMinimumHeight(3 * line + 12)
