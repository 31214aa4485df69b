"""The selected span's outline and the relation arcs, painted last over the text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from annotator.core.model import Relation, Span
from annotator.gui.article.frame import Frame
from annotator.gui.article.painter import RELATION, SELECTED, ViewPainter
from annotator.gui.article.span_layout import SpanBox, SpanIndex


def _anchor(
    span: Span, rect: QRectF | None, other: QRectF | None, frame: Frame, height: float, shift: float
) -> QPointF:
    """Top centre of an end; an end scrolled away sits on the top or bottom edge."""
    if rect is not None:
        return QPointF(rect.center().x(), rect.top() + 1)
    x = (other.center().x() if other is not None else 0.0) + shift
    return QPointF(x, -2.0 if span.start < frame.cp_first else height + 2.0)


def paint_selection_and_relations(
    view_painter: ViewPainter,
    painter: QPainter,
    frame: Frame,
    boxes: dict[str, list[SpanBox]],
    index: SpanIndex,
    relations_of: dict[str, list[Relation]],
    selected_id: str | None,
    height: float,
) -> None:
    """Outline the selected span; draw the relations of visible spans.

    Only relations with an end among the visible spans (``boxes``) are looked at, so 5,000
    relations cost nothing while scrolled away. When the selected span has relations, the
    other end of each is outlined too.
    """
    selected = index.get(selected_id) if selected_id else None
    if selected is not None and view_painter.styles.style(selected.layer) != "section":
        view_painter.paint_outline(painter, frame.boxes(selected.start, selected.end), SELECTED)
    if not relations_of:
        return
    visible = {r.id: r for sid in boxes for r in relations_of.get(sid, ())}
    for relation in visible.values():
        head = index.get(relation.head)
        tail = index.get(relation.tail)
        if head is None or tail is None:
            continue
        head_rects = frame.boxes(head.start, head.end)
        tail_rects = frame.boxes(tail.start, tail.end)
        head_rect = head_rects[0] if head_rects else None
        tail_rect = tail_rects[0] if tail_rects else None
        if head_rect is None and tail_rect is None:
            continue
        strong = selected_id in (relation.head, relation.tail)
        a = _anchor(head, head_rect, tail_rect, frame, height, -16)
        b = _anchor(tail, tail_rect, head_rect, frame, height, 16)
        view_painter.paint_relation(painter, a, b, tail_rect is not None, strong)
        if strong:
            other_rects = tail_rects if selected_id == relation.head else head_rects
            view_painter.paint_outline(painter, other_rects, RELATION)
