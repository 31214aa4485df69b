"""Building relation, attribute, note and document edits from the schema, without a database."""

from __future__ import annotations

import pytest

from annotator.assets import default_schema
from annotator.core.attributes import (
    clear_attribute,
    default_attrs_for,
    make_relation,
    parse_attribute_value,
    set_attribute,
    set_document_label,
    set_document_note,
    set_span_note,
)
from annotator.core.edits import RemoveRelation, UpdateDocument, UpdateSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Span, make_span

DOC = Document(id="d", text="Minister 😀 Retno said Jakarta is calm.")


def span(label: str, needle: str) -> Span:
    start = DOC.text.index(needle)
    layer = default_schema().label(label).layer
    return make_span(DOC, layer, label, start, start + len(needle), "ann")


def test_default_attrs_follow_the_layer() -> None:
    schema = default_schema()
    assert default_attrs_for(schema, "CLAIM") == {
        "checkworthy": False,
        "verifiability": "verifiable",
        "polarity": "asserted",
    }
    assert default_attrs_for(schema, "PER") == {"negated": False}
    assert default_attrs_for(schema, "BODY") == {}


def test_relation_allowed_ends_and_refusal_reason() -> None:
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


def test_attribute_values_are_typed_by_the_schema() -> None:
    schema = default_schema()
    claim = span("CLAIM", "Jakarta is calm")
    edit = set_attribute(claim, schema, "verifiability", "contested")
    assert isinstance(edit, UpdateSpan)
    assert edit.after.attrs == {"verifiability": "contested"}
    assert edit.inverse().after == claim  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="takes one of verifiable"):
        set_attribute(claim, schema, "verifiability", "maybe")
    with pytest.raises(ValidationError, match="takes true or false"):
        set_attribute(claim, schema, "checkworthy", "yes")
    with pytest.raises(ValidationError, match="unknown attribute 'negated' on layer 'claim'"):
        set_attribute(claim, schema, "negated", True)
    assert clear_attribute(edit.after, "verifiability").after.attrs == {}


def test_parse_attribute_value() -> None:
    schema = default_schema()
    assert parse_attribute_value(schema.attribute("claim", "checkworthy"), "Yes") is True
    assert parse_attribute_value(schema.attribute("claim", "checkworthy"), "off") is False
    with pytest.raises(ValidationError):
        parse_attribute_value(schema.attribute("claim", "polarity"), "loud")


def test_notes_and_document_labels() -> None:
    schema = default_schema()
    per = span("PER", "Retno")
    assert set_span_note(per, "first name only?").after.note == "first name only?"
    note = set_document_note(DOC, "source unclear 🤔")
    assert note == UpdateDocument("d", {"note": ""}, {"note": "source unclear 🤔"})
    topic = set_document_label(DOC, schema, "topic", "politics")
    assert topic.after == {"labels": {"topic": "politics"}}
    assert topic.inverse().after == {"labels": {}}  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="takes one of conflict"):
        set_document_label(DOC, schema, "topic", "sports")
