"""Where the article view draws things, read from its current layout: spans, label tags,
relation arcs, the band above each line and the visible lines.

``ArticleGeometry`` holds no state of its own: ``ArticleView`` builds the attributes declared
here, and the tests and controllers ask these methods rather than read pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.model import Relation, Span
from annotator.gui.article.arcs import Arc, ArcPainter
from annotator.gui.article.frame import Frame
from annotator.gui.article.ghosts import Ghost, GhostLayer
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.article.painter import SpanStyles, layout_spans, layout_suggestions
from annotator.gui.article.span_layout import SpanBox, SpanIndex
from annotator.gui.article.tags import Tag, TagPainter


class ArticleGeometry(QPlainTextEdit):
    """The layout queries of the article view; all offsets are code points."""

    _offsets: TextOffsets
    _index: SpanIndex
    _suggestions: SpanIndex
    _styles: SpanStyles
    _relations_of: dict[str, list[Relation]]
    _relation_types: list[str]
    _hidden_kinds: set[str]
    _hidden_styles: set[str]
    _tags_on: bool
    _tag_painter: TagPainter
    _arc_painter: ArcPainter
    _selected: str | None
    _hovered: str | None
    _candidate: str | None
    _gutter_width: int
    ghosts: GhostLayer

    def spans(self) -> list[Span]:
        return self._index.spans()

    def candidate_span_id(self) -> str | None:
        return self._candidate

    def selected_span_id(self) -> str | None:
        return self._selected

    def tags_visible(self) -> bool:
        return self._tags_on

    def tag_geometry(self) -> list[Tag]:
        """The label tags drawn now, in viewport coordinates (empty when tags are hidden)."""
        if not self._tags_on:
            return []
        frame = Frame(self, self._offsets)
        spans = self._visible(frame)
        return self._tag_painter.layout(frame, spans, self._styles)

    def arc_geometry(self) -> list[Arc]:
        """The relation arcs and stubs drawn now, in viewport coordinates."""
        return self.own_arcs(Frame(self, self._offsets))

    def own_arcs(self, frame: Frame) -> list[Arc]:
        """The arcs and stubs of the viewer's own relations on a frame."""
        if not frame.lines or not self._shown_relations():
            return []
        return self._arc_painter.layout(
            frame,
            self._visible(frame),
            self._index,
            self._shown_relations(),
            self._is_hidden,
        )

    def ghost_arc_geometry(self) -> list[Arc]:
        """Other annotators' relation arcs drawn now (empty while their work is hidden)."""
        return self.ghosts.arcs(Frame(self, self._offsets))

    def ghost_geometry(self) -> list[Ghost]:
        """Other annotators' spans drawn now, with their tags (empty while they are hidden)."""
        return self.ghosts.layout(Frame(self, self._offsets))

    def hidden_layers(self) -> set[str]:
        return set(self._hidden_kinds)

    def _visible(self, frame: Frame) -> list[Span]:
        """The spans on the visible lines whose kind is shown."""
        if not frame.lines:
            return []
        spans = self._index.overlapping(frame.cp_first, frame.cp_last)
        if self._hidden_styles:
            spans = [s for s in spans if self._styles.style(s.layer) not in self._hidden_styles]
        return spans

    def _is_hidden(self, span: Span) -> bool:
        return self._styles.style(span.layer) in self._hidden_styles

    def _shown_relations(self) -> dict[str, list[Relation]]:
        return {} if "relations" in self._hidden_kinds else self._relations_of

    def highlighted_relations(self) -> set[str]:
        """Ids of the relations drawn strong: those of the selected and the hovered span."""
        return {
            relation.id
            for span_id in (self._selected, self._hovered)
            if span_id
            for relation in self._relations_of.get(span_id, ())
        }

    def band_rows(self) -> tuple[float, float]:
        """Heights of the arc row and the tag row a line gets when it carries arcs or tags."""
        shown = self._relation_types and "relations" not in self._hidden_kinds
        arcs = self._arc_painter.row if shown else 0.0
        return arcs, self._tag_painter.height if self._tags_on else 0.0

    def _line_band(self, qt_start: int, qt_end: int) -> float:
        """The room above one visual line: a tag row if a tagged span starts on it, an arc
        row if a span with relations (own, or shown ghost ones) starts on it, nothing
        otherwise."""
        arcs_row, tags_row = self.band_rows()
        if not arcs_row and not tags_row:
            return 0.0
        start = self._offsets.from_qt(qt_start, "left")
        end = self._offsets.from_qt(qt_end, "left")
        relations = self._shown_relations()
        arcs = tags = False
        for span in self._index.starting(start, end):
            if self._is_hidden(span):
                continue
            arcs = arcs or span.id in relations
            tags = tags or self._styles.style(span.layer) != "section"
            if (arcs or not arcs_row) and (tags or not tags_row):
                break
        tags = tags or bool(tags_row and self.ghosts.has_tag_between(start, end))
        arcs = arcs or bool(arcs_row and self.ghosts.has_arc_between(start, end))
        return (arcs_row if arcs else 0.0) + (tags_row if tags else 0.0)

    # --- geometry ------------------------------------------------------------------------
    def span_geometry(self, span_id: str) -> list[SpanBox]:
        """Where the span (or suggestion) is drawn now: viewport rects and lane.

        Empty when it is scrolled out of view. Section boxes lie in the gutter (x < 0).
        """
        frame = Frame(self, self._offsets)
        if span_id in self._index:
            spans = self._visible(frame)
            boxes = layout_spans(frame, spans, self._index, self._styles, self._gutter_width)
        else:
            suggestion = self._suggestions.get(span_id)
            spans = [suggestion] if suggestion else []
            boxes = layout_suggestions(frame, spans, self._suggestions)
        return boxes.get(span_id, [])

    def span_at(self, point: QPoint | QPointF) -> str | None:
        """The innermost entity/claim span under a viewport point, if any."""
        frame = Frame(self, self._offsets)
        cp = frame.char_at(QPointF(point))
        if cp is None:
            return None
        found = [
            s
            for s in self._index.overlapping(cp, cp + 1)
            if self._styles.style(s.layer) not in self._hidden_styles | {"section"}
        ]
        if not found:
            return None
        return min(found, key=lambda s: (s.end - s.start, self._index.lane(s.id))).id

    def cp_between(self, point: QPointF) -> int:
        """The position between characters nearest a viewport point, in code points."""
        return self._offsets.from_qt(self.cursorForPosition(point.toPoint()).position(), "left")

    def visible_line_count(self) -> int:
        """How many visual lines of text are wholly inside the viewport now."""
        height = self.viewport().height()
        frame = Frame(self, self._offsets)
        return sum(1 for line in frame.lines if line.top >= 0 and line.bottom <= height)

    def gutter_width(self) -> int:
        return self._gutter_width
