"""Suggestion decisions as edits: accept turns a suggestion into a span, reject only marks it.

Deciding many suggestions gives one edit (a Batch), so one undo step takes it all back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.edits import Batch, Edit
from annotator.core.model import Span
from annotator.core.operations.ownership import split_own
from annotator.core.operations.reading import ProjectReader
from annotator.core.suggestion_edits import AcceptSuggestion, RejectSuggestion, Suggestion


@dataclass
class Decision:
    """The edit to apply (None when nothing is left to do) and what was left pending, why."""

    edit: Edit | None
    skipped: list[tuple[Suggestion, str]] = field(default_factory=list)
    count: int = 0


def accept_edit(project: ProjectReader, items: Sequence[Suggestion], annotator: str) -> Decision:
    """One edit accepting ``items``: an AcceptSuggestion, or a Batch of them (one undo step).

    Only the annotator's own spans count (``ownership``): a suggestion identical to one is
    marked accepted without a second span; one that would overlap one in a layer that forbids
    overlaps stays pending and is listed in ``skipped``. Suggestions already decided are left out.
    """
    schema = project.schema()
    spans: dict[str, list[Span]] = {}
    edits: list[Edit] = []
    skipped: list[tuple[Suggestion, str]] = []
    for sug in items:
        if sug.status != "pending":
            continue
        doc_spans = spans.get(sug.doc_id)
        if doc_spans is None:  # others' spans neither clash with nor stand for an accepted one
            doc_spans = spans[sug.doc_id] = split_own(project.spans(sug.doc_id), annotator)[0]
        same = [s for s in doc_spans if s.layer == sug.layer]
        if any(s.start == sug.start and s.end == sug.end and s.label == sug.label for s in same):
            edits.append(AcceptSuggestion(sug, None))
            continue
        if not schema.layer(sug.layer).allow_overlap:
            clash = next((s for s in same if s.overlaps(sug.start, sug.end)), None)
            if clash is not None:
                skipped.append((sug, f"overlaps {clash.label} {clash.start}..{clash.end}"))
                continue
        span = sug.as_span(annotator, schema.default_attrs(sug.layer))
        doc_spans.append(span)
        edits.append(AcceptSuggestion(sug, span))
    return Decision(_one(edits, "accept"), skipped, len(edits))


def reject_edit(items: Sequence[Suggestion]) -> Decision:
    """One edit rejecting the pending suggestions among ``items``."""
    edits: list[Edit] = [RejectSuggestion(s) for s in items if s.status == "pending"]
    return Decision(_one(edits, "reject"), [], len(edits))


def _one(edits: list[Edit], verb: str) -> Edit | None:
    if not edits:
        return None
    if len(edits) == 1:
        return edits[0]
    return Batch(tuple(edits), f"{verb} {len(edits)} suggestions")
