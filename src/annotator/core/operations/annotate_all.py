"""Annotate all: label every occurrence of a text or pattern, after a preview.

The preview lists each occurrence with its context and, when it cannot be added, why
(a clash with a span of the same layer). Only ticked, clash-free occurrences go into the
Batch, so one ``Repository.apply`` writes them and one inverse removes them all: one undo
step. Existing spans are never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.edits import AddSpan, Batch
from annotator.core.find import PLAIN, FindOptions, compile_query, context, find_pattern
from annotator.core.model import Document, Span, make_span
from annotator.core.schema import Schema

CLASH_IDENTICAL = "already annotated"
CLASH_OVERLAP = "overlaps"


@dataclass(frozen=True, slots=True)
class Occurrence:
    doc_id: str
    start: int
    end: int
    left: str
    match: str
    right: str
    clash: str = ""
    """Empty when the occurrence can be labelled, else a sentence saying why not."""

    @property
    def ok(self) -> bool:
        return not self.clash


def _clash(spans: Sequence[Span], layer: str, label: str, overlap_ok: bool, s: int, e: int) -> str:
    for span in spans:
        if span.layer != layer:
            continue
        if span.start == s and span.end == e and span.label == label:
            return f"{CLASH_IDENTICAL} as {label}"
        if not overlap_ok and span.overlaps(s, e):
            return f"{CLASH_OVERLAP} {span.label} “{span.text[:40]}” ({span.start}..{span.end})"
    return ""


def preview(
    documents: Iterable[tuple[Document, Sequence[Span]]],
    schema: Schema,
    label: str,
    query: str,
    options: FindOptions = PLAIN,
    *,
    width: int = 40,
) -> list[Occurrence]:
    """Every occurrence of ``query`` in ``documents`` (each with its current spans).

    Raises SchemaError for an unknown label and ValidationError for an invalid regex.
    """
    if not query:
        return []
    layer = schema.label(label).layer
    overlap_ok = schema.layer(layer).allow_overlap
    pattern = compile_query(query, options)
    result: list[Occurrence] = []
    for doc, spans in documents:
        for start, end in find_pattern(doc.text, pattern):
            left, match, right = context(doc.text, start, end, width)
            clash = _clash(spans, layer, label, overlap_ok, start, end)
            result.append(Occurrence(doc.id, start, end, left, match, right, clash))
    return result


def build_batch(
    occurrences: Iterable[Occurrence],
    documents: dict[str, Document],
    schema: Schema,
    label: str,
    annotator: str,
) -> Batch:
    """ONE Batch adding a ``label`` span on each clash-free occurrence given.

    Occurrences with a clash are left out (never overwritten); so is one that would overlap
    another occurrence of this batch in a layer where spans may not overlap.
    """
    layer = schema.label(label).layer
    overlap_ok = schema.layer(layer).allow_overlap
    attrs = schema.default_attrs(layer)
    added: dict[str, list[Span]] = {}
    edits: list[AddSpan] = []
    for occ in occurrences:
        if occ.clash:
            continue
        mine = added.setdefault(occ.doc_id, [])
        if _clash(mine, layer, label, overlap_ok, occ.start, occ.end):
            continue
        span = make_span(
            documents[occ.doc_id], layer, label, occ.start, occ.end, annotator, attrs=attrs
        )
        mine.append(span)
        edits.append(AddSpan(span))
    text = edits[0].span.text if edits else ""
    return Batch(tuple(edits), f"annotate all “{text[:30]}” as {label} ({len(edits)})")
