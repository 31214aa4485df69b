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
from annotator.store.schema_store import (
    SqlUsageCounter,
    apply_schema_change,
    plan_schema_change,
)
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
    repo: Repository, annotated: dict[str, Span]
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


def test_changing_a_document_labels_choices_clears_only_values_no_longer_allowed(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="kept", text="Baku", labels={"topic": "health", "x": "y"}))

    def edit(data: dict[str, Any]) -> None:
        data["doc_labels"][0]["choices"] = ["health", "other"]

    with pytest.raises(
        SchemaChangeRefused,
        match=(
            r"^document label topic has a value no longer allowed on 1 document; "
            r"pass --force to delete them$"
        ),
    ):
        apply_schema_change(repo, variant(edit))
    assert repo.document("emoji").labels == {"topic": "science"}
    applied = apply_schema_change(repo, variant(edit), force=True)
    assert repo.document("emoji").labels == {}
    assert repo.document("kept").labels == {"topic": "health", "x": "y"}
    assert repo.schema().doc_label("topic").choices == ("health", "other")
    assert applied.changes == Changes(frozenset({"emoji", "kept"}), schema=True)


def test_a_rename_merging_into_an_existing_label_keeps_relations_of_both_old_names(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["labels"] = [e for e in data["labels"] if e["name"] != "MISC"]
        next(e for e in data["labels"] if e["name"] == "PER")["renamed_from"] = "MISC"
        for rel in data["relations"]:
            rel["tail"] = [n for n in rel["tail"] if n != "MISC"]

    plan = plan_schema_change(repo, variant(edit))
    assert plan.change.renamed_labels == (("MISC", "PER"),)
    assert plan.change.narrowed_relations == ()
    assert "  label MISC → PER (2 spans)" in plan.lines()
    apply_schema_change(repo, variant(edit))
    labels = sorted(s.label for s in repo.spans("emoji"))
    assert labels == ["CLAIM", "GPE", "PER", "PER", "PER"]
    assert sorted(r.label for r in repo.relations("emoji")) == ["claimant", "located_in", "target"]


def test_narrowed_ends_are_compared_in_the_old_names_of_renamed_labels(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(e for e in data["labels"] if e["name"] == "PER").update(
            name="PERSON", renamed_from="PER"
        )
        for rel in data["relations"]:
            rel["head"] = ["PERSON" if n == "PER" else n for n in rel["head"]]
            rel["tail"] = ["PERSON" if n == "PER" else n for n in rel["tail"] if n != "MISC"]

    plan = plan_schema_change(repo, variant(edit))
    assert plan.change.narrowed_relations == ("target",)
    refused = [use.message() for use in plan.refusals(force=False)]
    assert refused == ["relation type target no longer allows the ends of 1 relation"]
    apply_schema_change(repo, variant(edit), force=True)
    relations = repo.relations("emoji")
    assert sorted(r.label for r in relations) == ["claimant", "located_in"]
    assert existing_span(repo, annotated["per"].id).label == "PERSON"


def test_the_edit_log_summarises_the_change(repo: Repository, annotated: dict[str, Span]) -> None:
    def edit(data: dict[str, Any]) -> None:
        without_misc(data)
        next(r for r in data["relations"] if r["name"] == "claimant").update(
            name="said_by", renamed_from="claimant"
        )
        data["attributes"] = [a for a in data["attributes"] if a["name"] != "negated"]
        data["attributes"].append({"name": "sarcastic", "layer": "claim", "type": "bool"})
        data["labels"].append({"name": "LAW", "layer": "entity"})
        data["layers"]["note"] = {"style": "underline"}
        data["doc_labels"].append({"name": "genre", "choices": ["news"]})

    apply_schema_change(repo, variant(edit), force=True, annotator="lead")
    entry = repo.edit_log()[0]
    assert (entry.kind, entry.annotator, entry.doc_id) == ("schema_change", "lead", None)
    assert entry.summary == (
        "schema change: renamed claimant→said_by; removed MISC, entity.negated; "
        "added LAW, claim.sarcastic, note, genre"
    )
    assert entry.payload["renamed"]["relations"] == [["claimant", "said_by"]]


def test_a_colour_change_is_logged_as_definitions_edited_and_touches_no_document(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["labels"][0]["color"] = "#000000"

    applied = apply_schema_change(repo, variant(edit))
    assert applied.changes == Changes(schema=True)
    assert repo.edit_log()[0].summary == "schema change: definitions edited"


def test_counts_follow_what_the_database_holds(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    counter = SqlUsageCounter(repo.db)
    assert counter.spans_with_label("MISC") == 2
    assert counter.relations_of_type("claimant") == 1
    assert counter.relations_touching(["MISC"]) == 1
    assert counter.relations_touching(["PER", "GPE"]) == 2
    assert counter.relations_outside("located_in", ["PER"], ["GPE"]) == 0
    assert counter.relations_outside("located_in", ["ORG"], ["GPE"]) == 1
    assert counter.relations_outside("located_in", ["PER"], ["LOC"]) == 1
    assert counter.spans_with_attr("claim", "polarity") == 1
    assert counter.spans_with_attr("claim", "polarity", lambda v: v == "hedged") == 0
    assert counter.spans_with_attr("claim", "polarity", lambda v: v == "asserted") == 1
    assert counter.spans_with_attr("entity", "polarity") == 0
    assert counter.documents_with_label("topic") == 1
    assert counter.documents_with_label("topic", lambda v: v == "science") == 0
    assert counter.documents_with_label("region") == 0
    assert counter.overlapping_spans("entity") == 0


def test_overlapping_spans_count_each_span_that_overlaps_another(
    repo: Repository, emoji_doc: Document
) -> None:
    add_span(repo, emoji_doc, "PER", "Jakarta")
    add_span(repo, emoji_doc, "ORG", "karta")
    add_span(repo, emoji_doc, "GPE", "café")
    add_span(repo, emoji_doc, "LOC", " café")
    add_span(repo, emoji_doc, "NORP", "Second")
    counter = SqlUsageCounter(repo.db)
    assert counter.overlapping_spans("entity") == 4
    assert counter.overlapping_spans("claim") == 0


def test_an_attribute_name_with_a_dash_is_counted_and_removed(
    repo: Repository, emoji_doc: Document
) -> None:
    def add_odd(data: dict[str, Any]) -> None:
        data["attributes"].append({"name": "source-url", "layer": "entity", "type": "text"})

    apply_schema_change(repo, variant(add_odd))
    per = add_span(repo, emoji_doc, "PER", "Jakarta")
    repo.apply(set_attribute(per, repo.schema(), "source-url", "x"), "ann")
    assert SqlUsageCounter(repo.db).spans_with_attr("entity", "source-url") == 1
    apply_schema_change(repo, variant(lambda data: None), force=True)
    assert existing_span(repo, per.id).attrs == {}


def test_a_retyped_attribute_keeps_valid_values_and_the_other_attributes(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    claim = annotated["claim"]
    repo.apply(
        set_attribute(existing_span(repo, claim.id), repo.schema(), "checkworthy", True), "a"
    )

    def keep_hedged(data: dict[str, Any]) -> None:
        polarity = next(a for a in data["attributes"] if a["name"] == "polarity")
        polarity.update(choices=["hedged", "denied"], default="denied")

    apply_schema_change(repo, variant(keep_hedged))
    assert existing_span(repo, claim.id).attrs == {"polarity": "hedged", "checkworthy": True}


def test_a_retyped_attribute_without_a_default_drops_only_invalid_values(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    claim = annotated["claim"]
    repo.apply(
        set_attribute(existing_span(repo, claim.id), repo.schema(), "checkworthy", True), "a"
    )

    def no_hedging(data: dict[str, Any]) -> None:
        polarity = next(a for a in data["attributes"] if a["name"] == "polarity")
        polarity.update(choices=["asserted", "denied"])
        polarity.pop("default", None)

    applied = apply_schema_change(repo, variant(no_hedging), force=True)
    assert existing_span(repo, claim.id).attrs == {"checkworthy": True}
    assert repo.edit_log()[0].annotator == ""
    assert applied.plan.change.retyped_attributes == (("claim", "polarity"),)


def test_two_renames_are_listed_in_the_summary(
    repo: Repository, annotated: dict[str, Span]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        next(e for e in data["labels"] if e["name"] == "GPE").update(
            name="PLACE", renamed_from="GPE"
        )
        for rel in data["relations"]:
            rel["head"] = ["PLACE" if n == "GPE" else n for n in rel["head"]]
            rel["tail"] = ["PLACE" if n == "GPE" else n for n in rel["tail"]]
        next(r for r in data["relations"] if r["name"] == "target").update(
            name="about", renamed_from="target"
        )

    apply_schema_change(repo, variant(edit))
    assert repo.edit_log()[0].summary == "schema change: renamed GPE→PLACE, target→about"
