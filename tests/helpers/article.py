"""Helpers shared by the article view tests: a shown view and spans found by text."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from annotator.core.model import Document, Span, make_span
from annotator.gui.article.view import ArticleView


def find_span(doc: Document, layer: str, label: str, needle: str, nth: int = 0) -> Span:
    """A span over the ``nth`` occurrence of ``needle``, offsets from ``str.find``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.find(needle, start + 1)
        assert start >= 0, needle
    return make_span(doc, layer, label, start, start + len(needle), "tester")


def centre_of(view: ArticleView, span_id: str) -> QPoint:
    boxes = view.span_geometry(span_id)
    assert boxes, f"span {span_id} is not drawn"
    return boxes[0].rect.center().toPoint()
