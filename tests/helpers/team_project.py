"""A project three annotators worked on, for the agreement tests (team, CLI and app).

``d1`` is marked done by ana, budi and citra; ``d2`` by ana and budi (citra's span on it does
not count: she has not finished it); ``d3`` by ana only, so it is never compared.

d1 tokens: Budi | Santoso | visited | Jakarta | and | Acme | Group | today | .

- ana and citra: PER "Budi Santoso", GPE "Jakarta", ORG "Acme Group"
- budi: PER "Budi", GPE "Jakarta", GPE "Acme Group"
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import set_status

D1 = "Budi Santoso visited Jakarta and Acme Group today."
D2 = "Rain in Bandung."
D3 = "Nothing to compare in Surabaya."

D1_TOKENS = {
    "ana": ["PER", "PER", "O", "GPE", "O", "ORG", "ORG", "O", "O"],
    "budi": ["PER", "O", "O", "GPE", "O", "GPE", "GPE", "O", "O"],
    "citra": ["PER", "PER", "O", "GPE", "O", "ORG", "ORG", "O", "O"],
}
"""Each annotator's entity category of each token of d1."""
D2_TOKENS = ["O", "O", "GPE", "O"]
"""ana's and budi's entity category of each token of d2 (Rain | in | Bandung | .)."""

SPANS = {
    "d1": {
        "ana": [("PER", "Budi Santoso"), ("GPE", "Jakarta"), ("ORG", "Acme Group")],
        "budi": [("PER", "Budi"), ("GPE", "Jakarta"), ("GPE", "Acme Group")],
        "citra": [("PER", "Budi Santoso"), ("GPE", "Jakarta"), ("ORG", "Acme Group")],
    },
    "d2": {"ana": [("GPE", "Bandung")], "budi": [("GPE", "Bandung")], "citra": [("LOC", "Rain")]},
    "d3": {"ana": [("GPE", "Surabaya")], "budi": [("LOC", "Surabaya")]},
}
DONE = {"d1": ("ana", "budi", "citra"), "d2": ("ana", "budi"), "d3": ("ana",)}


def build_team_project(path: Path) -> Path:
    """A project file holding only the three documents."""
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    add_team_documents(repo)
    repo.db.close()
    return path


def add_team_documents(repo: Repository) -> None:
    """Add d1, d2 and d3 with the annotators' spans and statuses to ``repo``."""
    texts = {"d1": D1, "d2": D2, "d3": D3}
    with repo.transaction():
        for doc_id, text in texts.items():
            repo.add_document(Document(id=doc_id, text=text, title=f"Title {doc_id}"))
            for who, marks in SPANS[doc_id].items():
                spans = []
                for n, (label, needle) in enumerate(marks):
                    start = text.index(needle)
                    end = start + len(needle)
                    sid = f"{doc_id}-{who}-{n}"
                    spans.append(Span(sid, doc_id, "entity", label, start, end, needle, who))
                repo.add_spans(spans)
            for who in DONE[doc_id]:
                set_status(repo, doc_id, who, "done")
        set_status(repo, "d2", "citra", "in_progress")
