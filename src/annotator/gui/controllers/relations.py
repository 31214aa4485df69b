"""Making relations: R in the text, then the other end by Tab or click, then the type.

The states are: idle -> choosing the tail (``active``; a banner over the text says so; Tab /
Shift+Tab walk the spans the schema allows at the other end, nearest first, outlined but not
selected; a click picks any span, Enter confirms, Esc cancels) -> the
type picker is open -> idle. A Ctrl+drag between two spans (``ArticleView.spanDragged``)
jumps straight to the picker. The relation is written as an ``AddRelation`` through the
``EditSession``; a pair the schema does not allow is refused with the reason and
nothing is written.

While choosing, an event filter on the view takes Tab, Enter, Esc and printable keys (so
label hotkeys cannot relabel the span being looked at) and mouse clicks; once idle it lets
every event through, so Tab walks all spans again.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.operations.relations import make_relation
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.relation_picker import RelationTypePicker, no_relation_reason
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.span_list import SpanListModel
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace

RELATION_KEYS = frozenset({"r", "R"})
_KEEP_FOCUS = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


def _quote(span: Span, limit: int = 40) -> str:
    text = " ".join(span.text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


class RelationMode(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        span_model: SpanListModel,
        status_bar: StatusBar,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.session = workspace, session
        self.view, self.span_model, self.status_bar = view, span_model, status_bar
        self.window = window
        """The parent of the type picker."""
        self.head: Span | None = None
        self.candidates: list[Span] = []
        self.current = -1
        self.picker: RelationTypePicker | None = None
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        view.spanDragged.connect(self.propose)
        session.applied.connect(lambda *_: self._finish())
        workspace.documentOpened.connect(lambda _id: self._finish())

    @property
    def active(self) -> bool:
        """Choosing the other end (the picker is not open yet)."""
        return self.head is not None and self.picker is None

    def handles_hotkey(self, key: str) -> bool:
        """R starts relation mode; asked before treating a key as a label hotkey."""
        if key not in RELATION_KEYS:
            return False
        self.start()
        return True

    # ----- choosing the other end ---------------------------------------------------------
    def start(self) -> None:
        if self.head is not None:
            return
        span = self._span(self.workspace.selected_span_id)
        if span is None:
            self.status_bar.problem(
                "Select the span the relation starts from (click it or press Tab), then press R"
            )
            return
        schema = self.workspace.schema
        types = [r for r in schema.relations if span.label in r.head]
        if not types:
            starts = sorted({label for r in schema.relations for label in r.head})
            self.status_bar.problem(
                f"The schema has no relation type starting from a {span.label} span; "
                f"relations start from {', '.join(starts) or 'no label'}"
            )
            return
        tails = {label for r in types for label in r.tail}
        model = self.span_model
        spans = [model.span_at(row) for row in range(model.rowCount())]
        self.candidates = sorted(
            (s for s in spans if s.label in tails and s.id != span.id),
            key=lambda s: (abs(s.start - span.start), s.start),
        )
        self.head, self.current = span, -1
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._prompt()
        if not self.candidates:
            self.status_bar.info(
                f"Relation from {span.label} {_quote(span)}: no span here is a "
                f"{' / '.join(sorted(tails))} for Tab to offer; click the other end, or Esc"
            )

    def step(self, step: int) -> None:
        """Tab / Shift+Tab: the next / previous allowed end, nearest to the head first.

        The candidate is outlined, not selected, so the inspector stays on the head.
        """
        if self.head is None or not self.candidates:
            return
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.candidates) - 1
        else:
            self.current = (self.current + step) % len(self.candidates)
        self.view.set_candidate(self.candidates[self.current].id)
        self._prompt()

    def confirm(self) -> None:
        if self.head is None:
            return
        if self.current < 0:
            self.status_bar.problem("Press Tab to choose the other end (or click it); Esc cancels")
            return
        self.propose(self.head.id, self.candidates[self.current].id)

    def cancel(self) -> None:
        head = self.head
        self._finish()
        if head is not None:
            self.view.select_span(head.id)
            self.status_bar.info("No relation added")

    def _prompt(self) -> None:
        head = self.head
        if head is None:
            return
        text = f"Relation from {head.label} {_quote(head)}"
        if self.current >= 0:
            tail = self.candidates[self.current]
            text += f" to {tail.label} {_quote(tail)}: Enter to confirm, Tab for another end"
        else:
            text += ": Tab to choose the other end (or click it), Enter to confirm"
        self.status_bar.info(text + ", Esc to cancel")
        count = len(self.candidates)
        self.view.set_banner(
            f"Relation mode: from {head.label} {_quote(head)}. "
            + (
                f"Tab / Shift+Tab: the {count} allowed other end{'s' if count != 1 else ''}, "
                "nearest first · "
                if count
                else "No span here may be the other end: click one · "
            )
            + "Enter: choose the type · Esc: cancel"
        )

    # ----- the type -----------------------------------------------------------------------
    def propose(self, head_id: str, tail_id: str) -> None:
        """Offer the relation types the schema allows from ``head_id`` to ``tail_id``."""
        head, tail = self._span(head_id), self._span(tail_id)
        if head is None or tail is None or self.picker is not None:
            return
        schema = self.workspace.schema
        allowed = schema.relations_allowed(head.label, tail.label) if head.id != tail.id else []
        if not allowed:
            reason = no_relation_reason(head, tail, schema)
            if self.head is not None:
                reason += " Choose another end, or press Esc to cancel."
            self.status_bar.problem(reason)
            return
        self.head = head  # a drag during relation mode starts from the dragged span
        picker = RelationTypePicker(head, tail, schema, self.window)
        picker.setObjectName("RelationTypePicker")
        self.picker = picker
        picker.finished.connect(partial(self._picked, picker))
        self.status_bar.info(
            f"Relation {head.label} {_quote(head)} → {tail.label} {_quote(tail)}: "
            "choose its type (arrows, Enter)"
        )
        picker.open()

    def _picked(self, picker: RelationTypePicker, result: int) -> None:
        if self.picker is not picker:
            return  # Enter in the list accepts once; the dialog's default button echoes it
        picker.deleteLater()
        name = picker.chosen() if result == QDialog.DialogCode.Accepted else None
        head, tail = picker.head, picker.tail
        self._finish()
        self.view.select_span(head.id)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if name is None:
            self.status_bar.info("No relation added")
            return
        try:
            edit = make_relation(name, head, tail, self.workspace.schema, self.workspace.annotator)
        except AnnotatorError as exc:
            self.status_bar.problem(str(exc))
            return
        self.session.perform(edit)

    def _finish(self) -> None:
        self.head, self.candidates, self.current, self.picker = None, [], -1, None
        self.view.set_candidate(None)
        self.view.set_banner(None)

    def _span(self, span_id: str | None) -> Span | None:
        model = self.span_model
        row = model.row_of(span_id) if span_id else -1
        return model.span_at(row) if row >= 0 else None

    # ----- events while choosing ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        view = self.view
        if watched is view and isinstance(event, QKeyEvent):
            return event.type() == QEvent.Type.KeyPress and self._key(event)
        if watched is view and isinstance(event, QFocusEvent):
            if event.type() == QEvent.Type.FocusOut and event.reason() not in _KEEP_FOCUS:
                self.cancel()
            return False
        if watched is view.viewport() and isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            if event.type() == QEvent.Type.MouseButtonRelease and self.head is not None:
                tail = view.span_at(event.position())
                if tail is None:
                    self.status_bar.problem(
                        "Click a span to end the relation there, or press Esc to cancel"
                    )
                else:
                    self.propose(self.head.id, tail)
            return True  # presses would start a text selection that clears the span choice
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Tab:
            self.step(-1 if backwards else 1)
        elif key == Qt.Key.Key_Backtab:
            self.step(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif event.text().isprintable() and event.text() and not event.text().isspace():
            self._prompt()  # label hotkeys would act on the span being looked at
        else:
            return False
        return True
