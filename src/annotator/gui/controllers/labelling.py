"""What pressing a label's hotkey (or clicking it in the palette) means, as an edit.

Kept free of widgets: the window passes in the selection and gets back the edit to apply, or
the reason nothing can be done. Layer rules are left to the validator in ``Repository.apply``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from annotator.core.attributes import default_attrs_for
from annotator.core.edits import AddSpan, Edit, RemoveSpan, UpdateSpan
from annotator.core.model import Document, Span, make_span
from annotator.core.schema import Schema
from annotator.core.validation import trim_selection
from annotator.store.repository import Repository


class Refusal(str):
    """Why a label could not be applied; shown in the status bar, nothing is written."""

    __slots__ = ()


def label_edit(
    repo: Repository,
    doc: Document,
    label_name: str,
    selection: tuple[int, int],
    selected_span: str | None,
    annotator: str,
    *,
    snap_to_words: bool,
    spans_at: Callable[[int, int], list[Span]],
) -> Edit | Refusal:
    """A new span over the selection, or a relabel of the selected span.

    A selected span is relabelled when there is no text selection (or the selection is the
    span itself); otherwise the selection, trimmed and snapped to words, becomes a new span.
    """
    schema = repo.schema()
    label = schema.label(label_name)
    start, end = selection
    span = repo.span(selected_span) if selected_span else None
    if span is not None and (start == end or (start, end) == (span.start, span.end)):
        return relabel_edit(schema, span, label_name)
    if start == end:
        return Refusal(f"Select some text first, then press {label.name}'s key")
    start, end = trim_selection(doc.text, start, end, snap_to_words)
    if start == end:
        return Refusal("The selection holds only whitespace; nothing to annotate")
    for other in spans_at(start, end):
        if other.label == label.name:
            return Refusal(f"“{other.text}” is already a {label.name}")
    attrs = default_attrs_for(schema, label.name)  # e.g. a CLAIM starts not check-worthy
    span = make_span(doc, label.layer, label.name, start, end, annotator, attrs=attrs)
    return AddSpan(span)


def relabel_edit(schema: Schema, span: Span, label_name: str) -> Edit | Refusal:
    label = schema.label(label_name)
    if span.label == label.name:
        return Refusal(f"“{span.text}” is already a {label.name}")
    # Attributes belong to a layer: moving to another layer starts from that layer's defaults.
    attrs = span.attrs if label.layer == span.layer else default_attrs_for(schema, label.name)
    return UpdateSpan(span, replace(span, label=label.name, layer=label.layer, attrs=attrs))


def delete_edit(repo: Repository, span_id: str) -> Edit | Refusal:
    """Remove a span with the relations that touch it (undo brings both back)."""
    span = repo.span(span_id)
    if span is None:
        return Refusal("That span is already gone")
    return RemoveSpan(span, tuple(repo.relations_of_span(span_id)))
