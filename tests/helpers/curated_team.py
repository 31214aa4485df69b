"""A small team project for the export choices: one annotator, two, and a curated document."""

from __future__ import annotations

from annotator.core.model import Document, Relation, Span
from annotator.core.team import GOLD
from annotator.store.repository import Repository
from annotator.store.statuses import assign, set_status

TEAM_TEXT = "Budi Santoso 😀 flew to Jakarta 🇮🇩 on Monday."
TEAM_DOCS = ("solo", "mixed", "curated")
MADE_AT = "2026-01-05T10:00:00.000+00:00"


def team_span(doc_id: str, who: str, label: str, needle: str) -> Span:
    start = TEAM_TEXT.index(needle)
    return Span(
        f"{doc_id}-{who.strip('@')}-{label}-{start}",
        doc_id,
        "entity",
        label,
        start,
        start + len(needle),
        needle,
        who,
        MADE_AT,
    )


def add_team_documents(repo: Repository) -> None:
    """``solo``: ana alone (PER Budi Santoso, GPE Jakarta). ``mixed``: ana and budi, who
    disagree on Jakarta (GPE / LOC). ``curated``: ana and budi done, gold holds PER Budi
    Santoso and GPE Jakarta 🇮🇩 joined by located_in, gold status done."""
    with repo.transaction():
        for doc_id in TEAM_DOCS:
            repo.add_document(Document(id=doc_id, text=TEAM_TEXT, title=doc_id))
        repo.add_spans(
            [
                team_span("solo", "ana", "PER", "Budi Santoso"),
                team_span("solo", "ana", "GPE", "Jakarta"),
                team_span("mixed", "ana", "PER", "Budi Santoso"),
                team_span("mixed", "ana", "GPE", "Jakarta"),
                team_span("mixed", "budi", "PER", "Budi Santoso"),
                team_span("mixed", "budi", "LOC", "Jakarta"),
                team_span("curated", "ana", "PER", "Budi"),
                team_span("curated", "budi", "PER", "Budi Santoso"),
                team_span("curated", GOLD, "PER", "Budi Santoso"),
                team_span("curated", GOLD, "GPE", "Jakarta 🇮🇩"),
            ]
        )
        start = TEAM_TEXT.index("Jakarta")
        repo.add_relations(
            [
                Relation(
                    "curated-gold-r1",
                    "curated",
                    "located_in",
                    "curated-gold-PER-0",
                    f"curated-gold-GPE-{start}",
                    GOLD,
                    MADE_AT,
                )
            ]
        )
        assign(repo, [("mixed", "ana"), ("mixed", "budi"), ("curated", "ana")])
        for doc_id, who in [("curated", "ana"), ("curated", "budi"), ("mixed", "ana")]:
            set_status(repo, doc_id, who, "done")
        set_status(repo, "mixed", "budi", "in_progress")
        set_status(repo, "curated", GOLD, "done")
