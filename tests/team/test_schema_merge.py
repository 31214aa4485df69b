"""The team schema widened by a source's (``team.schema_merge``): new names are added, a name
that means something else in the two is refused naming both sides."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from annotator.assets import default_schema
from annotator.core.schema import AttributeDef, DocLabelDef, LabelDef, LayerDef, RelationTypeDef
from annotator.team.schema_merge import SchemaConflict, widen_schema


def test_the_same_schema_adds_nothing() -> None:
    schema = default_schema()
    widened = widen_schema(schema, schema, "team.db", "ana.db")
    assert widened.schema is schema
    assert widened.added == ()


def test_a_new_layer_its_labels_relations_attributes_and_document_labels_are_added() -> None:
    team = default_schema()
    source = replace(
        team,
        layers=(*team.layers, LayerDef("event", "underline", True)),
        labels=(*team.labels, LabelDef("PROTEST", "event", "#112233", hotkey="z")),
        relations=(*team.relations, RelationTypeDef("held_in", ("PROTEST",), ("GPE",))),
        attributes=(*team.attributes, AttributeDef("violent", "event", "bool")),
        doc_labels=(*team.doc_labels, DocLabelDef("genre", ("news", "opinion"))),
    )

    widened = widen_schema(team, source, "team.db", "ana.db")

    assert widened.added == (
        "layer event",
        "label PROTEST (event)",
        "relation type held_in",
        "attribute violent (event)",
        "document label genre",
    )
    assert widened.schema.label("PROTEST").hotkey == "z"
    assert widened.schema.relation("held_in").tail == ("GPE",)
    assert widened.schema.layer("event").style == "underline"


def test_a_relation_type_with_other_ends_is_refused() -> None:
    team = default_schema()
    narrowed = tuple(
        replace(r, tail=("GPE",)) if r.name == "located_in" else r for r in team.relations
    )
    source = replace(team, relations=narrowed)
    with pytest.raises(
        SchemaConflict,
        match=re.escape(
            "ana.db: relation type 'located_in' joins PER|ORG|GPE|LOC|EVENT -> GPE there but "
            "PER|ORG|GPE|LOC|EVENT -> GPE|LOC in team.db; make them the same, then merge again "
            "(nothing was merged)"
        ),
    ):
        widen_schema(team, source, "team.db", "ana.db")


def test_the_same_ends_in_another_order_are_the_same_relation_type() -> None:
    team = default_schema()
    reordered = tuple(replace(r, tail=tuple(reversed(r.tail))) for r in team.relations)
    assert widen_schema(team, replace(team, relations=reordered), "t", "s").added == ()


def test_an_attribute_of_another_type_is_refused() -> None:
    team = default_schema()
    attributes = tuple(
        replace(a, type="text", choices=()) if a.name == "polarity" else a for a in team.attributes
    )
    with pytest.raises(
        SchemaConflict,
        match=re.escape(
            "ana.db: attribute 'polarity' of layer 'claim' is text there but choice "
            "(asserted, denied, hedged) in team.db"
        ),
    ):
        widen_schema(team, replace(team, attributes=attributes), "team.db", "ana.db")


def test_a_document_label_with_other_choices_is_refused() -> None:
    team = default_schema()
    source = replace(team, doc_labels=(DocLabelDef("topic", ("sport", "other")),))
    with pytest.raises(
        SchemaConflict,
        match=re.escape("ana.db: document label 'topic' has the choices sport, other there but"),
    ):
        widen_schema(team, source, "team.db", "ana.db")
