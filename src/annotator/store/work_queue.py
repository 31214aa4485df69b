"""The work queue: how far the corpus is, and which unfinished document comes next.

"Unfinished" means any status but ``done``. Both reads are single indexed queries, cheap
enough to run after every edit (the window's progress line is refreshed that way).

An annotator with assigned documents has a queue of those only: the list, the progress and
the next unfinished document leave the others out. Without assignments the queue is the
whole corpus.

The queue has an order (``QueueOrder``): the list's own, the model's uncertainty (highest
first: what the model is least sure of comes next; documents it has not scored follow in list
order), or random (seeded and stable: a document's place depends only on the seed and its
id, so new documents do not reshuffle the others). Next and previous unfinished follow it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from annotator.store.models import document_uncertainty, latest_scoring_model
from annotator.store.repository import Repository
from annotator.store.statuses import DONE, has_assignments, status_sql

ASSIGNED = "d.id IN (SELECT doc_id FROM document_status WHERE annotator = ? AND assigned = 1)"
"""Restricts ``FROM documents d`` to the documents assigned to the bound annotator."""


@dataclass(frozen=True)
class CorpusProgress:
    """How many documents are done, and how many spans each label has."""

    documents: int = 0
    done: int = 0
    spans_per_label: dict[str, int] = field(default_factory=dict)
    """Label -> number of spans, most frequent first."""
    assigned: bool = False
    """The figures cover only the documents assigned to the viewer."""

    @property
    def spans(self) -> int:
        return sum(self.spans_per_label.values())


LIST_ORDER = "list"
UNCERTAINTY_ORDER = "uncertainty"
RANDOM_ORDER = "random"
QUEUE_ORDERS = (LIST_ORDER, UNCERTAINTY_ORDER, RANDOM_ORDER)


@dataclass(frozen=True)
class QueueOrder:
    """How the queue is ordered."""

    kind: str = LIST_ORDER
    """One of ``QUEUE_ORDERS``."""
    seed: int = 0
    """For the random order."""
    model_id: str | None = None
    """Whose uncertainty orders the queue; None: the model that scored documents last."""


def queue_uncertainty(repo: Repository, model_id: str | None = None) -> dict[str, float]:
    """Document id -> uncertainty, by ``model_id`` or else the latest scoring model (empty
    when no model has scored documents)."""
    chosen = model_id if model_id is not None else latest_scoring_model(repo)
    return {} if chosen is None else document_uncertainty(repo, chosen)


def random_key(seed: int, doc_id: str) -> bytes:
    """A document's place in the random order: the same for a seed and id on every run."""
    return hashlib.sha256(f"{seed}\x00{doc_id}".encode()).digest()


def ordered_queue(
    repo: Repository, order: QueueOrder, uncertainty: dict[str, float] | None = None
) -> list[str]:
    """The viewer's queue in ``order`` (``uncertainty``: the scores, when already read)."""
    return order_documents(repo, queue_document_ids(repo), order, uncertainty)


def order_documents(
    repo: Repository,
    ids: list[str],
    order: QueueOrder,
    uncertainty: dict[str, float] | None = None,
) -> list[str]:
    """``ids`` (in list order) in ``order``."""
    if order.kind == RANDOM_ORDER:
        return sorted(ids, key=lambda doc_id: random_key(order.seed, doc_id))
    if order.kind == UNCERTAINTY_ORDER:
        scores = queue_uncertainty(repo, order.model_id) if uncertainty is None else uncertainty
        scored = sorted((doc_id for doc_id in ids if doc_id in scores), key=lambda d: -scores[d])
        return scored + [doc_id for doc_id in ids if doc_id not in scores]
    return list(ids)


def unfinished_ids(repo: Repository) -> set[str]:
    """The documents the viewer has not marked done."""
    rows = repo.db.execute(
        f"SELECT d.id FROM documents d WHERE {status_sql('d.id')} != ?", [repo.viewer, DONE]
    )
    return {str(row[0]) for row in rows}


