"""Other annotators' spans, drawn faint over the article: read-only ghosts.

An annotator sees and edits their own spans; the view's span index holds only those, so
selection, Tab, boundary keys and edge drags never reach anyone else's. Others' spans live
here instead, hidden until View ▸ Show ▸ Other Annotators' Work is on, and then drawn as a
low-alpha fill with a dashed outline, tagged with the annotator's name and label. Their
relations come with them, as faint dashed arcs (``ghost_arcs``). Nothing here selects or
moves a span or a relation: a ghost answers only tooltips and geometry questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from annotator.core.model import Relation, Span
from annotator.gui.article.arcs import Arc, ArcPainter
from annotator.gui.article.frame import Frame
from annotator.gui.article.ghost_arcs import Ends, GhostArcs
from annotator.gui.article.painter import SpanStyles
from annotator.gui.article.span_layout import SpanIndex
from annotator.gui.article.tags import GAP, PADDING, Tag, band_height, tag_font
from annotator.gui.article.tooltip import span_tooltip

FILL_ALPHA = 45  # of 255: the ghost's fill lets the text and own spans show through
OUTLINE_ALPHA = 170
TAG_ALPHA = 200


@dataclass(frozen=True)
class Ghost:
    """One other annotator's span as drawn now: its line boxes and its tag (if shown)."""

    span: Span
    rects: list[QRectF]
    tag: QRectF | None
    """Viewport rect of the "annotator: label" tag in the band above its first line."""

    @property
    def tag_text(self) -> str:
        return tag_text(self.span)


def tag_text(span: Span) -> str:
    return f"{span.annotator}: {span.label}"


@dataclass(frozen=True)
class GhostHooks:
    """What the ghost layer asks of its view (it holds no reference to the widget)."""

    frame: Callable[[], Frame]
    font: Callable[[], QFont]
    hidden: Callable[[Span], bool]
    """Whether the span's kind is hidden (View ▸ Show), for ghosts as for own spans."""
    tags_on: Callable[[], bool]
    own_tags: Callable[[Frame], list[Tag]]
    """The own spans' tags on a frame (the frame's measured boxes are reused)."""
    changed: Callable[[], None]
    """Lay out the line bands again and repaint (ghost tags need room above their lines)."""
    own_index: Callable[[], SpanIndex]
    """The viewer's own spans (an end of another annotator's relation may be one of them)."""
    arc_painter: Callable[[], ArcPainter]
    """The view's painter of own arcs: ghost arcs take its font, routing and type styles."""
    relations_shown: Callable[[], bool]
    """Whether relations are shown (View ▸ Show), for ghosts as for own ones."""
    own_arcs: Callable[[Frame], list[Arc]]
    """The own arcs on a frame, whose chips the ghost arcs' chips keep clear of."""


