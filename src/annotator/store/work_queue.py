"""The work queue: how far the corpus is, and which unfinished document comes next.

"Unfinished" means any status but ``done``. Both reads are single indexed queries, cheap
enough to run after every edit (the window's progress line is refreshed that way).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.store.repository import Repository
from annotator.store.statuses import DONE, status_sql


@dataclass(frozen=True)
class CorpusProgress:
    """How many documents are done, and how many spans each label has."""

    documents: int = 0
    done: int = 0
    spans_per_label: dict[str, int] = field(default_factory=dict)
    """Label -> number of spans, most frequent first."""

    @property
    def spans(self) -> int:
        return sum(self.spans_per_label.values())


def corpus_progress(repo: Repository) -> CorpusProgress:
    documents, done = repo.db.execute(
        f"SELECT count(*), coalesce(sum({status_sql('d.id')} = ?), 0) FROM documents d",
        [repo.viewer, DONE],
    ).fetchone()
    per_label = dict(
        repo.db.execute(
            "SELECT label, count(*) FROM spans GROUP BY label ORDER BY count(*) DESC, label"
        )
    )
    return CorpusProgress(int(documents), int(done), per_label)


def neighbour_unfinished(repo: Repository, current: str | None, step: int) -> str | None:
    """The next (``step`` > 0) or previous unfinished document in list order, wrapping round.

    ``current`` itself is returned only when it is the one unfinished document left; None when
    every document is done.
    """
    position = None
    if current is not None:
        row = repo.db.execute("SELECT position FROM documents WHERE id = ?", [current]).fetchone()
        position = row[0] if row else None
    forward = step > 0
    order = "ASC" if forward else "DESC"
    query = (
        f"SELECT d.id FROM documents d WHERE {status_sql('d.id')} != ? {{where}} "
        f"ORDER BY d.position {order} LIMIT 1"
    )
    if position is not None:
        beyond = "AND d.position > ?" if forward else "AND d.position < ?"
        row = repo.db.execute(query.format(where=beyond), [repo.viewer, DONE, position]).fetchone()
        if row:
            return str(row[0])
    row = repo.db.execute(query.format(where=""), [repo.viewer, DONE]).fetchone()
    return str(row[0]) if row else None
