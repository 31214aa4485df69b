"""Documents, spans and relations.

Offsets are Unicode code points into ``Document.text``, end-exclusive: ``text[start:end]``
is the span's text, as in Python and spaCy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

DOCUMENT_STATUSES = ("todo", "in_progress", "done", "needs_review")
STATUS_TEXT = {
    "todo": "To do",
    "in_progress": "In progress",
    "done": "Done",
    "needs_review": "Needs review",
}
"""How each document status is written for people (lists, filters, menus)."""


def new_id(prefix: str) -> str:
    """A fresh, globally unique id such as ``s-1f2e...`` (prefix names the kind)."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str = ""
    lang: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    status: str = "todo"
    note: str = ""
    labels: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Span:
    """One annotated stretch of a document's text.

    Treat it as immutable (change it with ``dataclasses.replace``): edits keep the before and
    after values. It is not ``frozen`` only because opening a document builds tens of
    thousands of them and a frozen dataclass constructs about six times slower.
    """

    id: str
    doc_id: str
    layer: str
    label: str
    start: int
    end: int
    text: str
    annotator: str = ""
    created_at: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    origin: str = ""
    """Where the span came from when not made by hand, e.g. ``gazetteer:cities.csv``."""

    def with_label(self, label: str) -> Span:
        return replace(self, label=label)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    doc_id: str
    label: str
    head: str
    tail: str
    annotator: str = ""
    created_at: str = ""


def make_span(
    doc: Document,
    layer: str,
    label: str,
    start: int,
    end: int,
    annotator: str,
    *,
    span_id: str | None = None,
    attrs: dict[str, Any] | None = None,
    note: str = "",
) -> Span:
    """Build a span over ``doc`` with its text taken from the document (never from a view)."""
    return Span(
        id=span_id or new_id("s"),
        doc_id=doc.id,
        layer=layer,
        label=label,
        start=start,
        end=end,
        text=doc.text[start:end],
        annotator=annotator,
        created_at=now_iso(),
        attrs=dict(attrs or {}),
        note=note,
    )
