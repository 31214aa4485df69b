"""Looking things up in a schema, and the messages when something is not in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import AttributeDef, LayerDef, Schema
from annotator.core.schema_parse import schema_from_dict, schema_from_toml

SCHEMA = schema_from_toml(
    """
[layers.entity]
style = "background"
[layers.claim]
style = "underline"
[layers.section]
style = "section"

[[labels]]
name = "PER"
layer = "entity"
hotkey = "p"
[[labels]]
name = "GPE"
layer = "entity"
[[labels]]
name = "CLAIM"
layer = "claim"
hotkey = "c"

[[relations]]
name = "claimant"
head = ["CLAIM"]
tail = ["PER", "GPE"]
[[relations]]
name = "about"
head = "CLAIM"
tail = "GPE"

[[attributes]]
name = "checkworthy"
layer = "claim"
type = "bool"
default = false
[[attributes]]
name = "stance"
layer = "claim"
type = "choice"
choices = ["for", "against"]
[[attributes]]
name = "comment"
layer = "claim"
type = "text"
default = "none"

[[doc_labels]]
name = "topic"
choices = ["war", "sport"]
"""
)


def test_lookups_find_what_the_schema_defines() -> None:
    assert SCHEMA.layer("claim").style == "underline"
    assert SCHEMA.label("GPE").layer == "entity"
    assert SCHEMA.has_label("GPE") and not SCHEMA.has_label("ORG")
    assert [label.name for label in SCHEMA.labels_of("entity")] == ["PER", "GPE"]
    assert SCHEMA.labels_of("section") == []
    assert SCHEMA.relation("about").tail == ("GPE",)
    assert [a.name for a in SCHEMA.attributes_of("claim")] == ["checkworthy", "stance", "comment"]
    assert SCHEMA.attribute("claim", "stance").choices == ("for", "against")
    assert SCHEMA.doc_label("topic").choices == ("war", "sport")


def test_a_hotkey_names_its_label_and_an_unused_key_names_none() -> None:
    label = SCHEMA.label_for_hotkey("c")
    assert label is not None and label.name == "CLAIM"
    assert SCHEMA.label_for_hotkey("x") is None
    assert SCHEMA.label_for_hotkey("") is None  # GPE has no hotkey


def test_relations_allowed_between_two_labels_follow_head_and_tail() -> None:
    assert [r.name for r in SCHEMA.relations_allowed("CLAIM", "GPE")] == ["claimant", "about"]
    assert [r.name for r in SCHEMA.relations_allowed("CLAIM", "PER")] == ["claimant"]
    assert SCHEMA.relations_allowed("GPE", "CLAIM") == []


def test_default_attributes_leave_out_attributes_without_a_default() -> None:
    assert SCHEMA.default_attrs("claim") == {"checkworthy": False, "comment": "none"}
    assert SCHEMA.default_attrs("entity") == {}


@pytest.mark.parametrize(
    ("lookup", "message"),
    [
        (
            lambda: SCHEMA.layer("note"),
            r"^unknown layer 'note'; known layers: entity, claim, section$",
        ),
        (lambda: SCHEMA.label("ORG"), r"^unknown label 'ORG'; known labels: PER, GPE, CLAIM$"),
        (
            lambda: SCHEMA.relation("cites"),
            r"^unknown relation type 'cites'; known relation types: claimant, about$",
        ),
        (
            lambda: SCHEMA.attribute("claim", "tone"),
            r"^unknown attribute 'tone' on layer 'claim'; known: checkworthy, stance, comment$",
        ),
        (
            lambda: SCHEMA.attribute("entity", "tone"),
            r"^unknown attribute 'tone' on layer 'entity'; known: none$",
        ),
        (lambda: SCHEMA.doc_label("region"), r"^unknown document label 'region'; known: topic$"),
    ],
)
def test_unknown_names_are_refused_with_the_known_ones(
    lookup: Callable[[], object], message: str
) -> None:
    with pytest.raises(SchemaError, match=message):
        lookup()


def test_a_schema_without_relations_or_document_labels_says_none() -> None:
    bare = Schema(layers=(LayerDef("entity", "background", True),), labels=())
    with pytest.raises(
        SchemaError, match=r"^unknown relation type 'x'; known relation types: none$"
    ):
        bare.relation("x")
    with pytest.raises(SchemaError, match=r"^unknown document label 'x'; known: none$"):
        bare.doc_label("x")


@pytest.mark.parametrize(
    ("attr", "good", "bad", "message"),
    [
        (
            AttributeDef("negated", "entity", "bool"),
            True,
            1,
            r"^attribute 'negated' takes true or false, not 1$",
        ),
        (AttributeDef("note", "entity", "text"), "", 2, r"^attribute 'note' takes text, not 2$"),
        (
            AttributeDef("stance", "claim", "choice", ("for", "against")),
            "against",
            "maybe",
            r"^attribute 'stance' takes one of for, against, not 'maybe'$",
        ),
    ],
)
def test_attribute_values_of_the_wrong_kind_are_refused(
    attr: AttributeDef, good: object, bad: object, message: str
) -> None:
    attr.check_value(good)
    with pytest.raises(SchemaError, match=message):
        attr.check_value(bad)


def test_a_text_attribute_takes_any_text_and_a_bool_no_text() -> None:
    AttributeDef("note", "entity", "text").check_value("anything at all")
    with pytest.raises(SchemaError, match="takes true or false"):
        AttributeDef("negated", "entity", "bool").check_value("true")


def test_to_dict_reads_back_as_the_same_schema_and_leaves_out_empty_fields() -> None:
    data = SCHEMA.to_dict()
    assert schema_from_dict(data) == SCHEMA
    assert data["layers"]["section"] == {"style": "section", "overlap": False, "description": ""}
    assert data["labels"][0] == {
        "name": "PER",
        "layer": "entity",
        "color": "#cccccc",
        "hotkey": "p",
        "description": "",
    }
    assert data["relations"][1] == {
        "name": "about",
        "head": ["CLAIM"],
        "tail": ["GPE"],
        "description": "",
    }
    assert data["attributes"][1] == {
        "name": "stance",
        "layer": "claim",
        "type": "choice",
        "choices": ["for", "against"],
        "description": "",
    }
    assert data["doc_labels"] == [{"name": "topic", "choices": ["war", "sport"], "description": ""}]


def test_renames_are_kept_in_the_dict_until_cleared() -> None:
    data = SCHEMA.to_dict()
    data["labels"][0].update(name="PERSON", renamed_from="PER")
    data["relations"][1].update(name="concerns", renamed_from="about")
    data["relations"][0]["tail"] = ["PERSON", "GPE"]
    renamed = schema_from_dict(data)
    assert renamed.to_dict()["labels"][0]["renamed_from"] == "PER"
    assert renamed.to_dict()["relations"][1]["renamed_from"] == "about"
    cleared = renamed.without_renames()
    assert cleared.label("PERSON").renamed_from == ""
    assert cleared.relation("concerns").renamed_from == ""
    assert "renamed_from" not in cleared.to_dict()["relations"][1]
    assert cleared.label("PERSON").hotkey == "p"
