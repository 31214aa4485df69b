"""Relation arcs routed through the room above the lines, never across the glyphs.

Two ends on the same visual line are joined by a bracket: up from the head into the arc row
of the band ``BandedLayout`` leaves above the line, along it, and down to the tail with an
arrowhead; the relation type is written on it. Ends on different lines (or scrolled away)
are not joined by a line through the prose: each visible end gets a short stub in its arc
row with a chip naming the type and the far end ("claimant → ORG “Retno”"). Each relation
type has its own colour and dash pattern; arcs of the selected or hovered span are drawn
strong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from annotator.core.model import Relation, Span
from annotator.gui.article.frame import Frame

COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#555555")
"""Okabe–Ito's darker hues: one per relation type, in schema order."""
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
STUB = 10.0  # px a stub runs along the arc row before its chip
FAR_TEXT = 24  # characters of the far end's text named on a stub


@dataclass(frozen=True)
class Arc:
    """One drawn relation (or one end's stub), in viewport coordinates."""

    relation_id: str
    kind: str
    points: tuple[QPointF, ...]  # the polyline, from the head side
    label: str
    label_rect: QRectF
    arrow: bool  # an arrowhead at the last point (the tail)
    stub: bool


class SpanLookup(Protocol):
    """Where the ends of the relations are found (a ``SpanIndex``, or several)."""

    def get(self, span_id: str) -> Span | None: ...


@dataclass(frozen=True)
class RelationStyle:
    color: QColor
    dash: Qt.PenStyle


