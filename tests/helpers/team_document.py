"""A document three annotators (ana, budi, citra) marked differently, for comparison and
curation tests.

Readings, in document order:
1. "Joko Widodo" PER by all three (unanimous: not a difference)
2. "Prabowo Subianto" PER by ana and budi (ana's with a note), ORG by citra
3. "Jakarta" GPE by ana and budi, nothing by citra
4. "Monday" DATE by citra only
ana and budi each relate Prabowo to Jakarta with ``located_in``.
"""

from __future__ import annotations

from annotator.core.model import Document, Relation, Span, make_span
from annotator.store.repository import Repository

TEAM_TEXT = "President Joko Widodo met Prabowo Subianto in Jakarta on Monday."
TEAM_DOC = "team"
ANNOTATORS = ("ana", "budi", "citra")
READINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Joko Widodo", "PER", ANNOTATORS),
    ("Prabowo Subianto", "PER", ("ana", "budi")),
    ("Prabowo Subianto", "ORG", ("citra",)),
    ("Jakarta", "GPE", ("ana", "budi")),
    ("Monday", "DATE", ("citra",)),
)


def team_spans(doc: Document) -> list[Span]:
    spans = []
    for needle, label, names in READINGS:
        start = doc.text.index(needle)
        for name in names:
            note = "former general" if (name, needle) == ("ana", "Prabowo Subianto") else ""
            spans.append(
                make_span(
                    doc,
                    "entity",
                    label,
                    start,
                    start + len(needle),
                    name,
                    span_id=f"{name}-{label}-{start}",
                    note=note,
                )
            )
    return spans


def team_relations(doc: Document) -> list[Relation]:
    prabowo, jakarta = doc.text.index("Prabowo"), doc.text.index("Jakarta")
    return [
        Relation(
            f"{name}-located",
            doc.id,
            "located_in",
            f"{name}-PER-{prabowo}",
            f"{name}-GPE-{jakarta}",
            name,
        )
        for name in ("ana", "budi")
    ]


def add_team_document(repo: Repository) -> Document:
    """Store the team document with everyone's spans and relations, as a merge would."""
    doc = Document(id=TEAM_DOC, text=TEAM_TEXT, title="Team")
    with repo.transaction():
        repo.add_document(doc)
        repo.add_spans(team_spans(doc))
        repo.add_relations(team_relations(doc))
    return doc
