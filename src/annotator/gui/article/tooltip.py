"""What hovering a span tells: label, layer, annotator, time, attributes, note, relations."""

from __future__ import annotations

from html import escape

from annotator.core.model import Relation, Span
from annotator.gui.article.span_layout import SpanIndex


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(timestamp: str) -> str:
    """``2026-12-01T12:14:51.976+00:00`` as ``2026-12-01 12:14`` (UTC, as stored)."""
    return timestamp[:16].replace("T", " ") + " UTC" if timestamp else "unknown time"


def span_tooltip(span: Span, relations: list[Relation], index: SpanIndex) -> str:
    """Rich text for the tooltip of ``span``; an attribute never set reads "not set"."""
    lines = [
        f"<b>{escape(span.label)}</b> ({escape(span.layer)}) “{escape(_short(span.text))}”",
        f"by {escape(span.annotator or 'unknown')}, {escape(_when(span.created_at))}",
    ]
    lines += [f"{escape(name)}: {escape(str(value))}" for name, value in sorted(span.attrs.items())]
    if span.note:
        lines.append(f"note: {escape(_short(span.note, 80))}")
    for relation in relations:
        outgoing = relation.head == span.id
        other = index.get(relation.tail if outgoing else relation.head)
        far = f"{other.label} “{_short(other.text, 30)}”" if other else "a missing span"
        arrow = "→" if outgoing else "←"
        lines.append(f"{escape(relation.label)} {arrow} {escape(far)}")
    return "<br>".join(lines)
