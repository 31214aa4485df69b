"""Edits and their inverses, applied to an in-memory target (no Qt, no SQLite)."""

from copy import deepcopy
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        # Like the database's foreign keys: a span with relations cannot go first.
        assert not [r for r in self.relations.values() if span_id in (r.head, r.tail)]
        del self.spans[span_id]

    def update_span(self, span: Span) -> None:
        assert span.id in self.spans
        self.spans[span.id] = span

    def insert_relation(self, relation: Relation) -> None:
        assert relation.id not in self.relations
        assert relation.head in self.spans and relation.tail in self.spans
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


# Random sequences of edits: each inverse restores the exact state before the edit.

_TEXT = "Baku 😀 accused Yerevan of firing first; 👩🏽‍🎨 e\u0301 said so."
_PROPERTY_DOC = Document(id="d", text=_TEXT)
_LABELS = ("GPE", "LOC", "ORG", "CLAIM")
_STATUSES = ("todo", "in_progress", "done", "needs_review")


def _state(target: MemoryTarget) -> tuple[dict[str, Span], dict[str, Relation], dict[str, Any]]:
    return dict(target.spans), dict(target.relations), deepcopy(target.docs)


def _touching(target: MemoryTarget, span_id: str) -> tuple[Relation, ...]:
    return tuple(r for r in target.relations.values() if span_id in (r.head, r.tail))


def _draw_edit(data: st.DataObject, target: MemoryTarget, batch_allowed: bool = True) -> Edit:
    """One edit that is valid on ``target`` as it is now."""
    kinds = ["add_span", "update_document"]
    if target.spans:
        kinds += ["remove_span", "update_span"]
    if len(target.spans) >= 2:
        kinds.append("add_relation")
    if target.relations:
        kinds.append("remove_relation")
    if batch_allowed:
        kinds.append("batch")
    kind = data.draw(st.sampled_from(kinds))
    if kind == "add_span":
        start = data.draw(st.integers(0, len(_TEXT) - 1))
        end = data.draw(st.integers(start + 1, len(_TEXT)))
        label = data.draw(st.sampled_from(_LABELS))
        span_id = f"s{len(target.spans)}-{start}-{end}-{label}"
        if span_id in target.spans:
            span_id += "x"
        return AddSpan(make_span(_PROPERTY_DOC, "entity", label, start, end, "a", span_id=span_id))
    if kind == "remove_span":
        span = target.spans[data.draw(st.sampled_from(sorted(target.spans)))]
        return RemoveSpan(span, _touching(target, span.id))
    if kind == "update_span":
        span = target.spans[data.draw(st.sampled_from(sorted(target.spans)))]
        changed = data.draw(
            st.sampled_from(
                [
                    replace(span, label=data.draw(st.sampled_from(_LABELS))),
                    replace(span, attrs={"negated": data.draw(st.booleans())}),
                    replace(span, note=data.draw(st.sampled_from(["", "check", "😀"]))),
                ]
            )
        )
        return UpdateSpan(span, changed)
    if kind == "add_relation":
        head, tail = data.draw(
            st.lists(st.sampled_from(sorted(target.spans)), min_size=2, max_size=2, unique=True)
        )
        relation_id = f"r{len(target.relations)}-{head}-{tail}"
        if relation_id in target.relations:
            relation_id += "x"
        return AddRelation(Relation(relation_id, "d", "claimant", head, tail))
    if kind == "remove_relation":
        return RemoveRelation(
            target.relations[data.draw(st.sampled_from(sorted(target.relations)))]
        )
    if kind == "update_document":
        field = data.draw(st.sampled_from(["status", "note", "labels"]))
        value: Any = {
            "status": st.sampled_from(_STATUSES),
            "note": st.sampled_from(["", "later", "😀"]),
            "labels": st.sampled_from([{}, {"topic": "war"}, {"topic": None}]),
        }[field]
        return UpdateDocument("d", {field: target.docs["d"][field]}, {field: data.draw(value)})
    scratch = deepcopy(target)
    edits = []
    for _ in range(data.draw(st.integers(1, 4))):
        edit = _draw_edit(data, scratch, batch_allowed=False)
        edit.apply(scratch)
        edits.append(edit)
    return Batch(tuple(edits), data.draw(st.sampled_from(["annotate all", "accept suggestions"])))


