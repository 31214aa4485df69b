"""Reading suggestions and turning decisions on them into undoable edits.

Decisions are edits (``core.suggestion_edits``) applied with ``Repository.apply``: the span
and the new status are written in one transaction and undone in one step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.edits import Batch, Edit
from annotator.core.errors import ValidationError
from annotator.core.model import Span
from annotator.core.suggestion_edits import AcceptSuggestion, RejectSuggestion, Suggestion
from annotator.store.repository import Repository

SUGGESTION_COLUMNS = (
    'id, doc_id, layer, label, start, "end", text, source, score, status, created_at'
)


def suggestion_from_row(row: Sequence[Any]) -> Suggestion:
    return Suggestion(*row)


def suggestions(
    repo: Repository,
    doc_id: str | None = None,
    label: str | None = None,
    status: str | None = "pending",
) -> list[Suggestion]:
    """Suggestions filtered by document, label and status, in document and text order."""
    where, params = [], []
    for column, value in (("s.doc_id", doc_id), ("s.label", label), ("s.status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    columns = ", ".join(f"s.{c.strip()}" for c in SUGGESTION_COLUMNS.split(","))
    rows = repo.db.execute(
        f"SELECT {columns} FROM suggestions s JOIN documents d ON d.id = s.doc_id {clause} "
        'ORDER BY d.position, s.start, s."end" DESC, s.label, s.id',
        params,
    )
    return [suggestion_from_row(row) for row in rows]


def pending(repo: Repository, doc_id: str) -> list[Suggestion]:
    """The pending suggestions of one document (what the view draws dashed)."""
    return suggestions(repo, doc_id=doc_id)


def insert_suggestions(repo: Repository, items: Iterable[Suggestion]) -> int:
    """Bulk insert; call inside ``repo.transaction()``."""
    rows = [
        (
            s.id,
            s.doc_id,
            s.layer,
            s.label,
            s.start,
            s.end,
            s.text,
            s.source,
            s.score,
            s.status,
            s.created_at,
        )
        for s in items
    ]
    repo.db.conn.executemany(
        f"INSERT INTO suggestions({SUGGESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


@dataclass
class Decision:
    """The edit to apply (None when nothing is left to do) and what was left pending, why."""

    edit: Edit | None
    skipped: list[tuple[Suggestion, str]] = field(default_factory=list)
    count: int = 0


def accept_edit(repo: Repository, items: Sequence[Suggestion], annotator: str) -> Decision:
    """One edit accepting ``items``: an AcceptSuggestion, or a Batch of them (one undo step).

    A suggestion identical to an existing span is marked accepted without a second span;
    one that would overlap a span in a layer that forbids overlaps stays pending and is
    listed in ``skipped``.
    """
    schema = repo.schema()
    spans: dict[str, list[Span]] = {}
    edits: list[Edit] = []
    skipped: list[tuple[Suggestion, str]] = []
    for sug in items:
        if sug.status != "pending":
            continue
        doc_spans = spans.setdefault(sug.doc_id, repo.spans(sug.doc_id))
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
    edits: list[Edit] = [RejectSuggestion(s) for s in items if s.status == "pending"]
    return Decision(_one(edits, "reject"), [], len(edits))


def _one(edits: list[Edit], verb: str) -> Edit | None:
    if not edits:
        return None
    if len(edits) == 1:
        return edits[0]
    return Batch(tuple(edits), f"{verb} {len(edits)} suggestions")


def decide(
    repo: Repository,
    action: str,
    annotator: str,
    *,
    doc_id: str | None = None,
    label: str | None = None,
) -> Decision:
    """Accept or reject every pending suggestion (of a document, of a label) in one edit."""
    if action not in ("accept", "reject"):
        raise ValidationError(f"unknown action {action!r}; use accept or reject")
    items = suggestions(repo, doc_id=doc_id, label=label)
    decision = accept_edit(repo, items, annotator) if action == "accept" else reject_edit(items)
    if decision.edit is not None:
        repo.apply(decision.edit, annotator)
    return decision