def queue_document_ids(repo: Repository) -> list[str]:
    """The documents of the viewer's queue in list order: their assigned ones, else all."""
    if not has_assignments(repo, repo.viewer):
        return repo.document_ids()
    rows = repo.db.execute(
        f"SELECT d.id FROM documents d WHERE {ASSIGNED} ORDER BY d.position", [repo.viewer]
    )
    return [str(row[0]) for row in rows]


def corpus_progress(repo: Repository) -> CorpusProgress:
    """Runs after every edit, so the done count reads the status rows through their index
    (annotator, status) instead of working out each document's status."""
    assigned = has_assignments(repo, repo.viewer)
    where, params = (f"WHERE {ASSIGNED}", [repo.viewer]) if assigned else ("", [])
    documents = repo.db.execute(f"SELECT count(*) FROM documents d {where}", params).fetchone()[0]
    if assigned:  # the viewer's own rows decide: each assigned document has one
        done_sql = (
            "SELECT count(*) FROM document_status "
            "WHERE annotator = :who AND status = :done AND assigned = 1"
        )
    else:  # the viewer's done rows, and the project's where the viewer has no row
        done_sql = (
            "SELECT (SELECT count(*) FROM document_status "
            "WHERE annotator = :who AND status = :done) + (SELECT count(*) FROM document_status n "
            "WHERE n.annotator = '' AND n.status = :done AND NOT EXISTS (SELECT 1 FROM "
            "document_status o WHERE o.doc_id = n.doc_id AND o.annotator = :who))"
        )
    done = repo.db.execute(done_sql, {"who": repo.viewer, "done": DONE}).fetchone()[0]
    spans_where = f"WHERE s.doc_id IN (SELECT d.id FROM documents d {where})" if assigned else ""
    per_label = dict(
        repo.db.execute(
            f"SELECT s.label, count(*) FROM spans s {spans_where} "
            "GROUP BY s.label ORDER BY count(*) DESC, s.label",
            params,
        )
    )
    return CorpusProgress(int(documents), int(done), per_label, assigned)


def neighbour_unfinished(
    repo: Repository, current: str | None, step: int, order: QueueOrder | None = None
) -> str | None:
    """The next (``step`` > 0) or previous unfinished document in the queue's ``order``
    (default: list order), wrapping round.

    ``current`` itself is returned only when it is the one unfinished document left; None when
    every document is done. An annotator with assignments steps through those only.
    """
    if order is not None and order.kind != LIST_ORDER:
        return _neighbour_in(ordered_queue(repo, order), unfinished_ids(repo), current, step)
    position = None
    if current is not None:
        row = repo.db.execute("SELECT position FROM documents WHERE id = ?", [current]).fetchone()
        position = row[0] if row else None
    forward = step > 0
    direction = "ASC" if forward else "DESC"
    mine, params = "", [repo.viewer, DONE]
    if has_assignments(repo, repo.viewer):
        mine = f"AND {ASSIGNED}"
        params.append(repo.viewer)
    query = (
        f"SELECT d.id FROM documents d WHERE {status_sql('d.id')} != ? {mine} {{where}} "
        f"ORDER BY d.position {direction} LIMIT 1"
    )
    if position is not None:
        beyond = "AND d.position > ?" if forward else "AND d.position < ?"
        row = repo.db.execute(query.format(where=beyond), [*params, position]).fetchone()
        if row:
            return str(row[0])
    row = repo.db.execute(query.format(where=""), params).fetchone()
    return str(row[0]) if row else None


def _neighbour_in(
    ids: list[str], unfinished: set[str], current: str | None, step: int
) -> str | None:
    """The first unfinished document after (before, ``step`` < 0) ``current`` in ``ids``,
    wrapping round; from the start (end) when ``current`` is not among them."""
    if step < 0:
        ids = ids[::-1]
    start = ids.index(current) + 1 if current in ids else 0
    for doc_id in ids[start:] + ids[:start]:
        if doc_id in unfinished:
            return doc_id
    return None
