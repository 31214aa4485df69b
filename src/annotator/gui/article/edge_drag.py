"""Dragging an edge of the selected span in the article view to move its start or end.

A press within a few pixels of the selected span's first or last character edge grabs that
edge (the mouse shows a horizontal resize cursor there); the release reports the position
between characters nearest the mouse through the view's callback, which turns it into one
undoable edit. Anywhere else the press selects text as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from annotator.gui.article.span_layout import SpanBox

GRIP = 4.0  # px either side of an edge that grab it


class EdgeView(Protocol):
    def viewport(self) -> QWidget: ...
    def selected_span_id(self) -> str | None: ...
    def span_geometry(self, span_id: str) -> list[SpanBox]: ...
    def cp_between(self, point: QPointF) -> int: ...


class EdgeDrag(QObject):
    """Watches the viewport for a press on an edge of the selected span, and its release."""

    def __init__(self, view: EdgeView, report: Callable[[str, str, int], None]) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._report = report
        self._grabbed: tuple[str, str] | None = None  # (span id, "start" or "end")
        view.viewport().installEventFilter(self)

    def edge_at(self, point: QPointF) -> tuple[str, str] | None:
        """The selected span's edge under ``point``: (span id, "start" or "end")."""
        span_id = self._view.selected_span_id()
        if span_id is None:
            return None
        boxes = [box for box in self._view.span_geometry(span_id) if box.rect.left() >= 0]
        if not boxes:
            return None
        first, last = boxes[0].rect, boxes[-1].rect
        if first.top() <= point.y() <= first.bottom() and abs(point.x() - first.left()) <= GRIP:
            return span_id, "start"
        if last.top() <= point.y() <= last.bottom() and abs(point.x() - last.right()) <= GRIP:
            return span_id, "end"
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        position = event.position()
        viewport = self._view.viewport()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            if event.modifiers() != Qt.KeyboardModifier.NoModifier:
                return False
            self._grabbed = self.edge_at(position)
            return self._grabbed is not None
        if kind == QEvent.Type.MouseMove:
            if self._grabbed is None:
                near = event.buttons() == Qt.MouseButton.NoButton and self.edge_at(position)
                viewport.setCursor(
                    Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.IBeamCursor
                )
                return False
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._grabbed is not None:
            (span_id, edge), self._grabbed = self._grabbed, None
            self._report(span_id, edge, self._view.cp_between(position))
            return True
        return False
