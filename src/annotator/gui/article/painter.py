"""Turns the visible spans of one frame into boxes and paints them.

Three looks so the layers stay readable together: ``background`` layers (entities) are
filled boxes under the text, nested ones shrinking per lane; ``underline`` layers (claims)
are bars under (then over) the glyphs, one per lane; ``section`` layers are bars in
the left gutter. Suggestions are dashed and faded, find hits outlined.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.gui.article.frame import Frame
from annotator.gui.article.span_layout import SpanBox, SpanIndex

INSET_STEP = 2.0  # px a nested background shrinks per lane, top and bottom
MAX_INSET_LANES = 3
UNDERLINE = 1.5  # px thickness of a claim underline
UNDERLINE_STEP = 2.5  # px between stacked underlines (lines have no spare height to use)
MAX_UNDERLINE_LANES = 3
SELECTED = QColor("#1b1b1b")
RELATION = QColor("#7048e8")
FIND = QColor("#e8590c")
FALLBACK = QColor("#999999")
EDGE_DARKER = 160  # an entity box's edge: its colour darkened by this factor (QColor.darker)


class SpanStyles:
    """Colours and layer styles from the schema, as QColor objects made once."""

    def __init__(self, schema: Schema | None) -> None:
        self.colors: dict[str, QColor] = {}
        self.edges: dict[str, QPen] = {}
        self.layer_styles: dict[str, str] = {}
        if schema is not None:
            self.colors = {label.name: QColor(label.color) for label in schema.labels}
            self.layer_styles = {layer.name: layer.style for layer in schema.layers}
        self.edges = {
            name: QPen(color.darker(EDGE_DARKER), 1.0) for name, color in self.colors.items()
        }

    def color(self, label: str) -> QColor:
        return self.colors.get(label, FALLBACK)

    def edge(self, label: str) -> QPen:
        return self.edges.get(label) or QPen(FALLBACK.darker(EDGE_DARKER), 1.0)

    def style(self, layer: str) -> str:
        return self.layer_styles.get(layer, "background")


def _depths(spans: list[Span], index: SpanIndex) -> dict[str, int]:
    """Highest lane among the visible spans each span overlaps (itself included)."""
    depth = {span.id: index.lane(span.id) for span in spans}
    active: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        active = [other for other in active if other.end > span.start]
        lane = depth[span.id]
        for other in active:
            other_lane = index.lane(other.id)
            if other_lane > depth[span.id]:
                depth[span.id] = other_lane
            if lane > depth[other.id]:
                depth[other.id] = lane
        active.append(span)
    return depth


def _underline(line_box: QRectF, lane: int) -> QRectF:
    """Lanes 0-1 are stacked under the glyphs; lanes 2+ go over them (an overline) because a
    third bar under the text would cross the letters and read as strike-through."""
    lane = min(lane, MAX_UNDERLINE_LANES)
    if lane < 2:
        y = line_box.bottom() - UNDERLINE - 0.5 - lane * UNDERLINE_STEP
    else:
        y = line_box.top() + 0.5 + (lane - 2) * UNDERLINE_STEP
    return QRectF(line_box.left(), y, line_box.width(), UNDERLINE)


def layout_spans(
    frame: Frame, spans: list[Span], index: SpanIndex, styles: SpanStyles, gutter: float
) -> dict[str, list[SpanBox]]:
    """Boxes of each visible span, as drawn (see the module docstring for the shapes)."""
    result: dict[str, list[SpanBox]] = {}
    backgrounds = [s for s in spans if styles.style(s.layer) == "background"]
    depth = _depths(backgrounds, index)
    for span in spans:
        lane = index.lane(span.id)
        style = styles.style(span.layer)
        rects = frame.boxes(span.start, span.end)
        if not rects:
            continue
        if style == "background":
            inset = min(depth[span.id] - lane, MAX_INSET_LANES) * INSET_STEP
            rects = [r.adjusted(0, inset, 0, -inset) for r in rects]
        elif style == "underline":
            rects = [_underline(r, lane) for r in rects]
        else:
            rects = [QRectF(-gutter, rects[0].top(), gutter, rects[-1].bottom() - rects[0].top())]
        result[span.id] = [SpanBox(span.id, span.layer, lane, rect) for rect in rects]
    return result


def layout_suggestions(
    frame: Frame, spans: list[Span], index: SpanIndex
) -> dict[str, list[SpanBox]]:
    """Suggestions are drawn as dashed line boxes over the text, whatever their layer."""
    result: dict[str, list[SpanBox]] = {}
    for span in spans:
        lane = index.lane(span.id)
        rects = frame.boxes(span.start, span.end)
        if rects:
            inset = min(lane, MAX_INSET_LANES) * INSET_STEP / 2
            result[span.id] = [
                SpanBox(span.id, span.layer, lane, r.adjusted(0.5, inset + 0.5, -0.5, -inset - 0.5))
                for r in rects
            ]
    return result


def _faded(color: QColor, alpha: int) -> QColor:
    faded = QColor(color)
    faded.setAlpha(alpha)
    return faded


class ViewPainter:
    """Paints a frame's boxes; one instance per view, restyled on schema changes."""

    def __init__(self, styles: SpanStyles) -> None:
        self.styles = styles

    def paint_backgrounds(
        self, painter: QPainter, boxes: dict[str, list[SpanBox]], spans: Iterable[Span]
    ) -> None:
        """Entity boxes, outer lanes first so nested ones are drawn on top (under the text).

        Each box has a darker edge, so an outer span's extent stays visible around a nested
        one (and two touching spans of one label read as two).
        """
        items = [
            (box.lane, span.label, box.rect)
            for span in spans
            if self.styles.style(span.layer) == "background"
            for box in boxes.get(span.id, ())
        ]
        items.sort(key=lambda item: -item[0])
        current = None
        for _lane, label, rect in items:
            if label != current:  # the brush and pen change only between labels
                current = label
                painter.setBrush(self.styles.color(label))
                painter.setPen(self.styles.edge(label))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)

    def paint_underlines(
        self, painter: QPainter, boxes: dict[str, list[SpanBox]], spans: Iterable[Span]
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for span in spans:
            if self.styles.style(span.layer) != "underline":
                continue
            color = self.styles.color(span.label)
            for box in boxes.get(span.id, ()):
                painter.fillRect(box.rect, color)

    def paint_suggestions(
        self, painter: QPainter, boxes: dict[str, list[SpanBox]], spans: Iterable[Span]
    ) -> None:
        for span in spans:
            color = self.styles.color(span.label)
            pen = QPen(color.darker(150), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(_faded(color, 70))
            for box in boxes.get(span.id, ()):
                painter.drawRect(box.rect)

    def paint_find_hits(
        self, painter: QPainter, frame: Frame, hits: list[tuple[int, int, int]], current: int
    ) -> None:
        for index, start, end in hits:
            strong = index == current
            painter.setPen(QPen(FIND, 2.5 if strong else 1.2))
            painter.setBrush(_faded(FIND, 80) if strong else Qt.BrushStyle.NoBrush)
            for rect in frame.boxes(start, end):
                painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))

    def paint_outline(
        self, painter: QPainter, rects: list[QRectF], color: QColor, width: float = 2.0
    ) -> None:
        """The thick outline of the selected span, or of the other end of its relations."""
        painter.setPen(QPen(color, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 2.0, 2.0)

    def paint_gutter(
        self,
        painter: QPainter,
        boxes: dict[str, list[SpanBox]],
        spans: Iterable[Span],
        selected: str | None,
        width: float,
    ) -> None:
        """Section bars at the gutter's right edge, each label at the top of its bar.

        ``boxes`` are in viewport coordinates (x < 0); the gutter's x is shifted by ``width``.
        """
        metrics = painter.fontMetrics()
        for span in spans:
            if self.styles.style(span.layer) != "section":
                continue
            color = self.styles.color(span.label)
            for box in boxes.get(span.id, ()):
                rect = box.rect.translated(width, 0)
                bar = QRectF(rect.right() - 7, rect.top() + 1, 5, rect.height() - 2)
                painter.fillRect(bar, color)
                text_rect = QRectF(rect.left() + 2, rect.top(), rect.width() - 12, rect.height())
                painter.setPen(color.darker(160))
                text = metrics.elidedText(
                    span.label, Qt.TextElideMode.ElideRight, int(text_rect.width())
                )
                painter.drawText(
                    text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), text
                )
                if span.id == selected:
                    self.paint_outline(painter, [rect.adjusted(1, 1, -1, -1)], SELECTED)
