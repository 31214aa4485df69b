"""Other annotators' relations, drawn faint and dashed between the spans they join: read-only.

They are routed exactly as own relations are (``ArcPainter``: through the arc row of the band
above a line, never across the glyphs; a stub with a chip naming the far end when the two ends
are not on one visible line), and their chip names the annotator with the type
("budi: claimant"). Their ends are the ghosts, or spans the viewer holds as their own
(unattributed spans another annotator related). Nothing selects, hovers or targets a ghost
relation: it is never drawn strong, and its chips are moved clear of the own arcs' chips.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from annotator.core.model import Relation, Span
from annotator.gui.article.arcs import COLORS, DASHES, Arc, ArcPainter, RelationStyle, SpanLookup
from annotator.gui.article.frame import Frame
from annotator.gui.article.tags import GAP

ARC_ALPHA = 110  # of 255: the line and chip edge of a ghost arc
TEXT_ALPHA = 190


class GhostArcPainter(ArcPainter):
    """An ``ArcPainter`` whose arcs are faint and dashed and carry the annotator's name."""

    def caption(self, relation: Relation) -> str:
        return f"{relation.annotator}: {relation.label}"

    def _ink(self, kind: str, strong: bool) -> tuple[QColor, QPen, QPen, QColor]:
        ink = self._inks.get((kind, False))
        if ink is None:
            style = self.styles.get(kind, RelationStyle(QColor(COLORS[-1]), DASHES[0]))
            color = QColor(style.color)
            color.setAlpha(ARC_ALPHA)
            text = QColor(style.color.darker(130))
            text.setAlpha(TEXT_ALPHA)
            dashed = QPen(color, 1.0, Qt.PenStyle.DashLine)
            ink = self._inks[(kind, False)] = (color, dashed, dashed, text)
        return ink


class Ends:
    """The ends of ghost relations: among the ghosts first, then among the viewer's spans."""

    def __init__(self, *indexes: SpanLookup) -> None:
        self._indexes = indexes

    def get(self, span_id: str) -> Span | None:
        for index in self._indexes:
            span = index.get(span_id)
            if span is not None:
                return span
        return None


class GhostArcs:
    """The relations of other annotators on the open document, and how they are drawn."""

    def __init__(self) -> None:
        self._relations_of: dict[str, list[Relation]] = {}
        self._painter: GhostArcPainter | None = None
        self._made_from: ArcPainter | None = None

    def set_relations(self, relations: list[Relation]) -> None:
        self._relations_of = {}
        for relation in relations:
            self._relations_of.setdefault(relation.head, []).append(relation)
            if relation.tail != relation.head:
                self._relations_of.setdefault(relation.tail, []).append(relation)

    def __bool__(self) -> bool:
        return bool(self._relations_of)

    def relations(self) -> list[Relation]:
        """Every ghost relation, each once."""
        unique = {r.id: r for group in self._relations_of.values() for r in group}
        return list(unique.values())

    def relates(self, span_id: str) -> bool:
        """Whether the span is an end of a ghost relation (its line needs an arc row)."""
        return span_id in self._relations_of

    def painter(self, own: ArcPainter, font: QFont) -> GhostArcPainter:
        """The ghost painter of the view's current arc painter (same font, same type styles)."""
        if self._painter is None or self._made_from is not own:
            self._painter = GhostArcPainter(font, list(own.styles))
            self._made_from = own
        return self._painter

    def layout(
        self,
        painter: GhostArcPainter,
        frame: Frame,
        ends: list[Span],
        lookup: SpanLookup,
        hidden: Callable[[Span], bool],
        own_arcs: list[Arc],
    ) -> list[Arc]:
        """The ghost arcs with an end among ``ends``, their chips clear of ``own_arcs``'."""
        arcs = painter.layout(frame, ends, lookup, self._relations_of, hidden)
        return _clear_of_chips(arcs, [arc.label_rect for arc in own_arcs])


def _clear_of_chips(arcs: list[Arc], taken: list[QRectF]) -> list[Arc]:
    """Each arc's chip moved right until it overlaps no chip of ``taken`` on its row (a
    stub's line reaches the chip's new place, as ``arcs`` does among own chips)."""
    placed: list[Arc] = []
    rows: dict[float, list[QRectF]] = {}
    for rect in taken:
        rows.setdefault(round(rect.top(), 1), []).append(rect)
    for arc in arcs:
        row = rows.setdefault(round(arc.label_rect.top(), 1), [])
        rect = QRectF(arc.label_rect)
        moved = True
        while moved:
            moved = False
            for other in row:
                if other.left() < rect.right() and rect.left() < other.right():
                    rect.moveLeft(other.right() + GAP)
                    moved = True
        if rect != arc.label_rect:
            points = arc.points
            if arc.stub:
                end = 0 if arc.arrow else -1
                reach = QPointF(rect.left(), points[end].y())
                points = (reach, *points[1:]) if end == 0 else (*points[:-1], reach)
            arc = Arc(arc.relation_id, arc.kind, points, arc.label, rect, arc.arrow, arc.stub)
        row.append(rect)
        placed.append(arc)
    return placed
