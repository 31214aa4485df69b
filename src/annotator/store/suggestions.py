"""Reading and storing suggestions, and deciding them in the project.

Decisions are edits built by ``core.operations.suggestions`` and applied with
``Repository.apply``: the span and the new status are written in one transaction and undone
in one step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.operations.suggestions import Decision, accept_edit, reject_edit
from annotator.core.suggestion_edits import Suggestion
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


def suggested_keys(repo: Repository, doc_id: str) -> set[tuple[int, int, str]]:
    """``(start, end, label)`` of every suggestion of the document, whatever its status."""
    rows = repo.db.execute('SELECT start, "end", label FROM suggestions WHERE doc_id = ?', [doc_id])
    return {(row[0], row[1], row[2]) for row in rows}


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


def delete_pending_from(repo: Repository, doc_ids: Sequence[str], source_prefix: str) -> int:
    """Delete the pending suggestions of ``doc_ids`` whose source starts with
    ``source_prefix`` (an older version of a model); decided ones stay. Call inside
    ``repo.transaction()``."""
    pattern = source_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    deleted = 0
    for doc_id in doc_ids:
        cursor = repo.db.execute(
            "DELETE FROM suggestions WHERE doc_id = ? AND status = 'pending' "
            "AND source LIKE ? ESCAPE '\\'",
            [doc_id, pattern],
        )
        deleted += max(0, cursor.rowcount)
    return deleted
