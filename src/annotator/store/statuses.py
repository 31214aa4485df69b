"""Each annotator's status of each document, and who a document is assigned to.

A document has no status of its own: ``document_status`` holds one row per (document,
annotator) that has either a status other than ``todo`` or an assignment. The status an
annotator sees is their own row's, else the row under the empty name (the project's status
from before statuses were per annotator, see migration 0006), else ``todo``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.core.errors import ValidationError
from annotator.core.model import DOCUMENT_STATUSES, now_iso
from annotator.core.team import GOLD

if TYPE_CHECKING:
    from annotator.store.repository import Repository

DONE = "done"
NOT_STARTED = "todo"


def status_sql(doc_column: str) -> str:
    """The SQL expression of the status one annotator (the first bound ``?``) sees of the
    document whose id is ``doc_column``."""
    return (
        f"coalesce((SELECT status FROM document_status WHERE doc_id = {doc_column} "
        "AND annotator = ?), (SELECT status FROM document_status "
        f"WHERE doc_id = {doc_column} AND annotator = ''), 'todo')"
    )


def check_status(status: object) -> None:
    if status not in DOCUMENT_STATUSES:
        raise ValidationError(
            f"unknown status {status!r}; use one of {', '.join(DOCUMENT_STATUSES)}"
        )


def status_of(repo: Repository, doc_id: str, annotator: str) -> str:
    """The status ``annotator`` sees; gold's is its own row only (the project's status from
    before statuses were per annotator says nothing about curation)."""
    if annotator == GOLD:
        row = repo.db.execute(
            "SELECT coalesce((SELECT status FROM document_status WHERE doc_id = ? "
            "AND annotator = ?), 'todo')",
            [doc_id, GOLD],
        ).fetchone()
    else:
        row = repo.db.execute(f"SELECT {status_sql('?')}", [doc_id, annotator, doc_id]).fetchone()
    return str(row[0])


def set_status(repo: Repository, doc_id: str, annotator: str, status: str) -> None:
    """Write ``annotator``'s status of the document (a row is kept while it is assigned)."""
    check_status(status)
    if not repo.has_document(doc_id):
        raise ValidationError(f"no document with id {doc_id!r}")
    repo.db.execute(
        "INSERT INTO document_status(doc_id, annotator, status, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
        "updated_at = excluded.updated_at",
        [doc_id, annotator, status, now_iso()],
    )


def statuses(repo: Repository, doc_id: str) -> dict[str, str]:
    """Every annotator with a row for the document (the empty name included) -> status."""
    rows = repo.db.execute(
        "SELECT annotator, status FROM document_status WHERE doc_id = ? ORDER BY annotator",
        [doc_id],
    )
    return {str(name): str(status) for name, status in rows}


def all_statuses(repo: Repository) -> dict[str, dict[str, tuple[str, bool]]]:
    """Document id -> annotator -> (status, assigned), for every stored row."""
    found: dict[str, dict[str, tuple[str, bool]]] = {}
    rows = repo.db.execute("SELECT doc_id, annotator, status, assigned FROM document_status")
    for doc_id, annotator, status, assigned in rows:
        found.setdefault(str(doc_id), {})[str(annotator)] = (str(status), bool(assigned))
    return found


def assign(repo: Repository, pairs: Iterable[tuple[str, str]]) -> int:
    """Assign each (document, annotator); their status is kept. Returns how many were new.

    Call inside ``repo.transaction()``.
    """
    added = 0
    for doc_id, annotator in pairs:
        cursor = repo.db.execute(
            "INSERT INTO document_status(doc_id, annotator, status, assigned, updated_at) "
            "VALUES (?, ?, 'todo', 1, ?) ON CONFLICT(doc_id, annotator) DO UPDATE "
            "SET assigned = 1 WHERE document_status.assigned = 0",
            [doc_id, annotator, now_iso()],
        )
        added += cursor.rowcount
    return added


def assignees(repo: Repository, doc_id: str) -> list[str]:
    rows = repo.db.execute(
        "SELECT annotator FROM document_status WHERE doc_id = ? AND assigned = 1 "
        "ORDER BY annotator",
        [doc_id],
    )
    return [str(row[0]) for row in rows]


def has_assignments(repo: Repository, annotator: str) -> bool:
    """Whether ``annotator`` has any assigned document (then their queue holds only those)."""
    row = repo.db.execute(
        "SELECT 1 FROM document_status WHERE annotator = ? AND assigned = 1 LIMIT 1", [annotator]
    ).fetchone()
    return row is not None


def has_others(repo: Repository, annotator: str) -> bool:
    """Whether anyone but ``annotator`` (gold and the empty name aside) has a status or an
    assignment in the project: whether it is worked on by a team."""
    row = repo.db.execute(
        "SELECT 1 FROM document_status WHERE annotator NOT IN ('', ?, ?) LIMIT 1",
        [GOLD, annotator],
    ).fetchone()
    return row is not None


def done_by_all(
    repo: Repository, annotators: Iterable[str], doc_ids: Iterable[str] | None
) -> list[str]:
    """The documents (in list order) every one of ``annotators`` has marked done."""
    names = sorted(set(annotators))
    if not names:
        return []
    marks = ", ".join("?" for _ in names)
    rows = repo.db.execute(
        f"SELECT d.id FROM documents d WHERE (SELECT count(*) FROM document_status s "
        f"WHERE s.doc_id = d.id AND s.status = 'done' AND s.annotator IN ({marks})) = ? "
        "ORDER BY d.position",
        [*names, len(names)],
    )
    found = [str(row[0]) for row in rows]
    if doc_ids is None:
        return found
    wanted = set(doc_ids)
    return [doc_id for doc_id in found if doc_id in wanted]


def put_statuses(
    repo: Repository,
    doc_id: str,
    rows: Iterable[tuple[str, str, bool]],
    *,
    overwrite: bool = True,
) -> int:
    """Write ``(annotator, status, assigned)`` rows of a document as they are, e.g. read
    back from a native export; with ``overwrite`` False the rows the document already has are
    kept. Returns how many rows were written. Call inside ``repo.transaction()``."""
    conflict = (
        "DO UPDATE SET status = excluded.status, assigned = excluded.assigned, "
        "updated_at = excluded.updated_at"
        if overwrite
        else "DO NOTHING"
    )
    written = 0
    for annotator, status, assigned in rows:
        check_status(status)
        cursor = repo.db.execute(
            "INSERT INTO document_status(doc_id, annotator, status, assigned, updated_at) "
            f"VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id, annotator) {conflict}",
            [doc_id, annotator, status, int(assigned), now_iso()],
        )
        written += cursor.rowcount
    return written
