"""Ctrl+drag from one span to another in the article view: the gesture that makes a relation.

A plain drag must keep selecting text, also inside a span (an entity inside a claim is
marked by selecting it), so the relation gesture needs Ctrl held when the button goes down on
a span. While dragging, a line follows the mouse; releasing on another span reports the pair
(head, tail) through the callback the view gives (its ``spanDragged`` signal). Releasing on
the same span selects it; releasing elsewhere does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

DRAG_MODIFIER = Qt.KeyboardModifier.ControlModifier
LINE_COLOR = QColor("#364fc7")


class DraggableView(Protocol):
    def viewport(self) -> QWidget: ...
    def span_at(self, point: QPoint | QPointF) -> str | None: ...
    def select_span(self, span_id: str | None) -> None: ...


class DragLine(QWidget):
    """A transparent layer over the viewport that draws the line being dragged."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.start = QPointF()
        self.end = QPointF()
        self.on_target = False
        self.hide()

    def show_line(self, start: QPointF, end: QPointF, on_target: bool) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.start, self.end, self.on_target = start, end, on_target
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(LINE_COLOR, 2.0 if self.on_target else 1.5)
        if not self.on_target:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        path = QPainterPath(self.start)
        lift = min(40.0, abs(self.end.x() - self.start.x()) / 3 + 12)
        path.cubicTo(
            self.start + QPointF(0, -lift), self.end + QPointF(0, -lift), QPointF(self.end)
        )
        painter.drawPath(path)
        painter.setBrush(LINE_COLOR)
        painter.drawEllipse(self.end, 3.5, 3.5)
        painter.end()


class SpanDrag(QObject):
    """Watches the view's viewport for Ctrl+press on a span, the drag, and the release."""

    def __init__(self, view: DraggableView, report: Callable[[str, str], None]) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._report = report
        self._head: str | None = None
        self._start = QPointF()
        self.line = DragLine(view.viewport())
        view.viewport().installEventFilter(self)

    @property
    def dragging(self) -> bool:
        return self._head is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        position = event.position()
        if kind == QEvent.Type.MouseButtonPress and self._starts_drag(event):
            head = self._view.span_at(position)
            if head is None:
                return False
            self._head, self._start = head, position
            viewport = self._view.viewport()
            viewport.setCursor(Qt.CursorShape.CrossCursor)
            return True
        if self._head is None:
            return False
        if kind == QEvent.Type.MouseMove:
            target = self._view.span_at(position)
            self.line.show_line(self._start, position, target not in (None, self._head))
            return True
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            head, self._head = self._head, None
            self.line.hide()
            self._view.viewport().setCursor(Qt.CursorShape.IBeamCursor)
            tail = self._view.span_at(position)
            if tail == head:
                self._view.select_span(head)
            elif tail is not None:
                self._report(head, tail)
            return True
        return True  # double clicks and other buttons while dragging change nothing

    @staticmethod
    def _starts_drag(event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.LeftButton and bool(
            event.modifiers() & DRAG_MODIFIER
        )
