"""What a schema change touches, counted through a stand-in for the store, and how the plan
reads for a person and for the edit log."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pytest

from annotator.core.schema import AttributeDef, DocLabelDef
from annotator.core.schema_change import diff_schemas
from annotator.core.schema_parse import schema_from_toml
from annotator.core.schema_plan import (
    SchemaChangeRefused,
    SchemaPlan,
    Use,
    ValueCheck,
    assess,
    repaired_attr_value,
)

OLD_SOURCE = """
[layers.entity]
style = "background"
[layers.claim]
style = "underline"
[layers.section]
style = "section"
overlap = true
[layers.topic]
style = "background"

[[labels]]
name = "PER"
layer = "entity"
[[labels]]
name = "ORG"
layer = "entity"
[[labels]]
name = "GPE"
layer = "entity"
[[labels]]
name = "MISC"
layer = "entity"
[[labels]]
name = "CLAIM"
layer = "claim"
[[labels]]
name = "BODY"
layer = "section"

[[relations]]
name = "claimant"
head = ["CLAIM"]
tail = ["PER", "ORG"]
[[relations]]
name = "about"
head = ["CLAIM"]
tail = ["GPE", "MISC"]
[[relations]]
name = "cites"
head = ["CLAIM"]
tail = ["CLAIM"]

[[attributes]]
name = "checkworthy"
layer = "claim"
type = "bool"
[[attributes]]
name = "polarity"
layer = "claim"
type = "choice"
choices = ["asserted", "denied"]

[[doc_labels]]
name = "topic"
choices = ["war", "sport"]
[[doc_labels]]
name = "region"
choices = ["asia"]
"""
OLD = schema_from_toml(OLD_SOURCE)

NEW = schema_from_toml(
    """
[layers.entity]
style = "background"
[layers.claim]
style = "background"
[layers.section]
style = "section"
overlap = false
[layers.note]
style = "underline"

[[labels]]
name = "PERSON"
layer = "entity"
renamed_from = "PER"
[[labels]]
name = "ORG"
layer = "entity"
color = "#123456"
[[labels]]
name = "GPE"
layer = "claim"
[[labels]]
name = "CLAIM"
layer = "claim"
[[labels]]
name = "BODY"
layer = "section"
[[labels]]
name = "LAW"
layer = "entity"

[[relations]]
name = "said_by"
head = ["CLAIM"]
tail = ["PERSON"]
renamed_from = "claimant"
[[relations]]
name = "about"
head = ["CLAIM"]
tail = ["GPE"]
[[relations]]
name = "under"
head = ["CLAIM"]
tail = ["LAW"]

[[attributes]]
name = "polarity"
layer = "claim"
type = "choice"
choices = ["asserted"]
default = "asserted"
[[attributes]]
name = "sarcastic"
layer = "claim"
type = "bool"

[[doc_labels]]
name = "topic"
choices = ["war"]
[[doc_labels]]
name = "genre"
choices = ["news"]
"""
)


class RecordingCounter:
    """Counts from a table and a record of what was asked, to check the old names are used."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.asked: list[tuple[Any, ...]] = []
        self.checks: dict[str, ValueCheck] = {}

    def spans_with_label(self, label: str) -> int:
        self.asked.append(("spans_with_label", label))
        return self.counts.get(label, 0)

    def relations_of_type(self, name: str) -> int:
        self.asked.append(("relations_of_type", name))
        return self.counts.get(f"rel.{name}", 0)

    def relations_touching(self, labels: Collection[str]) -> int:
        self.asked.append(("relations_touching", tuple(labels)))
        return self.counts.get("touching", 0)

    def relations_outside(self, name: str, heads: Collection[str], tails: Collection[str]) -> int:
        self.asked.append(("relations_outside", name, tuple(heads), tuple(tails)))
        return self.counts.get(f"outside.{name}", 0)

    def spans_with_attr(self, layer: str, name: str, valid: ValueCheck | None = None) -> int:
        self.asked.append(("spans_with_attr", layer, name, valid is not None))
        if valid is not None:
            self.checks[f"{layer}.{name}"] = valid
        return self.counts.get(f"{layer}.{name}", 0)

    def documents_with_label(self, name: str, valid: ValueCheck | None = None) -> int:
        self.asked.append(("documents_with_label", name, valid is not None))
        if valid is not None:
            self.checks[f"doc.{name}"] = valid
        return self.counts.get(f"doc.{name}", 0)

    def overlapping_spans(self, layer: str) -> int:
        self.asked.append(("overlapping_spans", layer))
        return self.counts.get(f"overlap.{layer}", 0)