def relation_styles(types: list[str]) -> dict[str, RelationStyle]:
    """A colour and dash per relation type; the dash changes once the colours run out."""
    return {
        name: RelationStyle(QColor(COLORS[i % len(COLORS)]), DASHES[(i // len(COLORS)) % 3])
        for i, name in enumerate(types)
    }


class ArcPainter:
    """Routes and paints the arcs of the relations with an end among the visible spans."""

    def __init__(self, text_font: QFont, types: list[str]) -> None:
        self.font = QFont(text_font)
        self.font.setPointSizeF(max(text_font.pointSizeF() * 0.7, 6.0))
        self.metrics = QFontMetricsF(self.font)
        self.row = float(int(self.metrics.height()) + 2)
        """The height of the arc row at the top of the band above a line with arcs."""
        self.styles = relation_styles(types)
        self._inks: dict[tuple[str, bool], tuple[QColor, QPen, QPen, QColor]] = {}
        self._widths: dict[str, float] = {}

    def layout(
        self,
        frame: Frame,
        visible: list[Span],
        index: SpanLookup,
        relations_of: dict[str, list[Relation]],
        hidden: Callable[[Span], bool] = lambda _span: False,
    ) -> list[Arc]:
        """Arcs of the relations with an end among ``visible``; none to a ``hidden`` span."""
        relations = {r.id: r for s in visible for r in relations_of.get(s.id, ())}
        arcs: list[Arc] = []
        for relation in relations.values():
            head, tail = index.get(relation.head), index.get(relation.tail)
            if head is None or tail is None or hidden(head) or hidden(tail):
                continue
            head_box = _first_box(frame, head)
            tail_box = _first_box(frame, tail)
            if head_box is not None and tail_box is not None and head_box.top() == tail_box.top():
                arcs.append(self._bracket(relation, head_box, tail_box, frame))
                continue
            caption = self.caption(relation)
            if head_box is not None:
                arcs.append(self._stub(relation, head_box, frame, f"{caption} → ", tail))
            if tail_box is not None:
                arcs.append(self._stub(relation, tail_box, frame, f"{caption} ← ", head))
        return _spread_labels(arcs)

    def caption(self, relation: Relation) -> str:
        """What the arc's chip says of the relation: its type."""
        return relation.label

    def _row_y(self, box: QRectF, frame: Frame) -> float:
        """The middle of the arc row: the top of the band above the box's line."""
        line = frame.line_at(QPointF(box.left(), box.center().y()))
        return box.top() - (line.band if line is not None else 0.0) + self.row / 2

    def _chip(self, text: str, centre_x: float, y: float) -> QRectF:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self.metrics.horizontalAdvance(text) + 6
        return QRectF(centre_x - width / 2, y - self.row / 2 + 1, width, self.row - 2)

    def _bracket(self, relation: Relation, head: QRectF, tail: QRectF, frame: Frame) -> Arc:
        y = self._row_y(head, frame)
        a = QPointF(head.center().x(), head.top())
        b = QPointF(tail.center().x(), tail.top())
        points = (a, QPointF(a.x(), y), QPointF(b.x(), y), b)
        caption = self.caption(relation)
        label = self._chip(caption, (a.x() + b.x()) / 2, y)
        return Arc(relation.id, relation.label, points, caption, label, True, False)

    def _stub(self, relation: Relation, box: QRectF, frame: Frame, prefix: str, far: Span) -> Arc:
        y = self._row_y(box, frame)
        a = QPointF(box.center().x(), box.top())
        text = far.text if len(far.text) <= FAR_TEXT else far.text[: FAR_TEXT - 1] + "…"
        label = f"{prefix}{far.label} “{text}”"
        chip = self._chip(label, 0, y)
        chip.moveLeft(a.x() + STUB)
        points = (a, QPointF(a.x(), y), QPointF(chip.left(), y))
        if prefix.endswith("← "):  # this end is the tail: the line comes in, arrow at the span
            return Arc(relation.id, relation.label, points[::-1], label, chip, True, True)
        return Arc(relation.id, relation.label, points, label, chip, False, True)

    def _ink(self, kind: str, strong: bool) -> tuple[QColor, QPen, QPen, QColor]:
        """The colour, line pen, chip pen and text colour of one kind of arc, made once."""
        ink = self._inks.get((kind, strong))
        if ink is None:
            style = self.styles.get(kind, RelationStyle(QColor(COLORS[-1]), DASHES[0]))
            color = QColor(style.color)
            if not strong:
                color.setAlpha(170)
            ink = self._inks[(kind, strong)] = (
                color,
                QPen(color, 2.0 if strong else 1.2, style.dash),
                QPen(color, 1.0),
                color.darker(130) if not strong else QColor("#000000"),
            )
        return ink

    def paint(self, painter: QPainter, arcs: list[Arc], strong_ids: set[str]) -> None:
        painter.setFont(self.font)
        white = QColor("#ffffff")
        for arc in arcs:
            strong = arc.relation_id in strong_ids
            color, pen, chip_pen, text_color = self._ink(arc.kind, strong)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath(arc.points[0])
            for point in arc.points[1:]:
                path.lineTo(point)
            painter.drawPath(path)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            if arc.arrow:
                tip = arc.points[-1]
                painter.drawPolygon(
                    QPolygonF(
                        [
                            tip,
                            QPointF(tip.x() - 3.5, tip.y() - 5),
                            QPointF(tip.x() + 3.5, tip.y() - 5),
                        ]
                    )
                )
            painter.setBrush(white)
            painter.setPen(chip_pen)
            painter.drawRoundedRect(arc.label_rect, 3.0, 3.0)
            painter.setPen(text_color)
            painter.drawText(arc.label_rect, Qt.AlignmentFlag.AlignCenter, arc.label)


def _spread_labels(arcs: list[Arc]) -> list[Arc]:
    """Move chips that would overlap on one arc row to the right, a stub's line with it."""
    placed: list[Arc] = []
    right_of: dict[float, float] = {}
    for arc in sorted(arcs, key=lambda a: (a.label_rect.top(), a.label_rect.left())):
        rect = QRectF(arc.label_rect)
        top = rect.top()
        shift = max(right_of.get(top, float("-inf")) + 2 - rect.left(), 0.0)
        if shift:
            rect.translate(shift, 0)
            points = arc.points
            if arc.stub:  # the stub's row segment reaches the chip's new place
                end = -1 if not arc.arrow else 0
                moved = QPointF(rect.left(), points[end].y())
                points = (*points[:-1], moved) if end == -1 else (moved, *points[1:])
            arc = Arc(arc.relation_id, arc.kind, points, arc.label, rect, arc.arrow, arc.stub)
        right_of[top] = rect.right()
        placed.append(arc)
    return placed


def _first_box(frame: Frame, span: Span) -> QRectF | None:
    if span.start < frame.cp_first:
        return None
    boxes = frame.boxes(span.start, span.end)
    return boxes[0] if boxes else None
