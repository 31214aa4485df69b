"""Helpers for the window tests: spans set up through the window's own session, points of
characters in the view, and database reads over a fresh connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from annotator.core.edits import AddSpan
from annotator.core.model import Relation, Span, make_span
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import fresh_repo


def add_span(
    window: MainWindow, label: str, needle: str, attrs: dict[str, Any] | None = None
) -> Span:
    """Add a span over ``needle`` through the window (committed, on the undo stack)."""
    doc = window.workspace.doc
    assert doc is not None
    start = doc.text.find(needle)
    assert start >= 0, needle
    layer = window.workspace.schema.label(label).layer
    span = make_span(doc, layer, label, start, start + len(needle), "tester", attrs=attrs)
    assert window.session.perform(AddSpan(span))
    return span


def point_of(window: MainWindow, cp: int) -> QPoint:
    """A viewport point inside the character at code point ``cp``."""
    assert window.workspace.doc is not None
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(TextOffsets(window.workspace.doc.text).to_qt(cp))
    rect = window.view.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def middle_of(window: MainWindow, span: Span) -> QPoint:
    return point_of(window, (span.start + span.end) // 2)


def db_relations(db_path: Path, doc_id: str = "emoji") -> list[Relation]:
    repo = fresh_repo(db_path)
    try:
        return repo.relations(doc_id)
    finally:
        repo.db.close()


def db_span(db_path: Path, span_id: str) -> Span | None:
    repo = fresh_repo(db_path)
    try:
        return repo.span(span_id)
    finally:
        repo.db.close()


def stored_span(db_path: Path, span_id: str) -> Span:
    """The span as stored now; it must exist."""
    span = db_span(db_path, span_id)
    assert span is not None, f"span {span_id} is not stored"
    return span