COUNTS = {
    "PER": 4,
    "MISC": 1,
    "GPE": 3,
    "touching": 2,
    "rel.claimant": 5,
    "rel.cites": 1,
    "outside.claimant": 2,
    "claim.checkworthy": 7,
    "claim.polarity": 1,
    "doc.region": 2,
    "doc.topic": 1,
    "overlap.section": 2,
}


def test_every_kind_of_change_is_found() -> None:
    change = diff_schemas(OLD, NEW)
    assert change.added_layers == ("note",)
    assert change.removed_layers == ("topic",)
    assert change.tightened_layers == ("section",)
    assert change.restyled_layers == ("claim",)
    assert change.added_labels == ("LAW",)
    assert change.renamed_labels == (("PER", "PERSON"),)
    assert change.removed_labels == ("MISC",)
    assert change.moved_labels == (("GPE", "entity", "claim"),)
    assert change.restyled_labels == ("ORG",)
    assert change.added_relations == ("under",)
    assert change.renamed_relations == (("claimant", "said_by"),)
    assert change.removed_relations == ("cites",)
    assert change.narrowed_relations == ("said_by",)
    assert change.added_attributes == (("claim", "sarcastic"),)
    assert change.removed_attributes == (("claim", "checkworthy"),)
    assert change.retyped_attributes == (("claim", "polarity"),)
    assert change.added_doc_labels == ("genre",)
    assert change.removed_doc_labels == ("region",)
    assert change.rechoiced_doc_labels == ("topic",)
    assert not change.is_empty()


def test_counts_are_asked_in_the_old_schemas_names() -> None:
    counter = RecordingCounter(COUNTS)
    assess(diff_schemas(OLD, NEW), counter)
    assert counter.asked == [
        ("spans_with_label", "PER"),
        ("relations_of_type", "claimant"),
        ("spans_with_label", "MISC"),
        ("relations_touching", ("MISC",)),
        ("relations_of_type", "cites"),
        ("relations_outside", "claimant", ("CLAIM", "MISC"), ("PER", "MISC")),
        ("spans_with_attr", "claim", "checkworthy", False),
        ("spans_with_attr", "claim", "polarity", True),
        ("documents_with_label", "region", False),
        ("documents_with_label", "topic", True),
        ("spans_with_label", "GPE"),
        ("overlapping_spans", "section"),
    ]
    polarity, topic = counter.checks["claim.polarity"], counter.checks["doc.topic"]
    assert polarity("asserted") and not polarity("denied")
    assert topic("war") and topic(None) and not topic("sport")


def test_the_plan_reads_as_sections_with_counts() -> None:
    plan = assess(diff_schemas(OLD, NEW), RecordingCounter(COUNTS))
    assert plan.lines() == [
        "added:",
        "  layer note",
        "  label LAW",
        "  relation type under",
        "  attribute claim.sarcastic",
        "  document label genre",
        "renamed:",
        "  label PER → PERSON (4 spans)",
        "  relation type claimant → said_by (5 relations)",
        "changed:",
        "  layer claim (style)",
        "  label ORG (colour, hotkey or description)",
        "  relation type said_by (allowed ends)",
        "  attribute claim.polarity (type, choices or default)",
        "  document label topic (choices)",
        "  label GPE moves from layer entity to claim",
        "  layer section forbids overlap",
        "removed:",
        "  layer topic",
        "  label MISC (1 span)",
        "  relation type cites (1 relation)",
        "  attribute claim.checkworthy (7 spans)",
        "  document label region (2 documents)",
        "affected annotations:",
        "  relation type said_by no longer allows the ends of 2 relations",
        "  attribute claim.polarity has a value its new definition refuses on 1 span",
        "  document label topic has a value no longer allowed on 1 document",
        "  label GPE is used by 3 spans; it cannot change layer while in use "
        "(add a new label instead)",
        "  layer section would forbid overlap, but 2 spans overlap another span of the layer; "
        "fix them first",
    ]


