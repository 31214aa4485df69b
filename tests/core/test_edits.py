"""Edits and their inverses, applied to an in-memory target (no Qt, no SQLite)."""

from dataclasses import replace
from typing import Any

from annotator.core.edits import AddRelation, AddSpan, Batch, RemoveSpan, UpdateDocument, UpdateSpan
from annotator.core.model import Document, Relation, Span, make_span

DOC = Document(id="d", text="Baku accused Yerevan of firing first.")


class MemoryTarget:
    def __init__(self) -> None:
        self.spans: dict[str, Span] = {}
        self.relations: dict[str, Relation] = {}
        self.docs: dict[str, dict[str, Any]] = {"d": {"status": "todo"}}

    def insert_span(self, span: Span) -> None:
        assert span.id not in self.spans
        self.spans[span.id] = span

    def delete_span(self, span_id: str) -> None:
        del self.spans[span_id]

    def update_span(self, span: Span) -> None:
        self.spans[span.id] = span

    def insert_relation(self, relation: Relation) -> None:
        self.relations[relation.id] = relation

    def delete_relation(self, relation_id: str) -> None:
        del self.relations[relation_id]

    def update_document(self, doc_id: str, fields: dict[str, Any]) -> None:
        self.docs[doc_id].update(fields)


def test_add_then_inverse_restores_nothing() -> None:
    target = MemoryTarget()
    edit = AddSpan(make_span(DOC, "entity", "GPE", 0, 4, "a"))
    edit.apply(target)
    assert [s.text for s in target.spans.values()] == ["Baku"]
    edit.inverse().apply(target)
    assert target.spans == {}


def test_remove_span_brings_its_relations_back_on_undo() -> None:
    target = MemoryTarget()
    baku = make_span(DOC, "entity", "GPE", 0, 4, "a", span_id="b")
    claim = make_span(DOC, "claim", "CLAIM", 5, 36, "a", span_id="c")
    relation = Relation("r", "d", "claimant", "c", "b")
    for edit in (AddSpan(baku), AddSpan(claim), AddRelation(relation)):
        edit.apply(target)
    remove = RemoveSpan(baku, (relation,))
    remove.apply(target)
    assert "b" not in target.spans and target.relations == {}
    remove.inverse().apply(target)
    assert target.spans["b"] == baku and target.relations["r"] == relation


def test_relabel_inverse_and_description() -> None:
    target = MemoryTarget()
    before = make_span(DOC, "entity", "GPE", 0, 4, "a")
    AddSpan(before).apply(target)
    relabel = UpdateSpan(before, replace(before, label="LOC"))
    relabel.apply(target)
    assert target.spans[before.id].label == "LOC"
    assert relabel.describe() == "relabel GPE → LOC"
    relabel.inverse().apply(target)
    assert target.spans[before.id].label == "GPE"


def test_batch_inverse_undoes_in_reverse_order() -> None:
    target = MemoryTarget()
    a = make_span(DOC, "entity", "GPE", 0, 4, "a")
    b = make_span(DOC, "entity", "GPE", 13, 20, "a")
    batch = Batch((AddSpan(a), AddSpan(b), UpdateSpan(a, replace(a, label="LOC"))), "annotate all")
    batch.apply(target)
    assert {s.label for s in target.spans.values()} == {"LOC", "GPE"}
    assert batch.changes().span_ids == {a.id, b.id}
    batch.inverse().apply(target)
    assert target.spans == {}


def test_document_update_round_trip() -> None:
    target = MemoryTarget()
    edit = UpdateDocument("d", {"status": "todo"}, {"status": "done"})
    edit.apply(target)
    assert target.docs["d"]["status"] == "done"
    edit.inverse().apply(target)
    assert target.docs["d"]["status"] == "todo"
