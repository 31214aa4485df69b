"""What assigning documents reads and writes: the assignments that exist, the annotators a
project knows, the documents a scope selects, and the plan written in one transaction.

A document's *team status*, which ``--status`` and the app's "not yet done" scope select by, is
the furthest any of its annotators got with it (todo < in progress < needs review < done);
gold (``@gold``) does not count, and a document no one has a status for has the project's
status from before statuses were per annotator (the row under the empty name), else todo.
So ``todo`` selects documents nobody has started, and "not yet done" those nobody has marked
done.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.assignment import AssignmentPlan
from annotator.core.errors import ValidationError
from annotator.core.team import GOLD
from annotator.store.repository import Repository
from annotator.store.statuses import (
    DONE,
    NOT_STARTED,
    all_statuses,
    assign,
    check_status,
    set_status,
    status_of,
    statuses,
)

PROGRESS_ORDER = (NOT_STARTED, "in_progress", "needs_review", DONE)
"""How far a status is along, for a document's team status."""


def assignments(repo: Repository) -> dict[str, set[str]]:
    """Document id -> the annotators it is assigned to (documents with none are left out)."""
    found: dict[str, set[str]] = {}
    for doc_id, rows in all_statuses(repo).items():
        names = {name for name, (_status, assigned) in rows.items() if assigned}
        if names:
            found[doc_id] = names
    return found


def team_statuses(repo: Repository) -> dict[str, str]:
    """Document id -> its team status (see the module's docstring), for every document."""
    rows = all_statuses(repo)
    found: dict[str, str] = {}
    for doc_id in repo.document_ids():
        named = [
            status
            for name, (status, _assigned) in rows.get(doc_id, {}).items()
            if name not in ("", GOLD)
        ]
        if not named:
            named = [rows.get(doc_id, {}).get("", (NOT_STARTED, False))[0]]
        found[doc_id] = max(named, key=_progress)
    return found


def _progress(status: str) -> int:
    return PROGRESS_ORDER.index(status) if status in PROGRESS_ORDER else 0


def documents_with_team_status(repo: Repository, status: str) -> list[str]:
    """The documents (in list order) whose team status is ``status``."""
    check_status(status)
    return [doc_id for doc_id, team in team_statuses(repo).items() if team == status]


def documents_not_done(repo: Repository) -> list[str]:
    """The documents (in list order) no annotator has marked done yet."""
    return [doc_id for doc_id, team in team_statuses(repo).items() if team != DONE]


def known_annotators(repo: Repository) -> list[str]:
    """Every person the project has seen: with a status, an assignment or a span, sorted."""
    rows = repo.db.execute(
        "SELECT annotator FROM document_status UNION SELECT annotator FROM spans"
    )
    names = {str(row[0]) for row in rows}
    return sorted(names - {"", GOLD}, key=str.casefold)


def done_by(repo: Repository, doc_id: str) -> tuple[int, int]:
    """(annotators done, annotators with a row) for one document, as ``documents()`` counts
    them: the empty name and gold aside."""
    row = repo.db.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = ?) FROM document_status "
        "WHERE doc_id = ? AND annotator != '' AND annotator != ?",
        [DONE, doc_id, GOLD],
    ).fetchone()
    return int(row[1]), int(row[0])


def check_documents(repo: Repository, doc_ids: Iterable[str]) -> list[str]:
    """``doc_ids`` without repeats, in the given order; ValidationError naming the unknown."""
    wanted = list(dict.fromkeys(doc_ids))
    known = set(repo.document_ids())
    unknown = [doc_id for doc_id in wanted if doc_id not in known]
    if unknown:
        raise ValidationError(f"no document with id {', '.join(map(repr, unknown))}")
    return wanted


def write_plan(repo: Repository, plan: AssignmentPlan) -> int:
    """Write every assignment of ``plan`` in one transaction; returns how many were new.

    An annotator keeps the status they saw before: one who had no row of their own read the
    project's status (the empty name's row), which their new row takes over.
    """
    with repo.transaction():
        for doc_id, name in plan.pairs:
            seen = status_of(repo, doc_id, name)
            if seen != NOT_STARTED and name not in statuses(repo, doc_id):
                set_status(repo, doc_id, name, seen)
        added = assign(repo, plan.pairs)
    for doc_id, _name in plan.pairs:
        repo.forget_document(doc_id)
    return added
