"""Setting up the window's data as the app would: spans through the window's own session,
documents as an import adds them, and points of characters in the view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from annotator.core.edits import AddRelation, AddSpan
from annotator.core.model import Document, Relation, Span, make_span
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.main_window import MainWindow
from annotator.store.db import open_db
from annotator.store.repository import Repository


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


def add_documents(window: MainWindow, *docs: Document) -> None:
    """Add documents as an import would, and let the window list them."""
    with window.workspace.repo.transaction():
        for doc in docs:
            window.workspace.repo.add_document(doc)
    window.documents.reload_documents()


def add_others_span(window: MainWindow, annotator: str, label: str, needle: str) -> Span:
    """Another annotator's span over ``needle`` in the open document, committed through their
    own connection (as their copy of the app or a merge would), then the document shown anew."""
    doc = window.workspace.doc
    assert doc is not None
    start = doc.text.find(needle)
    assert start >= 0, needle
    layer = window.workspace.schema.label(label).layer
    span = make_span(doc, layer, label, start, start + len(needle), annotator)
    theirs = Repository(open_db(window.workspace.location), annotator)
    try:
        theirs.apply(AddSpan(span), annotator)
    finally:
        theirs.db.close()
    window.workspace.reload_document()
    return span


def add_others_relation(
    window: MainWindow, annotator: str, label: str, head: Span, tail: Span
) -> Relation:
    """Another annotator's relation from ``head`` to ``tail``, committed through their own
    connection, then the document shown anew."""
    relation_id = f"{annotator}-{label}-{head.id}"
    relation = Relation(relation_id, head.doc_id, label, head.id, tail.id, annotator)
    theirs = Repository(open_db(window.workspace.location), annotator)
    try:
        theirs.apply(AddRelation(relation), annotator)
    finally:
        theirs.db.close()
    window.workspace.reload_document()
    return relation
