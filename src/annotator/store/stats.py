"""Corpus statistics: what has been annotated, by whom, where, and how far along we are.

Label co-occurrence counts DOCUMENTS in which both labels appear (not overlapping spans):
it answers "which kinds of things are reported together".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from annotator.store.repository import Repository
from annotator.store.statuses import status_sql


@dataclass(frozen=True, slots=True)
class LabelCount:
    layer: str
    label: str
    spans: int
    documents: int


@dataclass(frozen=True, slots=True)
class DocumentCount:
    doc_id: str
    title: str
    status: str
    spans: int


@dataclass
class CorpusStats:
    documents: int = 0
    done: int = 0
    spans: int = 0
    per_status: dict[str, int] = field(default_factory=dict)
    per_label: list[LabelCount] = field(default_factory=list)
    per_layer: dict[str, int] = field(default_factory=dict)
    per_annotator: dict[str, int] = field(default_factory=dict)
    per_document: list[DocumentCount] = field(default_factory=list)
    cooccurrence: list[tuple[str, str, int]] = field(default_factory=list)
    """(label a, label b, number of documents holding both), a < b, most frequent first."""
    without_spans: list[str] = field(default_factory=list)
    pending_suggestions: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cooccurrence"] = [{"a": a, "b": b, "documents": n} for a, b, n in self.cooccurrence]
        data["cooccurrence_basis"] = "documents"
        return data


def corpus_stats(repo: Repository) -> CorpusStats:
    db = repo.db
    stats = CorpusStats()
    stats.per_status = dict(
        db.execute(
            f"SELECT {status_sql('d.id')} AS status, count(*) FROM documents d GROUP BY status",
            [repo.viewer],
        )
    )
    stats.documents = sum(stats.per_status.values())
    stats.done = stats.per_status.get("done", 0)
    stats.spans = int(db.execute("SELECT count(*) FROM spans").fetchone()[0])
    stats.per_label = [
        LabelCount(*row)
        for row in db.execute(
            "SELECT layer, label, count(*), count(DISTINCT doc_id) FROM spans "
            "GROUP BY layer, label ORDER BY count(*) DESC, label"
        )
    ]
    stats.per_layer = dict(
        db.execute("SELECT layer, count(*) FROM spans GROUP BY layer ORDER BY count(*) DESC")
    )
    stats.per_annotator = dict(
        db.execute(
            "SELECT annotator, count(*) FROM spans GROUP BY annotator ORDER BY count(*) DESC"
        )
    )
    stats.per_document = [
        DocumentCount(*row)
        for row in db.execute(
            f"SELECT d.id, d.title, {status_sql('d.id')}, count(s.id) FROM documents d "
            "LEFT JOIN spans s ON s.doc_id = d.id GROUP BY d.id ORDER BY d.position",
            [repo.viewer],
        )
    ]
    stats.without_spans = [d.doc_id for d in stats.per_document if d.spans == 0]
    stats.cooccurrence = [
        (a, b, n)
        for a, b, n in db.execute(
            "WITH pairs AS (SELECT DISTINCT doc_id, label FROM spans) "
            "SELECT x.label, y.label, count(*) FROM pairs x JOIN pairs y "
            "ON x.doc_id = y.doc_id AND x.label < y.label "
            "GROUP BY x.label, y.label ORDER BY count(*) DESC, x.label, y.label"
        )
    ]
    stats.pending_suggestions = int(
        db.execute("SELECT count(*) FROM suggestions WHERE status = 'pending'").fetchone()[0]
    )
    return stats