def _property_target() -> MemoryTarget:
    target = MemoryTarget()
    target.docs["d"] = {"status": "todo", "note": "", "labels": {}}
    return target


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_each_inverse_in_a_random_edit_sequence_restores_the_exact_state(
    data: st.DataObject,
) -> None:
    target = _property_target()
    history = []
    for _ in range(data.draw(st.integers(1, 12), label="edits")):
        before = _state(target)
        edit = _draw_edit(data, target)
        edit.apply(target)
        history.append((edit, before, _state(target)))
    for edit, before, after in reversed(history):
        assert _state(target) == after
        edit.inverse().apply(target)
        assert _state(target) == before


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_undo_then_redo_of_a_random_edit_lands_on_the_same_state(data: st.DataObject) -> None:
    target = _property_target()
    for _ in range(data.draw(st.integers(0, 6), label="edits before")):
        _draw_edit(data, target).apply(target)
    edit = _draw_edit(data, target)
    edit.apply(target)
    after = _state(target)
    edit.inverse().apply(target)
    edit.inverse().inverse().apply(target)
    assert _state(target) == after


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_the_inverse_of_the_inverse_is_the_edit_and_both_touch_the_same_things(
    data: st.DataObject,
) -> None:
    target = _property_target()
    for _ in range(data.draw(st.integers(0, 6), label="edits before")):
        _draw_edit(data, target).apply(target)
    edit = _draw_edit(data, target)
    assert edit.inverse().inverse() == edit
    assert edit.inverse().changes() == edit.changes()
    spans, relations, docs = _state(target)
    edit.apply(target)
    changed_spans = {
        i for i in spans.keys() | target.spans.keys() if spans.get(i) != target.spans.get(i)
    }
    changed_relations = {
        i
        for i in relations.keys() | target.relations.keys()
        if relations.get(i) != target.relations.get(i)
    }
    changes = edit.changes()
    assert changed_spans <= changes.span_ids
    assert changed_relations <= changes.relation_ids
    if docs != target.docs:
        assert changes.document_fields and changes.doc_ids == {"d"}


def test_each_edit_logs_a_payload_that_holds_everything_to_replay_it() -> None:
    span_fields = {
        "id": "b",
        "doc_id": "d",
        "layer": "entity",
        "label": "GPE",
        "start": 0,
        "end": 4,
        "text": "Baku",
        "annotator": "a",
        "created_at": BAKU.created_at,
        "attrs": {},
        "note": "",
        "origin": "",
    }
    relation_fields = {
        "id": "r",
        "doc_id": "d",
        "label": "claimant",
        "head": "c",
        "tail": "b",
        "annotator": "",
        "created_at": "",
    }
    assert AddSpan(BAKU, (RELATION,)).payload() == {
        "span": span_fields,
        "relations": [relation_fields],
    }
    assert RemoveSpan(BAKU, (RELATION,)).payload() == {
        "span": span_fields,
        "relations": [relation_fields],
    }
    relabelled = replace(BAKU, label="LOC")
    assert UpdateSpan(BAKU, relabelled).payload() == {
        "before": span_fields,
        "after": {**span_fields, "label": "LOC"},
    }
    assert AddRelation(RELATION).payload() == {"relation": relation_fields}
    assert RemoveRelation(RELATION).payload() == {"relation": relation_fields}
    assert UpdateDocument("d", {"status": "todo"}, {"status": "done"}).payload() == {
        "doc_id": "d",
        "before": {"status": "todo"},
        "after": {"status": "done"},
    }
    assert Batch((AddRelation(RELATION), RemoveRelation(RELATION)), "relink").payload() == {
        "label": "relink",
        "edits": [
            {"kind": "add_relation", "relation": relation_fields},
            {"kind": "remove_relation", "relation": relation_fields},
        ],
    }


def test_each_edit_reports_the_documents_spans_and_relations_it_touches() -> None:
    assert AddSpan(BAKU, (RELATION,)).changes() == Changes(
        frozenset({"d"}), frozenset({"b"}), frozenset({"r"})
    )
    assert RemoveSpan(BAKU).changes() == Changes(frozenset({"d"}), frozenset({"b"}))
    assert UpdateSpan(BAKU, replace(BAKU, label="LOC")).changes() == Changes(
        frozenset({"d"}), frozenset({"b"})
    )
    assert AddRelation(RELATION).changes() == Changes(
        frozenset({"d"}), relation_ids=frozenset({"r"})
    )
    assert RemoveRelation(RELATION).changes() == Changes(
        frozenset({"d"}), relation_ids=frozenset({"r"})
    )
    assert UpdateDocument("e", {"note": ""}, {"note": "x"}).changes() == Changes(
        frozenset({"e"}), document_fields=True
    )
    assert Batch(()).changes() == Changes()