def test_refusals_say_what_would_be_deleted_and_which_need_force() -> None:
    plan = assess(diff_schemas(OLD, NEW), RecordingCounter(COUNTS))
    with pytest.raises(SchemaChangeRefused) as refused:
        plan.check(force=False)
    assert str(refused.value).split("; pass --force to delete them; ") == [
        "label MISC is used by 1 span and 2 relations",
        "relation type cites is used by 1 relation",
        "relation type said_by no longer allows the ends of 2 relations",
        "attribute claim.checkworthy is set on 7 spans",
        "attribute claim.polarity has a value its new definition refuses on 1 span",
        "document label region is set on 2 documents",
        "document label topic has a value no longer allowed on 1 document",
        "label GPE is used by 3 spans; it cannot change layer while in use (add a new label "
        "instead); layer section would forbid overlap, but 2 spans overlap another span of the "
        "layer; fix them first",
    ]
    assert refused.value.plan is plan
    with pytest.raises(SchemaChangeRefused) as forced:
        plan.check(force=True)
    assert [use.action for use in plan.refusals(force=True)] == ["move_label", "tighten_layer"]
    assert str(forced.value) == (
        "label GPE is used by 3 spans; it cannot change layer while in use (add a new label "
        "instead); layer section would forbid overlap, but 2 spans overlap another span of the "
        "layer; fix them first"
    )


def test_renames_alone_and_unused_removals_go_ahead_without_force() -> None:
    counts = {"PER": 4, "rel.claimant": 5}
    plan = assess(diff_schemas(OLD, NEW), RecordingCounter(counts))
    assert [use.action for use in plan.refusals(force=False)] == []
    plan.check(force=False)
    assert "  label MISC (0 spans)" in plan.lines()


def test_the_edit_log_gets_every_part_and_only_the_uses_that_count() -> None:
    plan = assess(diff_schemas(OLD, NEW), RecordingCounter(COUNTS | {"touching": 0}))
    logged = plan.to_dict()
    assert logged["added"] == {
        "layers": ["note"],
        "labels": ["LAW"],
        "relations": ["under"],
        "attributes": ["claim.sarcastic"],
        "doc_labels": ["genre"],
    }
    assert logged["renamed"] == {
        "labels": [["PER", "PERSON"]],
        "relations": [["claimant", "said_by"]],
    }
    assert logged["removed"] == {
        "layers": ["topic"],
        "labels": ["MISC"],
        "relations": ["cites"],
        "attributes": ["claim.checkworthy"],
        "doc_labels": ["region"],
    }
    assert logged["changed"] == {
        "layers": ["claim"],
        "labels": ["ORG"],
        "moved_labels": [["GPE", "entity", "claim"]],
        "relations": ["said_by"],
        "attributes": ["claim.polarity"],
        "doc_labels": ["topic"],
        "tightened_layers": ["section"],
    }
    assert logged["uses"][0] == {
        "action": "rename_label",
        "subject": "PER",
        "count": 4,
        "unit": "span",
        "relations": 0,
    }
    assert [u["action"] for u in logged["uses"]] == [
        "rename_label",
        "rename_relation",
        "remove_label",
        "remove_relation",
        "prune_relation",
        "remove_attribute",
        "reset_attribute",
        "remove_doc_label",
        "reset_doc_label",
        "move_label",
        "tighten_layer",
    ]
    unused = assess(diff_schemas(OLD, NEW), RecordingCounter({})).to_dict()
    assert unused["uses"] == []


def test_a_rename_into_an_existing_label_counts_both_old_names() -> None:
    merged = schema_from_toml(
        '[layers.entity]\n[[labels]]\nname = "ORG"\nlayer = "entity"\n'
        '[[labels]]\nname = "PER"\nlayer = "entity"\n'
        '[[relations]]\nname = "near"\nhead = "ORG"\ntail = "ORG"\n'
    )
    into = schema_from_toml(
        '[layers.entity]\n[[labels]]\nname = "ORG"\nlayer = "entity"\nrenamed_from = "PER"\n'
        '[[relations]]\nname = "near"\nhead = "ORG"\ntail = "ORG"\n'
    )
    change = diff_schemas(merged, into)
    assert change.renamed_labels == (("PER", "ORG"),)
    assert change.removed_labels == ()
    assert change.old_label_names("ORG") == ["PER", "ORG"]
    assert change.old_label_names("NEW") == ["NEW"]
    assert change.narrowed_relations == ()


