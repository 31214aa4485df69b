"""Every write an edit makes goes through the store's checks: refused writes change nothing and
say why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.edits import (
    AddRelation,
    AddSpan,
    Batch,
    RemoveRelation,
    RemoveSpan,
    UpdateDocument,
    UpdateSpan,
)
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span, make_span
from annotator.core.suggestion_edits import SetSuggestionStatus
from annotator.core.team import GOLD
from annotator.store.repository import Repository
from annotator.store.statuses import status_of
from annotator.store.writer import ValidatingWriter

TEXT = "Baku said Yerevan fired first. Part two follows here."


@pytest.fixture
def doc(repo: Repository) -> Document:
    document = Document(id="d", text=TEXT)
    with repo.transaction():
        repo.add_document(document)
    return document


def _span(doc: Document, label: str, needle: str, layer: str = "entity") -> Span:
    start = doc.text.index(needle)
    return make_span(doc, layer, label, start, start + len(needle), "ann")


def _claim_with_claimant(repo: Repository, doc: Document) -> tuple[Span, Span, Relation]:
    claim = _span(doc, "CLAIM", "Yerevan fired first", "claim")
    baku = _span(doc, "GPE", "Baku")
    relation = Relation("r1", "d", "claimant", claim.id, baku.id)
    repo.apply(Batch((AddSpan(claim), AddSpan(baku), AddRelation(relation))), "ann")
    return claim, baku, relation


def test_a_span_with_relations_cannot_be_deleted_before_them(
    repo: Repository, doc: Document
) -> None:
    _, baku, relation = _claim_with_claimant(repo, doc)
    with pytest.raises(ValidationError, match=r"^the span still has relations; remove them first$"):
        repo.apply(RemoveSpan(baku), "ann")
    assert repo.span(baku.id) == baku and repo.relation("r1") == relation
    repo.apply(RemoveSpan(baku, (relation,)), "ann")
    assert repo.span(baku.id) is None and repo.relation("r1") is None


def test_deleting_what_is_gone_names_the_id(repo: Repository, doc: Document) -> None:
    ghost = _span(doc, "GPE", "Baku")
    with pytest.raises(
        ValidationError, match=rf"^no span with id '{ghost.id}' \(already deleted\?\)$"
    ):
        repo.apply(RemoveSpan(ghost), "ann")
    with pytest.raises(ValidationError, match=r"^no relation with id 'r9' \(already deleted\?\)$"):
        repo.apply(RemoveRelation(Relation("r9", "d", "claimant", "a", "b")), "ann")
    with pytest.raises(ValidationError, match=rf"^no span with id '{ghost.id}' \(deleted\?\)$"):
        repo.apply(UpdateSpan(ghost, ghost.with_label("LOC")), "ann")


def test_relabelling_a_span_with_relations_checks_them_against_the_new_label(
    repo: Repository, doc: Document
) -> None:
    claim, baku, _ = _claim_with_claimant(repo, doc)
    repo.apply(UpdateSpan(baku, baku.with_label("ORG")), "ann")
    assert repo.span(baku.id) == baku.with_label("ORG")
    repo.apply(UpdateSpan(claim, claim.with_label("QUOTE")), "ann")
    assert repo.span(claim.id) == claim.with_label("QUOTE")
    stored = repo.span(baku.id)
    assert stored is not None
    with pytest.raises(
        ValidationError,
        match=r"^relation 'claimant' may not end at a LOC span; allowed tails: PER, ORG, GPE$",
    ):
        repo.apply(UpdateSpan(stored, stored.with_label("LOC")), "ann")
    assert repo.span(baku.id) == stored


def test_an_update_writes_every_field_of_the_span(repo: Repository, doc: Document) -> None:
    claim = _span(doc, "CLAIM", "Yerevan fired first", "claim")
    repo.apply(AddSpan(claim), "ann")
    changed = replace(
        claim,
        label="QUOTE",
        start=claim.start - 5,
        text=TEXT[claim.start - 5 : claim.end],
        attrs={"checkworthy": True},
        note="check",
        origin="model:x",
    )
    repo.apply(UpdateSpan(claim, changed), "ann")
    assert repo.span(claim.id) == changed


def test_an_update_is_checked_like_a_new_span(repo: Repository, doc: Document) -> None:
    lead = make_span(doc, "section", "LEAD", 0, 30, "ann")
    body = make_span(doc, "section", "BODY", 31, len(TEXT), "ann")
    repo.apply(Batch((AddSpan(lead), AddSpan(body))), "ann")
    with pytest.raises(ValidationError, match="section spans may not overlap"):
        repo.apply(UpdateSpan(body, replace(body, start=20, text=TEXT[20:])), "ann")
    touching = replace(body, start=30, text=TEXT[30:])
    repo.apply(UpdateSpan(body, touching), "ann")
    assert repo.span(body.id) == touching


def test_two_annotators_may_each_mark_the_same_section(repo: Repository, doc: Document) -> None:
    ana = make_span(doc, "section", "LEAD", 0, 30, "ana")
    budi = make_span(doc, "section", "BODY", 0, 30, "budi")
    repo.apply(AddSpan(ana), "ana")
    repo.apply(AddSpan(budi), "budi")
    assert {(s.annotator, s.label) for s in repo.spans("d")} == {("ana", "LEAD"), ("budi", "BODY")}
    second = make_span(doc, "section", "BODY", 20, 40, "ana")
    with pytest.raises(ValidationError, match="section spans may not overlap"):
        repo.apply(AddSpan(second), "ana")
    assert len(repo.spans("d")) == 2


def test_an_unattributed_section_clashes_with_the_sections_of_whoever_edits(
    repo: Repository, doc: Document
) -> None:
    imported = make_span(doc, "section", "LEAD", 0, 30, "")
    repo.apply(AddSpan(imported), "")
    with pytest.raises(ValidationError, match="section spans may not overlap"):
        repo.apply(AddSpan(make_span(doc, "section", "BODY", 10, 40, "budi")), "budi")
    repo.apply(AddSpan(make_span(doc, "section", "BODY", 31, 45, "ana")), "ana")
    longer = replace(imported, end=35, text=TEXT[:35])
    with pytest.raises(ValidationError, match="section spans may not overlap"):
        repo.apply(UpdateSpan(imported, longer), "ana")
    repo.apply(UpdateSpan(imported, longer), "budi")
    assert repo.span(imported.id) == longer


def test_a_relation_needs_both_spans_in_its_own_document(repo: Repository, doc: Document) -> None:
    other = Document(id="o", text="Baku again")
    with repo.transaction():
        repo.add_document(other)
    claim = _span(doc, "CLAIM", "Yerevan fired first", "claim")
    baku = make_span(other, "entity", "GPE", 0, 4, "ann")
    repo.apply(Batch((AddSpan(claim), AddSpan(baku))), "ann")
    with pytest.raises(ValidationError, match=r"^a relation joins spans of its own document only$"):
        repo.apply(AddRelation(Relation("r1", "d", "claimant", claim.id, baku.id)), "ann")
    with pytest.raises(
        ValidationError, match=r"^relation 'claimant' tail names a missing span 'zz'$"
    ):
        repo.apply(AddRelation(Relation("r2", "d", "claimant", claim.id, "zz")), "ann")
    assert repo.relations("d") == []


def test_a_document_label_must_be_one_of_its_choices(repo: Repository, doc: Document) -> None:
    with pytest.raises(
        ValidationError,
        match=(
            r"^document label 'topic' takes one of conflict, politics, economy, health, "
            r"science, other$"
        ),
    ):
        repo.apply(UpdateDocument("d", {"labels": {}}, {"labels": {"topic": "sports"}}), "ann")
    assert repo.document("d").labels == {}
    repo.apply(UpdateDocument("d", {"labels": {}}, {"labels": {"topic": None}}), "ann")
    repo.apply(UpdateDocument("d", {"labels": {}}, {"labels": {"topic": "health"}}), "ann")
    assert repo.document("d").labels == {"topic": "health"}
    repo.apply(UpdateDocument("d", {"status": "todo"}, {"status": "done"}), "ann")
    assert status_of(repo, "d", "ann") == "done"
    assert status_of(repo, "d", "budi") == "todo"


def test_suggestion_statuses_are_checked(repo: Repository, doc: Document) -> None:
    with pytest.raises(
        ValidationError,
        match=r"^unknown suggestion status 'maybe'; use one of pending, accepted, rejected$",
    ):
        repo.apply(SetSuggestionStatus("g1", "d", "pending", "maybe"), "ann")
    with pytest.raises(ValidationError, match=r"^no suggestion with id 'g1' \(deleted\?\)$"):
        repo.apply(SetSuggestionStatus("g1", "d", "pending", "accepted"), "ann")


def test_a_batch_over_several_documents_is_logged_under_none_and_one_under_its_document(
    repo: Repository, doc: Document
) -> None:
    other = Document(id="o", text="Baku again")
    with repo.transaction():
        repo.add_document(other)
    both = Batch(
        (AddSpan(_span(doc, "GPE", "Baku")), AddSpan(make_span(other, "entity", "GPE", 0, 4, "a"))),
        "annotate all",
    )
    repo.apply(both, "ann")
    one = Batch((AddSpan(_span(doc, "GPE", "Yerevan")),), "annotate all")
    repo.apply(one, "ann")
    log = repo.edit_log()
    assert [(entry.doc_id, entry.kind, entry.summary, entry.annotator) for entry in log] == [
        ("d", "batch", "annotate all", "ann"),
        (None, "batch", "annotate all", "ann"),
    ]
    assert [entry.kind for entry in repo.edit_log("d")] == ["batch"]
    assert repo.edit_log("o") == []
    assert len(repo.edit_log(limit=1)) == 1


def test_gold_sections_are_checked_against_gold_only(repo: Repository, doc: Document) -> None:
    lead = make_span(doc, "section", "LEAD", 0, 30, "ann")
    repo.apply(AddSpan(lead), "ann")
    gold_lead = make_span(doc, "section", "LEAD", 0, 30, GOLD)
    repo.apply(AddSpan(gold_lead), "cura")
    assert repo.span(gold_lead.id) == gold_lead
    with pytest.raises(ValidationError, match=r"section spans may not overlap: 20\.\.40 overlaps"):
        repo.apply(AddSpan(make_span(doc, "section", "BODY", 20, 40, GOLD)), "cura")
    with pytest.raises(ValidationError, match=r"section spans may not overlap: 10\.\.40 overlaps"):
        repo.apply(AddSpan(make_span(doc, "section", "BODY", 10, 40, "ann")), "ann")


def test_an_unattributed_section_written_by_no_one_is_checked_as_the_viewers(
    repo: Repository, doc: Document
) -> None:
    repo.apply(AddSpan(make_span(doc, "section", "LEAD", 0, 30, "ana")), "ana")
    repo.apply(AddSpan(make_span(doc, "section", "LEAD", 31, 45, "budi")), "budi")
    repo.viewer = "budi"
    with repo.transaction():
        ValidatingWriter(repo).insert_span(make_span(doc, "section", "BODY", 0, 31, ""))
    repo.viewer = "ana"
    clash = r"section spans may not overlap: 30\.\.40 overlaps"
    with pytest.raises(ValidationError, match=clash), repo.transaction():
        ValidatingWriter(repo).insert_span(make_span(doc, "section", "BODY", 30, 40, ""))
    assert len(repo.spans("d")) == 3


def test_sections_that_touch_do_not_overlap(repo: Repository, doc: Document) -> None:
    first = make_span(doc, "section", "LEAD", 0, 30, "ana")
    touching = make_span(doc, "section", "BODY", 30, len(TEXT), "ana")
    repo.apply(Batch((AddSpan(first), AddSpan(touching))), "ana")
    gold_first = make_span(doc, "section", "LEAD", 0, 30, GOLD)
    gold_touching = make_span(doc, "section", "BODY", 30, len(TEXT), GOLD)
    repo.apply(Batch((AddSpan(gold_first), AddSpan(gold_touching))), "cura")
    assert len(repo.spans("d")) == 4


def test_spans_of_an_overlapping_layer_are_not_checked_against_each_other(
    repo: Repository, doc: Document
) -> None:
    repo.apply(AddSpan(_span(doc, "GPE", "Baku said")), "ann")
    repo.apply(AddSpan(_span(doc, "PER", "Baku")), "ann")
    assert [s.label for s in repo.spans("d")] == ["GPE", "PER"]


def test_an_annotators_status_is_written_for_them_and_read_again(
    repo: Repository, doc: Document
) -> None:
    repo.viewer = "ana"
    assert repo.document("d").status == "todo"
    with repo.transaction():
        ValidatingWriter(repo, "lead").set_annotator_status("d", "ana", "done")
    assert repo.document("d").status == "done"
    assert status_of(repo, "d", "lead") == "todo"


def test_a_span_with_a_label_the_schema_lacks_is_refused_by_name(
    repo: Repository, doc: Document
) -> None:
    with pytest.raises(ValidationError, match=r"^unknown label 'CITY'; known labels: PER, "):
        repo.apply(AddSpan(make_span(doc, "entity", "CITY", 0, 4, "ann")), "ann")
    assert repo.spans("d") == []
