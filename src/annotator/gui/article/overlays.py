"""The selected span's outline, and the other ends of its relations, painted over the text."""

from __future__ import annotations

from PySide6.QtGui import QPainter

from annotator.core.model import Relation
from annotator.gui.article.frame import Frame
from annotator.gui.article.painter import RELATION, SELECTED, ViewPainter
from annotator.gui.article.span_layout import SpanIndex


def paint_selection(
    view_painter: ViewPainter,
    painter: QPainter,
    frame: Frame,
    index: SpanIndex,
    relations_of: dict[str, list[Relation]],
    selected_id: str | None,
) -> None:
    """Outline the selected span, and the other end of each of its relations."""
    selected = index.get(selected_id) if selected_id else None
    if selected is None:
        return
    if view_painter.styles.style(selected.layer) != "section":
        view_painter.paint_outline(painter, frame.boxes(selected.start, selected.end), SELECTED)
    for relation in relations_of.get(selected.id, ()):
        other = index.get(relation.tail if relation.head == selected.id else relation.head)
        if other is not None and other.id != selected.id:
            view_painter.paint_outline(painter, frame.boxes(other.start, other.end), RELATION)