def test_repaired_values_keep_valid_ones_and_fall_back_to_the_default() -> None:
    polarity = AttributeDef("polarity", "claim", "choice", ("asserted", "denied"), "asserted")
    assert repaired_attr_value(polarity, "denied") == (True, "denied")
    assert repaired_attr_value(polarity, "hedged") == (True, "asserted")
    bare = AttributeDef("polarity", "claim", "choice", ("asserted",))
    assert repaired_attr_value(bare, "hedged") == (False, None)
    assert repaired_attr_value(bare, "asserted") == (True, "asserted")


def test_a_document_label_check_accepts_no_value_and_its_choices() -> None:
    plan_counter = RecordingCounter({})
    assess(diff_schemas(OLD, NEW), plan_counter)
    valid = plan_counter.checks["doc.topic"]
    assert [valid(v) for v in ("war", None, "sport", "")] == [True, True, False, False]
    assert DocLabelDef("topic", ("war",)).choices == ("war",)


def test_a_relation_narrowed_without_a_rename_is_counted_under_its_own_name() -> None:
    def narrow(text: str) -> str:
        return text.replace('tail = ["GPE", "MISC"]', 'tail = ["MISC"]')

    source = OLD_SOURCE
    change = diff_schemas(OLD, schema_from_toml(narrow(source)))
    assert change.narrowed_relations == ("about",)
    assert change.old_relation_name("about") == "about"
    counter = RecordingCounter({"outside.about": 3})
    plan = assess(change, counter)
    assert counter.asked == [("relations_outside", "about", ("CLAIM",), ("MISC",))]
    assert [u.message() for u in plan.refusals(force=False)] == [
        "relation type about no longer allows the ends of 3 relations"
    ]


def test_every_use_says_what_it_touches() -> None:
    assert Use("rename_label", "PER", 4, "span").message() == "label PER (4 spans)"
    assert Use("rename_relation", "claimant", 1, "relation").message() == (
        "relation type claimant (1 relation)"
    )
    assert Use("remove_label", "MISC", 1, "span").message() == "label MISC is used by 1 span"
    assert not Use("rename_label", "PER", 4, "span").deletes
    assert not Use("remove_label", "PER", 0, "span").deletes
    assert Use("remove_label", "PER", 1, "span").deletes


def test_a_plan_without_counts_reads_zero() -> None:
    plan = SchemaPlan(diff_schemas(OLD, NEW))
    assert "  label PER → PERSON (0 spans)" in plan.lines()
    assert "  label MISC (0 spans)" in plan.lines()
    plan.check(force=False)


def test_a_renamed_label_that_changes_colour_or_layer_is_reported_under_its_new_name() -> None:
    recoloured = schema_from_toml(
        OLD_SOURCE.replace(
            'name = "PER"\nlayer = "entity"',
            'name = "PERSON"\nlayer = "claim"\nrenamed_from = "PER"\ncolor = "#123456"',
        ).replace('tail = ["PER", "ORG"]', 'tail = ["PERSON", "ORG"]')
    )
    change = diff_schemas(OLD, recoloured)
    assert change.renamed_labels == (("PER", "PERSON"),)
    assert change.moved_labels == (("PER", "entity", "claim"),)
    assert change.restyled_labels == ("PERSON",)


def test_a_new_relation_listed_first_does_not_hide_a_narrowed_one() -> None:
    first = OLD_SOURCE.replace(
        '[[relations]]\nname = "claimant"',
        '[[relations]]\nname = "new"\nhead = ["CLAIM"]\ntail = ["CLAIM"]\n'
        '[[relations]]\nname = "claimant"',
    ).replace('tail = ["PER", "ORG"]', 'tail = ["PER"]')
    change = diff_schemas(OLD, schema_from_toml(first))
    assert change.added_relations == ("new",)
    assert change.narrowed_relations == ("claimant",)


def test_the_edit_log_names_the_unit_of_each_use() -> None:
    plan = assess(diff_schemas(OLD, NEW), RecordingCounter(COUNTS))
    assert [(u["action"], u["unit"]) for u in plan.to_dict()["uses"]] == [
        ("rename_label", "span"),
        ("rename_relation", "relation"),
        ("remove_label", "span"),
        ("remove_relation", "relation"),
        ("prune_relation", "relation"),
        ("remove_attribute", "span"),
        ("reset_attribute", "span"),
        ("remove_doc_label", "document"),
        ("reset_doc_label", "document"),
        ("move_label", "span"),
        ("tighten_layer", "span"),
    ]
    assert plan.to_dict()["uses"][2]["relations"] == 2