class GhostLayer:
    """The spans of other annotators on the open document, and whether they are shown."""

    def __init__(self, hooks: GhostHooks) -> None:
        self._hooks = hooks
        self._spans: list[Span] = []
        self._ids: set[str] = set()
        self._built: SpanIndex | None = None
        self._visible = False
        self._names: dict[str, QStaticText] = {}
        self._arcs = GhostArcs()

    # --- state ---------------------------------------------------------------------------
    def set_spans(self, spans: list[Span]) -> None:
        """Hold these spans (in document order, as the store gives them), of a document shown
        anew: the relations held are dropped until ``set_relations``. The spans are indexed
        only once shown: opening a document while they are hidden costs nothing more."""
        self._spans, self._built = list(spans), None
        self._arcs.set_relations([])
        self._ids = {span.id for span in self._spans}
        if self._visible:
            self._hooks.changed()

    @property
    def _index(self) -> SpanIndex:
        if self._built is None:
            self._built = SpanIndex(self._spans)
        return self._built

    def put(self, span: Span) -> None:
        self.remove(span.id)
        self._spans.append(span)
        self._ids.add(span.id)
        if self._built is not None:
            self._built.add(span)
        if self._visible:
            self._hooks.changed()

    def remove(self, span_id: str) -> None:
        """Forget a ghost; an id it does not hold (every own span's edit asks) costs nothing."""
        if span_id not in self._ids:
            return
        self._ids.discard(span_id)
        self._spans = [span for span in self._spans if span.id != span_id]
        if self._built is not None:
            self._built.remove(span_id)
        if self._visible:
            self._hooks.changed()

    def set_relations(self, relations: list[Relation]) -> None:
        """Hold the other annotators' relations of the document (drawn only when shown)."""
        self._arcs.set_relations(relations)
        if self._visible:
            self._hooks.changed()

    def relations(self) -> list[Relation]:
        return self._arcs.relations()

    def set_visible(self, visible: bool) -> None:
        if visible != self._visible:
            self._visible = visible
            self._hooks.changed()

    @property
    def visible(self) -> bool:
        return self._visible

    def spans(self) -> list[Span]:
        """Every ghost, shown or not, in document order."""
        return self._index.spans()

    def __len__(self) -> int:
        return len(self._spans)

    # --- layout --------------------------------------------------------------------------
    def _shown(self, frame: Frame) -> list[Span]:
        if not self._visible or not frame.lines or not self._spans:
            return []
        hidden = self._hooks.hidden
        return [s for s in self._index.overlapping(frame.cp_first, frame.cp_last) if not hidden(s)]

    def has_tag_between(self, start: int, end: int) -> bool:
        """Whether a shown ghost starts in ``start..end`` (its line needs a tag band)."""
        if not self._visible or not self._spans:
            return False
        hidden = self._hooks.hidden
        return any(not hidden(span) for span in self._index.starting(start, end))

    def has_arc_between(self, start: int, end: int) -> bool:
        """Whether a shown span (a ghost or the viewer's own) that starts in ``start..end`` is
        an end of a ghost relation (its line needs an arc row)."""
        arcs = self._arcs
        if not self._visible or not arcs or not self._hooks.relations_shown():
            return False
        hidden = self._hooks.hidden
        starting = self._hooks.own_index().starting(start, end)
        if self._spans:
            starting += self._index.starting(start, end)
        return any(arcs.relates(span.id) and not hidden(span) for span in starting)

    def arcs(self, frame: Frame | None = None) -> list[Arc]:
        """The ghost relations' arcs and stubs on the visible lines (none while hidden)."""
        frame = frame or self._hooks.frame()
        hooks, arcs = self._hooks, self._arcs
        if not self._visible or not arcs or not frame.lines or not hooks.relations_shown():
            return []
        own = hooks.own_index()
        hidden = hooks.hidden
        ends = [
            span
            for span in own.overlapping(frame.cp_first, frame.cp_last)
            if arcs.relates(span.id) and not hidden(span)
        ]
        ends += self._shown(frame)
        if not ends:
            return []
        painter = arcs.painter(hooks.arc_painter(), hooks.font())
        lookup = Ends(self._index, own)
        return arcs.layout(painter, frame, ends, lookup, hidden, hooks.own_arcs(frame))

    def layout(self, frame: Frame | None = None) -> list[Ghost]:
        """The ghosts on the visible lines, with tags placed clear of the own spans' tags."""
        frame = frame or self._hooks.frame()
        spans = self._shown(frame)
        if not spans:
            return []
        tags_on = self._hooks.tags_on()
        taken: dict[float, list[QRectF]] = {}
        if tags_on:
            for own in self._hooks.own_tags(frame):
                taken.setdefault(own.rect.bottom(), []).append(own.rect)
        font = tag_font(self._hooks.font())
        metrics = QFontMetricsF(font)
        height = band_height(self._hooks.font())
        ghosts: list[Ghost] = []
        for span in spans:
            rects = frame.boxes(span.start, span.end)
            if not rects:
                continue
            tag = None
            if tags_on and span.start >= frame.cp_first:
                width = metrics.horizontalAdvance(tag_text(span)) + 2 * PADDING
                tag = QRectF(rects[0].left(), rects[0].top() - height + 1, width, height - 2)
                row = taken.setdefault(tag.bottom(), [])
                tag = _clear_of(tag, row)
                row.append(tag)
            ghosts.append(Ghost(span, rects, tag))
        return ghosts

    # --- painting and tooltips -----------------------------------------------------------
    def paint(self, painter: QPainter, frame: Frame, styles: SpanStyles) -> None:
        """The visible ghosts, then their relations' arcs over them (nothing when hidden)."""
        self._paint_spans(painter, self.layout(frame), styles)
        arcs = self.arcs(frame)
        if arcs:
            painter.save()
            ink = self._arcs.painter(self._hooks.arc_painter(), self._hooks.font())
            ink.paint(painter, arcs, set())
            painter.restore()

    def _paint_spans(self, painter: QPainter, ghosts: list[Ghost], styles: SpanStyles) -> None:
        """Faint fill, dashed outline and the tag of every ghost.

        Ghosts are drawn label by label, so pen and brush change once per label."""
        if not ghosts:
            return
        by_label: dict[str, list[Ghost]] = {}
        for ghost in ghosts:
            by_label.setdefault(ghost.span.label, []).append(ghost)
        painter.save()
        font = tag_font(self._hooks.font())
        for label, group in by_label.items():
            color = styles.color(label)
            fill = _alpha(color, FILL_ALPHA)
            outline = _alpha(color.darker(150), OUTLINE_ALPHA)
            painter.setPen(QPen(outline, 1.0, Qt.PenStyle.DashLine))
            for ghost in group:
                section = styles.style(ghost.span.layer) == "section"
                painter.setBrush(Qt.BrushStyle.NoBrush if section else fill)
                for rect in ghost.rects:
                    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setBrush(fill)
            for ghost in group:
                if ghost.tag is not None:
                    painter.drawRoundedRect(ghost.tag, 2.0, 2.0)
        painter.setPen(_alpha(QColor("#000000"), TAG_ALPHA))
        for ghost in ghosts:
            if ghost.tag is not None:
                name = self._name(ghost.tag_text, font)
                size = name.size()
                corner = QPointF(
                    ghost.tag.x() + (ghost.tag.width() - size.width()) / 2,
                    ghost.tag.y() + (ghost.tag.height() - size.height()) / 2,
                )
                painter.drawStaticText(corner, name)
        painter.restore()

    def _name(self, text: str, font: QFont) -> QStaticText:
        """A tag's text laid out once in the tag font (``drawText`` lays it out per call)."""
        key = f"{font.key()}\n{text}"
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = QStaticText(text)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.prepare(QTransform(), font)
        return name

    def span_at(self, point: QPointF, frame: Frame | None = None) -> Span | None:
        """The innermost shown ghost under a viewport point, or the one whose tag is there."""
        frame = frame or self._hooks.frame()
        ghosts = self.layout(frame)
        for ghost in ghosts:
            if ghost.tag is not None and ghost.tag.contains(point):
                return ghost.span
        under = [g.span for g in ghosts if any(r.contains(point) for r in g.rects)]
        return min(under, key=lambda s: s.end - s.start) if under else None

    def tooltip_at(self, point: QPointF) -> str:
        """Whose span is under the point and what it holds ("" off every ghost)."""
        span = self.span_at(point)
        if span is None:
            return ""
        whose = f"<i>{escape(span.annotator)}'s span, read-only</i>"
        return f"{whose}<br>{span_tooltip(span, [], self._index)}"


def _clear_of(tag: QRectF, row: list[QRectF]) -> QRectF:
    """``tag`` moved right until it overlaps no rect already placed on its row."""
    moved = True
    while moved:
        moved = False
        for placed in row:
            if placed.left() < tag.right() and tag.left() < placed.right():
                tag = tag.translated(placed.right() + GAP - tag.left(), 0)
                moved = True
    return tag


def _alpha(color: QColor, alpha: int) -> QColor:
    faded = QColor(color)
    faded.setAlpha(alpha)
    return faded
