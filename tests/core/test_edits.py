"""Edits and their inverses, applied to an in-memory target (no Qt, no SQLite)."""

from dataclasses import replace
from typing import Any

import pytest

from annotator.core.edits import (
    AddRelation,
    AddSpan,
    Batch,
    Changes,
    Edit,
    RemoveRelation,
    RemoveSpan,
    UpdateDocument,
    UpdateSpan,
)
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


def test_changes_together_keep_every_field() -> None:
    spans = Changes(frozenset({"d"}), frozenset({"s"}), frozenset({"r"}))
    others = Changes(
        frozenset({"e"}), document_fields=True, suggestion_ids=frozenset({"g"}), schema=True
    )
    assert spans | others == Changes(
        doc_ids=frozenset({"d", "e"}),
        span_ids=frozenset({"s"}),
        relation_ids=frozenset({"r"}),
        document_fields=True,
        suggestion_ids=frozenset({"g"}),
        schema=True,
    )
    assert others | spans == spans | others
    assert Changes() | Changes() == Changes()


BAKU = make_span(DOC, "entity", "GPE", 0, 4, "a", span_id="b")
LONG = make_span(DOC, "claim", "CLAIM", 5, 37, "a", span_id="c", note="check")
RELATION = Relation("r", "d", "claimant", "c", "b")


@pytest.mark.parametrize(
    ("edit", "undo_menu", "status_bar"),
    [
        (AddSpan(BAKU), "add GPE “Baku”", "added GPE “Baku”"),
        (
            RemoveSpan(LONG),
            "delete CLAIM “accused Yerevan of firing fir…”",
            "deleted CLAIM “accused Yerevan of firing first.”",
        ),
        (
            UpdateSpan(BAKU, replace(BAKU, label="LOC")),
            "relabel GPE → LOC",
            "relabelled “Baku” GPE → LOC",
        ),
        (
            UpdateSpan(BAKU, replace(BAKU, attrs={"negated": True, "kind": None})),
            "change attribute",
            "set negated = true on GPE “Baku”",
        ),
        (
            UpdateSpan(LONG, replace(LONG, note="")),
            "edit span note",
            "note of CLAIM “accused Yerevan of firing first.” saved",
        ),
        (UpdateSpan(BAKU, BAKU), "edit span note", "edit span note"),
        (AddRelation(RELATION), "add relation claimant", "added relation claimant"),
        (RemoveRelation(RELATION), "delete relation claimant", "deleted relation claimant"),
        (
            UpdateDocument("d", {"status": "todo"}, {"status": "in_progress"}),
            "change status",
            "status set to in progress",
        ),
        (UpdateDocument("d", {"note": ""}, {"note": "x"}), "change note", "document note saved"),
        (
            UpdateDocument("d", {"labels": {"topic": "war"}}, {"labels": {}}),
            "change labels",
            "document label topic = none",
        ),
        (
            UpdateDocument("d", {"labels": {}}, {"labels": {}}),
            "change labels",
            "change labels",
        ),
        (
            UpdateDocument("d", {"status": "todo", "note": ""}, {"status": "done", "note": "x"}),
            "change note, status",
            "change note, status",
        ),
        (
            Batch((AddSpan(BAKU),), "annotate all “Baku” as GPE (1)"),
            "annotate all “Baku” as GPE (1)",
            "annotate all “Baku” as GPE (1)",
        ),
    ],
)
def test_each_edit_names_itself_for_the_undo_menu_and_the_status_bar(
    edit: Edit, undo_menu: str, status_bar: str
) -> None:
    assert edit.describe() == undo_menu
    assert edit.done_text() == status_bar


def test_long_span_texts_are_shortened_more_in_the_undo_menu_than_in_the_status_bar() -> None:
    text = "Baku accused Yerevan of firing first"
    doc = Document(id="d", text=text + " and again and again.")
    span = make_span(doc, "claim", "CLAIM", 0, len(doc.text), "a")
    assert AddSpan(span).describe() == "add CLAIM “Baku accused Yerevan of firin…”"
    assert AddSpan(span).done_text() == ("added CLAIM “Baku accused Yerevan of firing first an…”")
