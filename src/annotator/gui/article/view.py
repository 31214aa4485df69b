"""The article view: read-only text with spans, relations, suggestions and find hits painted.

Spans are never stored in the QTextDocument (ExtraSelections, syntax highlighters and char
formats cost seconds and hundreds of MB on a 5 MB article). The view keeps
a ``SpanIndex`` in code points and, on every paint, draws only the spans that touch the
visible lines: backgrounds before Qt draws the glyphs, everything else after. Qt positions
are converted only through ``TextOffsets``; the text is never read back from Qt.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QCoreApplication, QEvent, QMetaObject, QPointF, QRect, Qt
from PySide6.QtGui import (
    QFont,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from annotator.core.model import Relation, Span
from annotator.core.schema import Schema
from annotator.gui.article.arcs import ArcPainter
from annotator.gui.article.drag import SpanDrag
from annotator.gui.article.edge_drag import EdgeDrag
from annotator.gui.article.frame import Frame
from annotator.gui.article.ghosts import GhostHooks, GhostLayer
from annotator.gui.article.input import ArticleInput
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.article.overlays import paint_selection
from annotator.gui.article.painter import (
    RELATION,
    SpanStyles,
    ViewPainter,
    layout_spans,
    layout_suggestions,
)
from annotator.gui.article.spacing import BandedLayout
from annotator.gui.article.span_layout import RangeIndex, SpanBox, SpanIndex
from annotator.gui.article.tags import TagPainter
from annotator.gui.article.widgets import MarkedScrollBar, ModeBanner, SectionGutter

LAYER_KINDS = {
    "entities": "background",
    "claims": "underline",
    "sections": "section",
    "relations": "",
    "suggestions": "",
}
"""What View > Show can hide, and the layer style each kind of span is drawn with."""


class ArticleView(ArticleInput):
    """Read-only article text with spans painted over it (custom painting of visible blocks only).

    All offsets in signals and methods are code points into the stored text. This class
    builds the state and paints; the layout queries are in ``geometry.py`` and the selection,
    keys and mouse in ``input.py``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._tags_on = True
        self._tag_painter = TagPainter(self.font())
        self._arc_painter = ArcPainter(self.font(), [])
        self._relation_types: list[str] = []
        self._hovered: str | None = None
        self._hidden_kinds: set[str] = set()
        self._candidate: str | None = None
        self._banner = ModeBanner(self.viewport())
        self._hidden_styles: set[str] = set()
        self._offsets = TextOffsets("")
        self._styles = SpanStyles(None)
        self._painter = ViewPainter(self._styles)
        self._index = SpanIndex()
        self._suggestions = SpanIndex()
        self._relations_of: dict[str, list[Relation]] = {}
        self._hits, self._current_hit = RangeIndex(), -1
        self._selected: str | None = None
        self._last_selection = (0, 0)
        self._press: QPointF | None = None
        self._scrollbar = MarkedScrollBar(self)
        self.setVerticalScrollBar(self._scrollbar)
        self._gutter = SectionGutter(self, self._paint_gutter, self._gutter_clicked)
        self._gutter_width = 0
        self._section_labels: list[str] = []
        self._revision = 0  # bumped on every change that moves boxes; keys the gutter cache
        self._gutter_cache: tuple[tuple, list[Span], dict[str, list[SpanBox]]] | None = None
        self.selectionChanged.connect(self._on_selection_changed)
        self.updateRequest.connect(lambda *_: self._gutter.update())
        self._drag = SpanDrag(self, self.spanDragged.emit)
        self.viewport().setMouseTracking(True)  # the resize cursor over the selected span's edges
        self._edge_drag = EdgeDrag(self, self.edgeDragged.emit)
        self.ghosts = GhostLayer(
            GhostHooks(
                lambda: Frame(self, self._offsets),
                self.font,
                self._is_hidden,
                self.tags_visible,
                lambda frame: self._tag_painter.layout(frame, self._visible(frame), self._styles),
                self._update_band,
                lambda: self._index,
                lambda: self._arc_painter,
                lambda: "relations" not in self._hidden_kinds,
                self.own_arcs,
            )
        )
        """Other annotators' spans: never in the span index, so never selected or moved."""
        self._layout = BandedLayout(self.document(), self._line_band)
        self.document().setDocumentLayout(self._layout)

    # --- document and spans -------------------------------------------------------------
    def set_document(self, text: str, spans: list[Span], schema: Schema) -> None:
        """Show a new document; resets selection, relations, suggestions and find hits."""
        self.set_text(text, schema)
        self.set_spans(spans)

    def set_text(self, text: str, schema: Schema) -> None:
        """Show a new document's text, without spans until ``set_spans``: the text can be laid
        out while its spans are still being read. Resets everything ``set_document`` does."""
        self._offsets, qt_text = TextOffsets.with_qt_text(text)
        self._relations_of = {}
        self._suggestions = SpanIndex()
        self._hits, self._current_hit = RangeIndex(), -1
        self._scrollbar.set_marks([])
        self._index = SpanIndex()
        self.ghosts.set_spans([])
        self._hovered = None
        self._revision += 1
        self._apply_schema(schema)
        self._lay_out_without_the_gil(qt_text)
        if self.document().characterCount() - 1 != self._offsets.qt_length:
            raise ValueError(
                "Qt changed the text on display (CR, BOM or U+FDD0/U+FDD1 in it); "
                "offsets would drift. Normalise the text at import."
            )
        self._set_selected(None)
        self._last_selection = (0, 0)

    def _lay_out_without_the_gil(self, qt_text: str) -> None:
        """``setPlainText``, with the GIL released while Qt builds the document.

        PySide holds the GIL through a direct call (about 50 ms for a 5 MB article), so the
        worker reading the document's spans (``PendingSpans``) would wait. Invoked as a
        queued slot and delivered at once (only the view's own queued calls), the C++ slot
        runs with the GIL released, and the worker builds the spans meanwhile.
        """
        queued = QMetaObject.invokeMethod(
            self, "setPlainText", Qt.ConnectionType.QueuedConnection, Q_ARG(str, qt_text)
        )
        if queued:
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        else:  # a Qt without that slot by name: the direct call, GIL held
            self.setPlainText(qt_text)

    def set_spans(self, spans: list[Span]) -> None:
        """The shown document's own spans (editable), replacing any it had."""
        self._index = SpanIndex(spans)
        self._revision += 1
        self._update_band()

    def add_span(self, span: Span) -> None:
        self._index.add(span)
        self._span_moved(span)

    def remove_span(self, span_id: str) -> None:
        span = self._index.remove(span_id)
        if span is not None and span_id == self._selected:
            self._set_selected(None)
        self._span_moved(span)

    def update_span(self, span: Span) -> None:
        """Relabel or change attrs (or extent) of a span the view holds."""
        old = self._index.get(span.id)
        self._index.update(span)
        self._span_moved(old, span)

    def _span_moved(self, *spans: Span | None) -> None:
        """Only the lines where these spans start may gain or lose their band."""
        for span in spans:
            if span is not None:
                self._layout.invalidate_band_at(self._offsets.to_qt(span.start))
        self._repaint_all()

    def set_schema(self, schema: Schema) -> None:
        self._apply_schema(schema)
        self._repaint_all()

    def set_relations(self, relations: list[Relation]) -> None:
        self._relations_of = {}
        for relation in relations:
            self._relations_of.setdefault(relation.head, []).append(relation)
            if relation.tail != relation.head:
                self._relations_of.setdefault(relation.tail, []).append(relation)
        self._update_band()
        self.viewport().update()

    def set_suggestions(self, suggestions: list[Span]) -> None:
        """Suggested spans, drawn dashed and faded on top of (never instead of) real spans."""
        self._suggestions = SpanIndex(suggestions)
        self.viewport().update()

    def set_find_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        """Outline find hits (the current one stronger, scrolled into view) and mark the bar."""
        self._current_hit = -1
        current_range = hits[current] if 0 <= current < len(hits) else None
        self._hits = RangeIndex(hits)
        if current_range is not None:
            self._current_hit = self._hits.ranges.index(current_range)
        length = max(self._offsets.length, 1)
        self._scrollbar.set_marks(
            [start / length for start, _ in self._hits.ranges],
            current_range[0] / length if current_range else None,
        )
        if current_range is not None:
            self.scroll_to_cp(current_range[0])
        self.viewport().update()

    def set_candidate(self, span_id: str | None) -> None:
        """Outline a span offered as the other end of a relation and scroll to it, without
        selecting it (the inspector stays on the relation's head)."""
        self._candidate = span_id
        span = self._index.get(span_id) if span_id else None
        if span is not None:
            self.scroll_to_cp(span.start)
        self.viewport().update()

    def set_banner(self, text: str | None) -> None:
        """Say over the text what the current mode does; None removes the banner."""
        if text:
            self._banner.show_text(text)
        else:
            self._banner.hide()

    def banner_text(self) -> str:
        return self._banner.text() if self._banner.isVisible() else ""

    def scroll_marks(self) -> list[float]:
        """Where the scroll bar marks find hits, as fractions of the document's height."""
        return self._scrollbar.marks()

    def set_font_point_size(self, size: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(size)
        self._revision += 1
        self.setFont(font)
        self._tag_painter = TagPainter(font)
        self._arc_painter = ArcPainter(font, self._relation_types)
        self._update_band()
        self._update_gutter_width()

    def set_tags_visible(self, visible: bool) -> None:
        """Show a label tag above each span (the lines move apart to make room) or hide them."""
        self._tags_on = visible
        self._update_band()
        self._repaint_all()

    def set_layer_visible(self, kind: str, visible: bool) -> None:
        """Show or hide one kind of annotation: a key of ``LAYER_KINDS``."""
        if visible:
            self._hidden_kinds.discard(kind)
        else:
            self._hidden_kinds.add(kind)
        self._hidden_styles = {LAYER_KINDS[k] for k in self._hidden_kinds if LAYER_KINDS[k]}
        self._update_band()
        self._repaint_all()

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        frame = Frame(self, self._offsets)
        spans = self._visible(frame)
        boxes = layout_spans(frame, spans, self._index, self._styles, self._gutter_width)
        sections = [s for s in spans if self._styles.style(s.layer) == "section"]
        self._gutter_cache = (self._frame_key(), sections, boxes)
        painter = QPainter(self.viewport())
        self._painter.paint_backgrounds(painter, boxes, spans)
        painter.end()
        super().paintEvent(event)
        if not frame.lines:
            return
        painter = QPainter(self.viewport())
        self._painter.paint_underlines(painter, boxes, spans)
        suggestions = (
            self._suggestions.overlapping(frame.cp_first, frame.cp_last)
            if "suggestions" not in self._hidden_kinds
            else []
        )
        if suggestions:
            sboxes = layout_suggestions(frame, suggestions, self._suggestions)
            self._painter.paint_suggestions(painter, sboxes, suggestions)
        if len(self._hits):
            hits = self._hits.overlapping(frame.cp_first, frame.cp_last)
            self._painter.paint_find_hits(painter, frame, hits, self._current_hit)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_selection(
            self._painter, painter, frame, self._index, self._shown_relations(), self._selected
        )
        candidate = self._index.get(self._candidate) if self._candidate else None
        if candidate is not None:
            self._painter.paint_outline(
                painter, frame.boxes(candidate.start, candidate.end), RELATION, 3.0
            )
        if self._tags_on:
            self._tag_painter.paint(
                painter, self._tag_painter.layout(frame, spans, self._styles), self._styles
            )
        if self._shown_relations():
            arcs = self._arc_painter.layout(
                frame,
                spans,
                self._index,
                self._shown_relations(),
                self._is_hidden,
            )
            self._arc_painter.paint(painter, arcs, self.highlighted_relations())
        self.ghosts.paint(painter, frame, self._styles)
        painter.end()

    def _paint_gutter(self, painter: QPainter) -> None:
        """Section bars; reuses the boxes of the viewport paint when nothing moved since."""
        cache = self._gutter_cache
        if cache is not None and cache[0] == self._frame_key():
            _key, sections, boxes = cache
        else:
            frame = Frame(self, self._offsets)
            if not frame.lines:
                return
            sections = [s for s in self._visible(frame) if self._styles.style(s.layer) == "section"]
            boxes = layout_spans(frame, sections, self._index, self._styles, self._gutter_width)
        self._painter.paint_gutter(painter, boxes, sections, self._selected, self._gutter_width)

    def _frame_key(self) -> tuple:
        size = self.viewport().size()
        offset = self.contentOffset()
        return (
            self._revision,
            self.verticalScrollBar().value(),
            offset.x(),
            offset.y(),
            size.width(),
            size.height(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._banner.isVisible():
            self._banner.show_text(self._banner.text())
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self._gutter_width, rect.height()))

    # --- internals -----------------------------------------------------------------------
    def _gutter_clicked(self, position: QPointF) -> None:
        point = position - QPointF(self._gutter_width, 0)
        frame = Frame(self, self._offsets)
        for span in self._index.overlapping(frame.cp_first, frame.cp_last):
            if self._styles.style(span.layer) == "section" and any(
                box.rect.contains(point) for box in self.span_geometry(span.id)
            ):
                self.select_span(span.id)
                return

    def _update_band(self) -> None:
        self._layout.invalidate_bands()
        self.viewport().update()

    def _apply_schema(self, schema: Schema) -> None:
        self._relation_types = [relation.name for relation in schema.relations]
        self._arc_painter = ArcPainter(self.font(), self._relation_types)
        self._update_band()
        self._styles = SpanStyles(schema)
        self._painter.styles = self._styles
        self._section_labels = [
            label.name for label in schema.labels if schema.layer(label.layer).style == "section"
        ]
        self._update_gutter_width()

    def _update_gutter_width(self) -> None:
        self._gutter_width = self._gutter.configure(self._section_labels, self.font())
        self.setViewportMargins(self._gutter_width, 0, 0, 0)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self._gutter_width, rect.height()))

    def _repaint_all(self) -> None:
        self._revision += 1
        self.viewport().update()
        self._gutter.update()