def test_each_edit_kind_is_named_for_the_edit_log() -> None:
    assert [
        e.kind
        for e in (
            AddSpan(BAKU),
            RemoveSpan(BAKU),
            UpdateSpan(BAKU, BAKU),
            AddRelation(RELATION),
            RemoveRelation(RELATION),
            UpdateDocument("d", {}, {}),
            Batch(()),
        )
    ] == [
        "add_span",
        "remove_span",
        "update_span",
        "add_relation",
        "remove_relation",
        "update_document",
        "batch",
    ]
    assert Batch(()).label == "batch"


def test_undoing_an_add_with_relations_removes_them_and_redo_brings_them_back() -> None:
    target = MemoryTarget()
    for edit in (AddSpan(LONG),):
        edit.apply(target)
    add = AddSpan(BAKU, (RELATION,))
    add.apply(target)
    assert target.relations == {"r": RELATION}
    add.inverse().apply(target)
    assert "b" not in target.spans and target.relations == {}
    add.inverse().inverse().apply(target)
    assert target.spans["b"] == BAKU and target.relations == {"r": RELATION}


def test_batch_inverse_names_the_undo_and_undoing_it_gives_the_batch_back() -> None:
    batch = Batch((AddSpan(BAKU), AddSpan(LONG)), "annotate all")
    undo = batch.inverse()
    assert undo == Batch((RemoveSpan(LONG), RemoveSpan(BAKU)), "undo annotate all")
    assert undo.inverse() == batch


@pytest.mark.parametrize(
    ("before", "after", "status_bar"),
    [
        ({"negated": True}, {"negated": False}, "set negated = false on GPE “Baku”"),
        ({}, {"kind": "city"}, "set kind = city on GPE “Baku”"),
        ({"kind": "city", "negated": True}, {}, "set kind = none, negated = none on GPE “Baku”"),
    ],
)
def test_attribute_changes_name_each_new_value(
    before: dict[str, Any], after: dict[str, Any], status_bar: str
) -> None:
    edit = UpdateSpan(replace(BAKU, attrs=before), replace(BAKU, attrs=after))
    assert edit.done_text() == status_bar
    assert edit.describe() == "change attribute"


def test_a_document_label_change_names_the_label_and_its_value() -> None:
    edit = UpdateDocument("d", {"labels": {}}, {"labels": {"topic": "war", "urgent": True}})
    assert edit.done_text() == "document label topic = war, urgent = true"
    unset = UpdateDocument("d", {"labels": None}, {"labels": {"topic": "war"}})
    assert unset.done_text() == "document label topic = war"
    cleared = UpdateDocument("d", {"labels": {"topic": "war"}}, {"labels": None})
    assert cleared.done_text() == "document label topic = none"
    assert UpdateDocument("d", {}, {"status": "needs_review"}).done_text() == (
        "status set to needs review"
    )


def test_texts_are_cut_only_beyond_thirty_or_forty_characters() -> None:
    doc = Document(id="d", text="x" * 30 + " " + "y" * 10 + "z")
    thirty = make_span(doc, "claim", "CLAIM", 0, 30, "a")
    assert AddSpan(thirty).describe() == f"add CLAIM “{'x' * 30}”"
    forty = make_span(doc, "claim", "CLAIM", 0, 41, "a")
    assert len(forty.text) == 41
    shown = "x" * 30 + " " + "y" * 8 + "…"
    assert RemoveSpan(forty).done_text() == f"deleted CLAIM “{shown}”"
    assert AddSpan(forty).done_text() == f"added CLAIM “{shown}”"
    relabel = UpdateSpan(forty, replace(forty, label="QUOTE"))
    assert relabel.done_text() == f"relabelled “{shown}” CLAIM → QUOTE"
    attr = UpdateSpan(forty, replace(forty, attrs={"checkworthy": True}))
    assert attr.done_text() == f"set checkworthy = true on CLAIM “{shown}”"
    note = UpdateSpan(forty, replace(forty, note="why"))
    assert note.done_text() == f"note of CLAIM “{shown}” saved"
    exactly = make_span(doc, "claim", "CLAIM", 1, 41, "a")
    assert AddSpan(exactly).done_text() == f"added CLAIM “{exactly.text}”"
