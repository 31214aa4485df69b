"""The curator's decisions on annotators' spans, and a document's gold as curation reads it.

A decision row says that one annotator's span was accepted into gold or rejected while the
document was curated (migration 0007). Edits write decisions through the validating writer
(``set_curation_decision``), in the same transaction as the gold spans they come with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.comparison import DECISIONS
from annotator.core.errors import ValidationError
from annotator.core.model import Relation, Span, now_iso
from annotator.core.team import GOLD
from annotator.store.rows import RELATION_COLUMNS, SPAN_COLUMNS, relation_from_row, span_from_row
from annotator.store.statuses import NOT_STARTED

if TYPE_CHECKING:
    from annotator.store.repository import Repository


def decisions(repo: Repository, doc_id: str) -> dict[str, str]:
    """Annotator's span id -> ``accepted`` or ``rejected``, for the document's decided spans."""
    rows = repo.db.execute(
        "SELECT span_id, decision FROM curation_decisions WHERE doc_id = ?", [doc_id]
    )
    return {str(span_id): str(decision) for span_id, decision in rows}


def decision_rows(repo: Repository, doc_id: str) -> list[tuple[str, str, str]]:
    """(span id, decision, curator) of the document's decisions, by span id."""
    rows = repo.db.execute(
        "SELECT span_id, decision, curator FROM curation_decisions WHERE doc_id = ? "
        "ORDER BY span_id",
        [doc_id],
    )
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def set_decision(
    repo: Repository, doc_id: str, span_id: str, decision: str | None, curator: str
) -> None:
    """Record ``curator``'s decision on the span, or forget it (``None``)."""
    if decision is None:
        repo.db.execute(
            "DELETE FROM curation_decisions WHERE doc_id = ? AND span_id = ?", [doc_id, span_id]
        )
        return
    if decision not in DECISIONS:
        raise ValidationError(
            f"unknown curation decision {decision!r}; use one of {', '.join(DECISIONS)}"
        )
    repo.db.execute(
        "INSERT INTO curation_decisions(doc_id, span_id, decision, curator, decided_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id, span_id) DO UPDATE SET "
        "decision = excluded.decision, curator = excluded.curator, "
        "decided_at = excluded.decided_at",
        [doc_id, span_id, decision, curator, now_iso()],
    )


def gold_spans(repo: Repository, doc_id: str) -> list[Span]:
    rows = repo.db.execute(
        f"SELECT {SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator = ? "
        'ORDER BY start, "end" DESC, id',
        [doc_id, GOLD],
    )
    return [span_from_row(row) for row in rows]


def gold_relations(repo: Repository, doc_id: str) -> list[Relation]:
    rows = repo.db.execute(
        f"SELECT {RELATION_COLUMNS} FROM relations WHERE doc_id = ? AND annotator = ? "
        "ORDER BY rowid",
        [doc_id, GOLD],
    )
    return [relation_from_row(row) for row in rows]


def gold_status(repo: Repository, doc_id: str) -> str:
    """The gold status of the document: its own row only (the project's status under the
    empty name is a person's, not the curator's), else ``todo``."""
    row = repo.db.execute(
        "SELECT status FROM document_status WHERE doc_id = ? AND annotator = ?", [doc_id, GOLD]
    ).fetchone()
    return str(row[0]) if row else NOT_STARTED
