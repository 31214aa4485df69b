"""Relation edits built from two spans and the schema, without a database."""

from __future__ import annotations

import pytest

from annotator.assets import default_schema
from annotator.core.edits import AddRelation, RemoveRelation
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Span, make_span
from annotator.core.operations.relations import make_relation, remove_relation

DOC = Document(id="d", text="Minister 😀 Retno said Jakarta is calm.")


def span(label: str, needle: str, doc: Document = DOC) -> Span:
    start = doc.text.index(needle)
    layer = default_schema().label(label).layer
    return make_span(doc, layer, label, start, start + len(needle), "ann")


def test_a_relation_needs_ends_the_schema_allows_and_says_why_not() -> None:
    schema = default_schema()
    claim, per = span("CLAIM", "Jakarta is calm"), span("PER", "Retno")
    edit = make_relation("claimant", claim, per, schema, "ann")
    assert (edit.relation.head, edit.relation.tail) == (claim.id, per.id)
    assert isinstance(edit.inverse(), RemoveRelation)
    assert edit.inverse().inverse() == edit
    with pytest.raises(ValidationError, match="may not start at a PER span; allowed heads"):
        make_relation("claimant", per, claim, schema, "ann")
    with pytest.raises(ValidationError, match="unknown relation type"):
        make_relation("likes", claim, per, schema, "ann")


def test_a_relation_never_joins_spans_of_two_documents() -> None:
    other = Document(id="o", text="Retno again")
    claim, per = span("CLAIM", "Jakarta is calm"), span("PER", "Retno", other)
    with pytest.raises(ValidationError, match="spans of its own document only"):
        make_relation("claimant", claim, per, default_schema(), "ann")


def test_removing_a_relation_is_undone_by_adding_it_back() -> None:
    claim, per = span("CLAIM", "Jakarta is calm"), span("PER", "Retno")
    relation = make_relation("claimant", claim, per, default_schema(), "ann").relation
    edit = remove_relation(relation)
    assert edit == RemoveRelation(relation)
    assert edit.inverse() == AddRelation(relation)


def test_a_new_relation_records_its_document_type_and_annotator() -> None:
    claim, per = span("CLAIM", "Jakarta is calm"), span("PER", "Retno")
    relation = make_relation("claimant", claim, per, default_schema(), "ann").relation
    assert (relation.doc_id, relation.label, relation.annotator) == ("d", "claimant", "ann")
    assert relation.id.startswith("r-") and relation.created_at.endswith("+00:00")
    again = make_relation("claimant", claim, per, default_schema(), "ann").relation
    assert again.id != relation.id


def test_a_relation_between_documents_is_refused_with_the_whole_reason() -> None:
    other = Document(id="o", text="Retno again")
    claim, per = span("CLAIM", "Jakarta is calm"), span("PER", "Retno", other)
    with pytest.raises(ValidationError, match=r"^a relation joins spans of its own document only$"):
        make_relation("claimant", claim, per, default_schema(), "ann")
