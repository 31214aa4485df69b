"""Diffing schemas and deciding what a change may do, without a database."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import pytest

from annotator.assets import default_schema
from annotator.core.errors import SchemaError
from annotator.core.schema import Schema
from annotator.core.schema_change import diff_schemas
from annotator.core.schema_parse import schema_from_dict, schema_from_toml
from annotator.core.schema_plan import SchemaChangeRefused, assess


def variant(edit: Callable[[dict[str, Any]], None]) -> Schema:
    data = default_schema().to_dict()
    edit(data)
    return schema_from_dict(data)


def label_entry(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(entry for entry in data["labels"] if entry["name"] == name)


class FakeCounter:
    """Fixed counts per name, to check assess() without SQL."""

    def __init__(self, spans: dict[str, int] | None = None, relations: int = 0) -> None:
        self.spans = spans or {}
        self.relations = relations

    def spans_with_label(self, label: str) -> int:
        return self.spans.get(label, 0)

    def relations_of_type(self, name: str) -> int:
        return self.relations

    def relations_touching(self, labels: Collection[str]) -> int:
        return self.relations

    def relations_outside(self, name: str, heads: Collection[str], tails: Collection[str]) -> int:
        return self.relations

    def spans_with_attr(self, layer: str, name: str, valid: Any = None) -> int:
        return self.spans.get(f"{layer}.{name}", 0)

    def documents_with_label(self, name: str, valid: Any = None) -> int:
        return self.spans.get(f"doc.{name}", 0)

    def overlapping_spans(self, layer: str) -> int:
        return self.spans.get(f"overlap.{layer}", 0)


def test_same_schema_is_an_empty_change() -> None:
    change = diff_schemas(default_schema(), default_schema())
    assert change.is_empty()
    assert assess(change, FakeCounter()).lines() == ["no change"]


def test_added_label_relation_attribute_and_doc_label_are_free() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["labels"].append({"name": "LAW", "layer": "entity", "color": "#123456"})
        data["relations"].append({"name": "cites", "head": ["CLAIM"], "tail": ["LAW"]})
        data["attributes"].append({"name": "sarcastic", "layer": "claim", "type": "bool"})
        data["doc_labels"].append({"name": "region", "choices": ["asia", "europe"]})

    change = diff_schemas(default_schema(), variant(edit))
    assert change.added_labels == ("LAW",)
    assert change.added_relations == ("cites",)
    assert change.added_attributes == (("claim", "sarcastic"),)
    assert change.added_doc_labels == ("region",)
    plan = assess(change, FakeCounter({"PER": 5}, relations=3))
    plan.check(force=False)
    assert "added:" in plan.lines()
    assert "  label LAW" in plan.lines()


def test_rename_is_detected_from_renamed_from_and_counts_spans() -> None:
    def edit(data: dict[str, Any]) -> None:
        label_entry(data, "PER").update(name="PERSON", renamed_from="PER")
        for rel in data["relations"]:
            rel["head"] = ["PERSON" if n == "PER" else n for n in rel["head"]]
            rel["tail"] = ["PERSON" if n == "PER" else n for n in rel["tail"]]

    change = diff_schemas(default_schema(), variant(edit))
    assert change.renamed_labels == (("PER", "PERSON"),)
    assert change.removed_labels == ()
    assert change.added_labels == ()
    assert change.narrowed_relations == ()
    plan = assess(change, FakeCounter({"PER": 4}))
    plan.check(force=False)
    assert "  label PER → PERSON (4 spans)" in plan.lines()


def test_renamed_relation_type() -> None:
    def edit(data: dict[str, Any]) -> None:
        rel = next(r for r in data["relations"] if r["name"] == "claimant")
        rel.update(name="said_by", renamed_from="claimant")

    change = diff_schemas(default_schema(), variant(edit))
    assert change.renamed_relations == (("claimant", "said_by"),)
    assert change.removed_relations == ()


def test_removal_in_use_is_refused_with_counts_unless_forced() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["labels"] = [e for e in data["labels"] if e["name"] != "MISC"]
        for rel in data["relations"]:
            rel["tail"] = [n for n in rel["tail"] if n != "MISC"]

    change = diff_schemas(default_schema(), variant(edit))
    assert change.removed_labels == ("MISC",)
    assert change.narrowed_relations == ()  # MISC's relations go with MISC itself
    plan = assess(change, FakeCounter({"MISC": 12}))
    with pytest.raises(SchemaChangeRefused) as refused:
        plan.check(force=False)
    assert "label MISC is used by 12 spans; pass --force to delete them" in str(refused.value)
    plan.check(force=True)
    assert "  label MISC (12 spans)" in plan.lines()


def test_unused_removal_needs_no_force() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["attributes"] = [a for a in data["attributes"] if a["name"] != "negated"]

    plan = assess(diff_schemas(default_schema(), variant(edit)), FakeCounter())
    assert plan.change.removed_attributes == (("entity", "negated"),)
    plan.check(force=False)


def test_narrowed_relation_type_and_changed_choices_are_counted() -> None:
    def edit(data: dict[str, Any]) -> None:
        rel = next(r for r in data["relations"] if r["name"] == "claimant")
        rel["tail"] = ["PER"]
        attr = next(a for a in data["attributes"] if a["name"] == "polarity")
        attr["choices"] = ["asserted", "denied"]

    change = diff_schemas(default_schema(), variant(edit))
    assert change.narrowed_relations == ("claimant",)
    assert change.retyped_attributes == (("claim", "polarity"),)
    plan = assess(change, FakeCounter({"claim.polarity": 2}, relations=1))
    messages = [u.message() for u in plan.refusals(force=False)]
    assert "relation type claimant no longer allows the ends of 1 relation" in messages
    assert any("attribute claim.polarity" in m and "2 spans" in m for m in messages)


def test_moving_a_used_label_cannot_be_forced() -> None:
    def edit(data: dict[str, Any]) -> None:
        label_entry(data, "MISC")["layer"] = "claim"
        for rel in data["relations"]:
            rel["tail"] = [n for n in rel["tail"] if n != "MISC"]

    plan = assess(diff_schemas(default_schema(), variant(edit)), FakeCounter({"MISC": 3}))
    with pytest.raises(SchemaChangeRefused, match="cannot change layer"):
        plan.check(force=True)
    assess(plan.change, FakeCounter()).check(force=False)


def test_renamed_from_errors_name_the_line() -> None:
    source = (
        '[layers.entity]\nstyle = "background"\n\n'
        '[[labels]]\nname = "PER"\nlayer = "entity"\n\n'
        '[[labels]]\nname = "PERSON"\nlayer = "entity"\nrenamed_from = "PER"\n'
    )
    with pytest.raises(SchemaError, match=r"still defined.*\(line 11\)"):
        schema_from_toml(source, "s.toml")


def test_stored_schema_drops_renamed_from() -> None:
    def edit(data: dict[str, Any]) -> None:
        label_entry(data, "MISC").update(name="OTHER", renamed_from="MISC")
        for rel in data["relations"]:
            rel["tail"] = ["OTHER" if n == "MISC" else n for n in rel["tail"]]

    renamed = variant(edit)
    assert renamed.label("OTHER").renamed_from == "MISC"
    stored = renamed.without_renames()
    assert stored.label("OTHER").renamed_from == ""
    assert "renamed_from" not in stored.to_dict()["labels"][0]
    assert not stored.has_label("MISC")
