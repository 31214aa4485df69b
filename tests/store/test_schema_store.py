"""apply_schema_change on a real project database: renames, refusals, forced removals."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from annotator.assets import default_schema
from annotator.core.edits import Changes
from annotator.core.model import Document, Span
from annotator.core.operations.documents import set_document_label
from annotator.core.operations.relations import make_relation
from annotator.core.operations.spans import set_attribute
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_dict
from annotator.core.schema_plan import SchemaChangeRefused
from annotator.store.repository import Repository
from annotator.store.schema_store import apply_schema_change, plan_schema_change
from tests.helpers.builders import add_span, existing_span


def variant(edit: Callable[[dict[str, Any]], None]) -> Schema:
    data = default_schema().to_dict()
    edit(data)
    return schema_from_dict(data)


@pytest.fixture
def annotated(repo: Repository, emoji_doc: Document) -> dict[str, Span]:
    spans = {
        "per": add_span(repo, emoji_doc, "PER", "Jakarta"),
        "misc": add_span(repo, emoji_doc, "MISC", "café"),
        "misc2": add_span(repo, emoji_doc, "MISC", "😀"),
        "gpe": add_span(repo, emoji_doc, "GPE", "東京"),
        "claim": add_span(repo, emoji_doc, "CLAIM", "Tabbed line"),
    }
    schema = repo.schema()
    repo.apply(make_relation("claimant", spans["claim"], spans["per"], schema, "ann"), "ann")
    repo.apply(make_relation("target", spans["claim"], spans["misc"], schema, "ann"), "ann")
    repo.apply(make_relation("located_in", spans["per"], spans["gpe"], schema, "ann"), "ann")
    repo.apply(set_attribute(spans["claim"], schema, "polarity", "hedged"), "ann")
    repo.apply(set_document_label(emoji_doc, schema, "topic", "science"), "ann")
    return spans


def snapshot(repo: Repository) -> tuple[Any, ...]:
    return (
        [tuple(r) for r in repo.db.execute("SELECT * FROM spans ORDER BY id")],
        [tuple(r) for r in repo.db.execute("SELECT * FROM relations ORDER BY id")],
        [tuple(r) for r in repo.db.execute("SELECT labels FROM documents")],
        repo.db.execute("SELECT value FROM project WHERE key = 'schema'").fetchone(),
        repo.db.execute("SELECT count(*) FROM edit_log").fetchone(),
    )


def without_misc(data: dict[str, Any]) -> None:
    data["labels"] = [e for e in data["labels"] if e["name"] != "MISC"]
    for rel in data["relations"]:
        rel["tail"] = [n for n in rel["tail"] if n != "MISC"]


def test_rename_renames_spans_in_one_logged_transaction(
    repo: Repository, annotated: dict[str, Span], db_path: Any
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(e for e in data["labels"] if e["name"] == "PER").update(
            name="PERSON", renamed_from="PER"
        )
        for rel in data["relations"]:
            rel["head"] = ["PERSON" if n == "PER" else n for n in rel["head"]]
            rel["tail"] = ["PERSON" if n == "PER" else n for n in rel["tail"]]

    plan, changes = apply_schema_change(repo, variant(edit), annotator="lead")
    assert "  label PER → PERSON (1 span)" in plan.lines()
    assert changes == Changes(frozenset(repo.document_ids()), schema=True)
    assert "emoji" in changes.doc_ids
    assert existing_span(repo, annotated["per"].id).label == "PERSON"
    assert len(repo.relations("emoji")) == 3
    entry = repo.edit_log(limit=1)[0]
    assert (entry.kind, entry.annotator) == ("schema_change", "lead")
    assert entry.payload["renamed"]["labels"] == [["PER", "PERSON"]]
    # the stored schema is the new one, without renamed_from, and survives a reopen
    stored = json.loads(repo.db.execute("SELECT value FROM project").fetchone()[0])
    names = [e["name"] for e in stored["labels"]]
    assert "PERSON" in names and "PER" not in names
    assert all("renamed_from" not in e for e in stored["labels"])
    assert Repository(repo.db).schema().has_label("PERSON")


def test_refused_removal_changes_nothing(repo: Repository, annotated: dict[str, Span]) -> None:
    before = snapshot(repo)
    with pytest.raises(SchemaChangeRefused) as refused:
        apply_schema_change(repo, variant(without_misc))
    assert "label MISC is used by 2 spans and 1 relation; pass --force" in str(refused.value)
    assert snapshot(repo) == before
    assert repo.schema().has_label("MISC")


def test_forced_removal_deletes_spans_and_their_relations(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    apply_schema_change(repo, variant(without_misc), force=True, annotator="lead")
    labels = {s.label for s in repo.spans("emoji")}
    assert "MISC" not in labels and len(repo.spans("emoji")) == 3
    assert sorted(r.label for r in repo.relations("emoji")) == ["claimant", "located_in"]
    assert not repo.schema().has_label("MISC")
    assert repo.edit_log(limit=1)[0].payload["uses"][0]["count"] == 2


def test_forced_removal_of_attribute_relation_type_and_doc_label(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["attributes"] = [a for a in data["attributes"] if a["name"] != "polarity"]
        data["relations"] = [r for r in data["relations"] if r["name"] != "located_in"]
        data["doc_labels"] = []

    plan = plan_schema_change(repo, variant(edit))
    assert {u.message() for u in plan.refusals(force=False)} == {
        "attribute claim.polarity is set on 1 span",
        "relation type located_in is used by 1 relation",
        "document label topic is set on 1 document",
    }
    apply_schema_change(repo, variant(edit), force=True)
    assert "polarity" not in existing_span(repo, annotated["claim"].id).attrs
    assert "located_in" not in {r.label for r in repo.relations("emoji")}
    assert repo.document("emoji").labels == {}


def test_narrowed_choices_unset_values_that_no_longer_fit(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(a for a in data["attributes"] if a["name"] == "polarity")["choices"] = [
            "asserted",
            "denied",
        ]

    with pytest.raises(SchemaChangeRefused, match=r"claim\.polarity.*1 span"):
        apply_schema_change(repo, variant(edit))
    apply_schema_change(repo, variant(edit), force=True)
    assert "polarity" not in existing_span(repo, annotated["claim"].id).attrs  # no default


def test_narrowed_relation_ends_delete_only_what_no_longer_fits(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(r for r in data["relations"] if r["name"] == "located_in")["head"] = ["ORG"]

    with pytest.raises(SchemaChangeRefused, match="located_in no longer allows the ends of 1"):
        apply_schema_change(repo, variant(edit))
    apply_schema_change(repo, variant(edit), force=True)
    assert sorted(r.label for r in repo.relations("emoji")) == ["claimant", "target"]


def test_moving_a_used_label_is_refused_even_with_force(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(e for e in data["labels"] if e["name"] == "GPE")["layer"] = "claim"
        for rel in data["relations"]:
            rel["tail"] = [n for n in rel["tail"] if n != "GPE"] or ["CLAIM"]

    before = snapshot(repo)
    with pytest.raises(SchemaChangeRefused, match="cannot change layer"):
        apply_schema_change(repo, variant(edit), force=True)
    assert snapshot(repo) == before


def test_colour_change_and_new_label_are_free(repo: Repository, annotated: dict[str, Span]) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(e for e in data["labels"] if e["name"] == "PER")["color"] = "#000000"
        data["labels"].append({"name": "LAW", "layer": "entity", "color": "#123456"})

    spans_before = snapshot(repo)[0]
    assert apply_schema_change(repo, variant(edit)).changes == Changes(schema=True)
    assert repo.schema().label("PER").color == "#000000"
    assert repo.schema().has_label("LAW")
    assert snapshot(repo)[0] == spans_before


def test_applying_the_same_schema_writes_nothing(repo: Repository) -> None:
    before = snapshot(repo)
    plan, changes = apply_schema_change(repo, repo.schema())
    assert plan.change.is_empty()
    assert changes == Changes()
    assert snapshot(repo) == before


def test_renamed_relation_type_renames_its_relations(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(r for r in data["relations"] if r["name"] == "claimant").update(
            name="said_by", renamed_from="claimant"
        )

    plan = apply_schema_change(repo, variant(edit)).plan
    assert "  relation type claimant → said_by (1 relation)" in plan.lines()
    assert sorted(r.label for r in repo.relations("emoji")) == ["located_in", "said_by", "target"]


def test_forbidding_overlap_where_spans_overlap_cannot_be_forced(
    repo: Repository, emoji_doc: Document, annotated: dict[str, Span]
) -> None:
    add_span(repo, emoji_doc, "ORG", "Jakarta 👩🏽‍🎨")  # overlaps the PER span "Jakarta"

    def edit(data: dict[str, Any]) -> None:
        data["layers"]["entity"]["overlap"] = False

    before = snapshot(repo)
    with pytest.raises(SchemaChangeRefused, match="layer entity would forbid overlap, but 2 spans"):
        apply_schema_change(repo, variant(edit), force=True)
    assert snapshot(repo) == before
