"""Keeps the span inspector and the document panel current, and moves the keyboard into them.

Both widgets only emit edits; this controller routes them through the ``EditSession``
(undoable, committed, "Saved" in the status bar) and refreshes both from what is stored after
every applied edit, undo and redo, and whenever a document is opened or a span selected. F2
moves the keyboard into the inspector (Tab walks its attributes), Shift+F2 into the document
panel; Esc goes back to the text.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QWidget

from annotator.core.model import Relation, Span
from annotator.core.operations.ownership import own_relations
from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.document_info import DocumentPanel
from annotator.gui.panels.inspector import SpanInspector
from annotator.gui.panels.span_list import SpanListModel
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace

RELATIONS_HINT = (
    "Add a relation: select its first span in the text and press R, then Tab to the other "
    "end and Enter; or Ctrl+drag from one span to the other.\n"
    "Delete: select a relation here and press Delete. Enter opens its other end."
)


class InspectorController(QObject):
    """Drives the "Inspector" dock (selected span) and the "Document" dock (open document)."""

    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        span_model: SpanListModel,
        inspector: SpanInspector,
        document_panel: DocumentPanel,
        inspector_dock: QDockWidget,
        document_dock: QDockWidget,
        status_bar: StatusBar,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.session = workspace, session
        self.view, self.span_model, self.status_bar = view, span_model, status_bar
        self.inspector, self.document_panel = inspector, document_panel
        self.inspector_dock, self.document_dock = inspector_dock, document_dock
        self.inspector.relation_list.setToolTip(RELATIONS_HINT)
        _compact(self.inspector)

        for dock in (inspector_dock, document_dock):
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), dock.widget())
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(self.back_to_text)

        self.inspector.editRequested.connect(session.perform)
        self.inspector.spanRequested.connect(self._open_span)
        self.document_panel.editRequested.connect(session.perform)
        workspace.spanSelected.connect(lambda _id: self.show_selected())
        session.applied.connect(lambda *_: self.refresh())
        session.failed.connect(lambda _message: self.refresh())
        workspace.documentOpened.connect(lambda _id: self.refresh())
        workspace.documentChanged.connect(lambda _id: self.refresh())  # changed elsewhere
        workspace.annotatorChanged.connect(lambda _name: self.refresh())  # their own status

    # ----- showing what is stored -----------------------------------------------------------
    def refresh(self) -> None:
        """Show the open document and the selected span as stored now."""
        self.document_panel.set_document(self.workspace.doc, self.workspace.schema)
        self.show_selected()

    def show_selected(self) -> None:
        schema = self.workspace.schema
        span = self._span(self.workspace.selected_span_id)
        if span is None:
            self.inspector.show_span(None, [], {}, schema)
            return
        stored = self.workspace.repo.relations_of_span(span.id)
        relations = sorted(own_relations(stored, self.workspace.annotator), key=_order)
        ends: dict[str, Span] = {}
        for relation in relations:
            for end_id in (relation.head, relation.tail):
                end = self._span(end_id)
                if end is not None:
                    ends[end.id] = end
        self.inspector.show_span(span, relations, ends, schema)

    def _span(self, span_id: str | None) -> Span | None:
        """A span of the open document from the span model (no database query)."""
        model = self.span_model
        row = model.row_of(span_id) if span_id else -1
        return model.span_at(row) if row >= 0 else None

    # ----- keyboard ---------------------------------------------------------------------
    def focus_inspector(self) -> None:
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        if self.inspector.span is None:
            self.status_bar.problem("Select a span first (click it or press Tab)")
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
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open_span(self, span_id: str) -> None:
        self.view.select_span(span_id)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)


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
