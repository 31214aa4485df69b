"""Each annotator changes only their own spans and relations: every edit that would touch
another annotator's is refused with a reason naming them, whichever builder made it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from annotator.assets import default_schema
from annotator.core.edits import AddRelation, AddSpan, Batch, Edit, RemoveRelation
from annotator.core.model import Document, Relation, Span, make_span
from annotator.core.operations import Refusal
from annotator.core.operations.ownership import foreign_refusal, owns, split_own
from annotator.core.operations.relations import make_relation, remove_relation
from annotator.core.operations.spans import (
    clear_attribute,
    delete_edit,
    extent_edit,
    move_boundary_edit,
    relabel_edit,
    set_span_note,
)
from annotator.core.schema import Schema
from annotator.core.suggestion_edits import AcceptSuggestion, Suggestion

DOC = Document(id="d", text="😀 Retno said Jakarta is calm 😀")


def span(label: str, needle: str, annotator: str) -> Span:
    start = DOC.text.index(needle)
    layer = default_schema().label(label).layer
    return make_span(DOC, layer, label, start, start + len(needle), annotator)


class Project:
    def __init__(self, spans: list[Span], relations: list[Relation] | None = None) -> None:
        self._spans = {s.id: s for s in spans}
        self._relations = relations or []

    def schema(self) -> Schema:
        return default_schema()

    def span(self, span_id: str) -> Span | None:
        return self._spans.get(span_id)

    def spans(self, doc_id: str) -> list[Span]:
        return [s for s in self._spans.values() if s.doc_id == doc_id]

    def relations_of_span(self, span_id: str) -> list[Relation]:
        return [r for r in self._relations if span_id in (r.head, r.tail)]


BUDI_GPE = span("GPE", "Jakarta", "budi")
ANA_PER = span("PER", "Retno", "ana")
IMPORTED = span("GPE", "😀", "")
PROJECT = Project([BUDI_GPE, ANA_PER, IMPORTED])


def refusal(edit: Edit | Refusal) -> str:
    assert isinstance(edit, Edit)
    found = foreign_refusal(edit, "ana", PROJECT)
    return found.reason if found is not None else ""


def test_own_means_the_annotators_name_or_none() -> None:
    assert owns("ana", "ana") and owns("ana", "")
    assert not owns("ana", "budi") and not owns("ana", "@gold")
    own, others = split_own([IMPORTED, ANA_PER, BUDI_GPE], "ana")
    assert own == [IMPORTED, ANA_PER] and others == [BUDI_GPE]


@pytest.mark.parametrize(
    "build",
    [
        lambda s: relabel_edit(default_schema(), s, "ORG"),
        lambda s: delete_edit(PROJECT, s.id),
        lambda s: move_boundary_edit(DOC, s, "end", -1, False),
        lambda s: move_boundary_edit(DOC, s, "end", 1, True),
        lambda s: extent_edit(DOC, s, s.start - 1, s.end),
        lambda s: clear_attribute(replace(s, attrs={"checked": True}), "checked"),
        lambda s: set_span_note(s, "not a place"),
    ],
    ids=["relabel", "delete", "end", "end by word", "edge drag", "attribute", "note"],
)
def test_every_change_of_another_annotators_span_is_refused_naming_them(
    build: Callable[[Span], Edit | Refusal],
) -> None:
    assert refusal(build(BUDI_GPE)) == (
        "This span is budi's: GPE “Jakarta” can be changed only by budi"
    )
    assert refusal(build(ANA_PER)) == ""


def test_unattributed_spans_are_everyones_own() -> None:
    assert refusal(relabel_edit(default_schema(), IMPORTED, "ORG")) == ""
    assert refusal(delete_edit(PROJECT, IMPORTED.id)) == ""


def test_no_span_is_added_in_another_annotators_name() -> None:
    assert refusal(AddSpan(span("ORG", "calm", "budi"))).startswith("This span is budi's")
    assert refusal(AddSpan(span("ORG", "calm", "ana"))) == ""


def test_a_relation_from_or_to_another_annotators_span_is_refused() -> None:
    schema = default_schema()
    claim = span("CLAIM", "Jakarta is calm", "ana")
    project = Project([BUDI_GPE, ANA_PER, claim])
    edit = make_relation("claimant", claim, BUDI_GPE, schema, "ana")
    found = foreign_refusal(edit, "ana", project)
    assert found == Refusal("“Jakarta” is budi's span: a relation joins only your own spans")
    assert (
        foreign_refusal(make_relation("claimant", claim, ANA_PER, schema, "ana"), "ana", project)
        is None
    )


def test_another_annotators_relation_cannot_be_removed() -> None:
    relation = Relation("r1", "d", "claimant", ANA_PER.id, IMPORTED.id, annotator="budi")
    found = foreign_refusal(remove_relation(relation), "ana", PROJECT)
    assert found == Refusal("This relation is budi's: claimant can be changed only by budi")
    assert (
        foreign_refusal(remove_relation(replace(relation, annotator="ana")), "ana", PROJECT) is None
    )


def test_one_foreign_part_refuses_the_whole_batch() -> None:
    mine = AddSpan(span("ORG", "calm", "ana"))
    batch = Batch((mine, RemoveRelation(Relation("r", "d", "x", "a", "b", "budi"))), "two")
    assert refusal(batch).startswith("This relation is budi's")
    assert refusal(Batch((mine,), "one")) == ""
    assert refusal(AddRelation(Relation("r", "d", "x", "gone", "also gone", "ana"))) == ""


def test_an_accepted_suggestion_becomes_the_annotators_own_span_only() -> None:
    suggestion = Suggestion("g1", "d", "entity", "ORG", 22, 24, "is", "rules")
    assert refusal(AcceptSuggestion(suggestion, suggestion.as_span("ana", {}))) == ""
    assert refusal(AcceptSuggestion(suggestion, suggestion.as_span("budi", {}))).startswith(
        "This span is budi's"
    )
