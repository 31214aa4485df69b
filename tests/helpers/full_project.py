"""A project holding one of everything a project can hold, for copies that must lose nothing.

``jakarta`` (emoji text): ana's claim holding her PER and GPE (nested spans, an attribute on
each layer, a note), a located_in relation, ana done and budi in progress, both assigned;
gold's PER and GPE with their relation, a curator's rejection of budi's LOC, one pending
suggestion, kept tokens and a kept web page, document labels, meta and a note. ``empty``: a
document nobody touched, second in the list.
"""

from __future__ import annotations

from annotator.core.edits import AddRelation, AddSpan
from annotator.core.model import Document, Relation, make_span
from annotator.core.suggestion_edits import Suggestion
from annotator.core.team import GOLD
from annotator.core.tokenisation import Tokenisation
from annotator.seed import ensure_project
from annotator.store.backend import Location
from annotator.store.curation import set_decision
from annotator.store.db import open_db
from annotator.store.models import ModelRecord, register_model, store_uncertainty
from annotator.store.page_sources import KeptPage, keep_page
from annotator.store.repository import Repository
from annotator.store.statuses import assign, set_status
from annotator.store.suggestions import insert_suggestions
from annotator.store.tokens import save_tokens

TEXT = "Budi 😀 said Jakarta 👩🏽‍🎨 floods."
"""Two emoji, one of them a five-code-point ZWJ sequence, before and inside the claim."""


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def fill_project(repo: Repository) -> None:
    doc = Document(
        id="jakarta",
        text=TEXT,
        title="Jakarta 😀",
        meta={"source": "wire", "tags": ["flood", "😀"]},
        note="check the date",
        labels={"topic": "health"},
    )
    with repo.transaction():
        repo.add_document(doc)
        repo.add_document(Document(id="empty", text="Nothing here yet."))
    claim = make_span(
        doc, "claim", "CLAIM", 0, len(TEXT), "ana", attrs={"checkworthy": True}, note="big one"
    )
    person = make_span(doc, "entity", "PER", *_at("Budi"), "ana", attrs={"negated": False})
    place = make_span(doc, "entity", "GPE", *_at("Jakarta 👩🏽‍🎨"), "ana")
    for span in (claim, person, place):
        repo.apply(AddSpan(span), "ana")
    located = Relation("r-ana", doc.id, "located_in", person.id, place.id, "ana")
    repo.apply(AddRelation(located), "ana")
    budi_place = make_span(doc, "entity", "LOC", *_at("Jakarta"), "budi")
    repo.apply(AddSpan(budi_place), "budi")
    gold_person = make_span(doc, "entity", "PER", *_at("Budi"), GOLD)
    gold_place = make_span(doc, "entity", "GPE", *_at("Jakarta 👩🏽‍🎨"), GOLD)
    repo.apply(AddSpan(gold_person), "cara")
    repo.apply(AddSpan(gold_place), "cara")
    repo.apply(
        AddRelation(Relation("r-gold", doc.id, "located_in", gold_person.id, gold_place.id, GOLD)),
        "cara",
    )
    start, end = _at("floods")
    with repo.transaction():
        set_decision(repo, doc.id, budi_place.id, "rejected", "cara")
        assign(repo, [(doc.id, "ana"), (doc.id, "budi")])
        set_status(repo, doc.id, "ana", "done")
        set_status(repo, doc.id, "budi", "in_progress")
        set_status(repo, doc.id, GOLD, "done")
        insert_suggestions(
            repo,
            [Suggestion("sg-1", doc.id, "entity", "EVENT", start, end, "floods", "rules", 0.5)],
        )
        save_tokens(repo, doc.id, Tokenisation((0, 7, 12), (4, 11, 19), (0,)))
        keep_page(repo, doc.id, KeptPage(b"<html>\xff Jakarta</html>", "https://x.test/a"))
    card = {"id": "names@20261201-101500.000", "scores": {"overall": {"f": 0.5}}}
    register_model(
        repo,
        ModelRecord(card["id"], "names", "/models/names", "ana", "2026-12-01T10:15:00", card),
    )
    with repo.transaction():
        store_uncertainty(repo, card["id"], "ana", {doc.id: 0.25, "empty": 0.0})


def full_project(location: Location) -> Location:
    """A project at ``location`` (a file or a connection string) holding everything above."""
    repo = Repository(open_db(location))
    ensure_project(repo, with_samples=False)
    fill_project(repo)
    repo.db.close()
    return location
