import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.assets import default_schema
from annotator.core.edits import AddRelation, AddSpan, Batch, RemoveSpan, UpdateDocument, UpdateSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, make_span
from annotator.core.schema_parse import schema_from_dict
from annotator.core.team import GOLD
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.repository import Repository
from annotator.store.statuses import assign, set_status, statuses
from tests.helpers.builders import existing_span


def find(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.find(needle)
    assert start >= 0
    return start, start + len(needle)


def test_apply_commits_and_logs(
    repo: Repository, emoji_doc: Document, project_location: Location
) -> None:
    start, end = find(emoji_doc, "Jakarta")
    span = make_span(emoji_doc, "entity", "GPE", start, end, "ana")
    repo.apply(AddSpan(span), "ana")
    other = Repository(open_db(project_location))
    stored = other.spans("emoji")
    assert [(s.start, s.end, s.text, s.annotator) for s in stored] == [
        (start, end, "Jakarta", "ana")
    ]
    assert emoji_doc.text[stored[0].start : stored[0].end] == stored[0].text
    log = other.edit_log("emoji")
    assert log[0].kind == "add_span" and log[0].annotator == "ana"
    assert log[0].payload["span"]["text"] == "Jakarta"


def test_invalid_edit_writes_nothing(repo: Repository, emoji_doc: Document) -> None:
    good = make_span(emoji_doc, "entity", "GPE", *find(emoji_doc, "Jakarta"), "a")
    bad = replace(make_span(emoji_doc, "entity", "GPE", 0, 2, "a"), text="zz")
    with pytest.raises(ValidationError):
        repo.apply(Batch((AddSpan(good), AddSpan(bad))), "a")
    assert repo.spans("emoji") == []
    assert repo.edit_log() == [] or all(e.kind != "batch" for e in repo.edit_log())


def test_overlapping_section_refused_with_reason(repo: Repository, emoji_doc: Document) -> None:
    repo.apply(AddSpan(make_span(emoji_doc, "section", "LEAD", 0, 20, "a")), "a")
    with pytest.raises(ValidationError, match="section spans may not overlap"):
        repo.apply(AddSpan(make_span(emoji_doc, "section", "BODY", 10, 30, "a")), "a")
    assert [s.label for s in repo.spans("emoji")] == ["LEAD"]


def test_undo_of_every_edit_kind(repo: Repository, emoji_doc: Document) -> None:
    city = make_span(emoji_doc, "entity", "GPE", *find(emoji_doc, "Jakarta"), "a")
    claim = make_span(emoji_doc, "claim", "CLAIM", *find(emoji_doc, "Jakarta 👩🏽‍🎨 and"), "a")
    edits = [
        AddSpan(city),
        AddSpan(claim),
        AddRelation(Relation("r1", "emoji", "target", claim.id, city.id)),
        UpdateSpan(claim, replace(claim, attrs={"checkworthy": True}, note="ask editor")),
        UpdateDocument("emoji", {"status": "todo"}, {"status": "done"}),
    ]
    snapshots = []
    repo.viewer = "a"
    for edit in edits:
        snapshots.append(
            (repo.spans("emoji"), repo.relations("emoji"), repo.document("emoji").status)
        )
        repo.apply(edit, "a")
    assert repo.document("emoji").status == "done"
    assert existing_span(repo, claim.id).attrs == {"checkworthy": True}
    for edit, snapshot in zip(reversed(edits), reversed(snapshots), strict=True):
        repo.apply(edit.inverse(), "a")
        assert (
            repo.spans("emoji"),
            repo.relations("emoji"),
            repo.document("emoji").status,
        ) == snapshot


def test_remove_span_with_relations_and_undo(repo: Repository, emoji_doc: Document) -> None:
    city = make_span(emoji_doc, "entity", "GPE", *find(emoji_doc, "Jakarta"), "a")
    claim = make_span(emoji_doc, "claim", "CLAIM", *find(emoji_doc, "Jakarta 👩🏽‍🎨 and"), "a")
    relation = Relation("r1", "emoji", "target", claim.id, city.id)
    for edit in (AddSpan(city), AddSpan(claim), AddRelation(relation)):
        repo.apply(edit, "a")
    remove = RemoveSpan(city, tuple(repo.relations_of_span(city.id)))
    repo.apply(remove, "a")
    assert repo.relations("emoji") == [] and len(repo.spans("emoji")) == 1
    repo.apply(remove.inverse(), "a")
    assert repo.relations("emoji") == [relation]


def test_relabel_that_breaks_a_relation_is_refused(repo: Repository, emoji_doc: Document) -> None:
    city = make_span(emoji_doc, "entity", "GPE", *find(emoji_doc, "Jakarta"), "a")
    claim = make_span(emoji_doc, "claim", "CLAIM", *find(emoji_doc, "Jakarta 👩🏽‍🎨 and"), "a")
    for edit in (AddSpan(city), AddSpan(claim)):
        repo.apply(edit, "a")
    repo.apply(AddRelation(Relation("r1", "emoji", "claimant", claim.id, city.id)), "a")
    with pytest.raises(ValidationError, match="claimant"):
        repo.apply(UpdateSpan(city, replace(city, label="DATE")), "a")
    assert existing_span(repo, city.id).label == "GPE"


def test_document_summaries_count_spans(repo: Repository, emoji_doc: Document) -> None:
    repo.apply(
        AddSpan(make_span(emoji_doc, "entity", "GPE", *find(emoji_doc, "Jakarta"), "a")), "a"
    )
    [summary] = repo.documents()
    assert (summary.id, summary.span_count, summary.status) == ("emoji", 1, "todo")


@pytest.fixture
def two_docs(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="a", text="Baku said Yerevan fired first.", title="A"))
        repo.add_document(
            Document(id="b", text="Yerevan denied it.", title="B", labels={"topic": "health"})
        )
    a, b = repo.document("a"), repo.document("b")
    for doc, layer, label, start, end, who in (
        (a, "entity", "GPE", 0, 4, "ana"),
        (a, "entity", "GPE", 10, 17, "ben"),
        (a, "entity", "ORG", 10, 17, "ana"),
        (a, "claim", "CLAIM", 10, 29, "ana"),
        (b, "entity", "GPE", 0, 7, "ana"),
    ):
        repo.apply(AddSpan(make_span(doc, layer, label, start, end, who)), who)
    return repo


def test_facets_list_labels_and_annotators_per_document(two_docs: Repository) -> None:
    assert two_docs.span_facets() == {
        "a": (frozenset({"GPE", "ORG", "CLAIM"}), frozenset({"ana", "ben"})),
        "b": (frozenset({"GPE"}), frozenset({"ana"})),
    }
    with two_docs.transaction():
        two_docs.add_document(Document(id="c", text="nothing"))
    assert two_docs.span_facets(["b", "c"]) == {
        "b": (frozenset({"GPE"}), frozenset({"ana"})),
        "c": (frozenset(), frozenset()),
    }
    assert two_docs.span_facets([]) == {}


def test_facets_of_more_documents_than_one_query_holds(repo: Repository) -> None:
    with repo.transaction():
        for n in range(1001):
            repo.add_document(Document(id=f"d{n:04d}", text="Baku"))
    last = repo.document("d1000")
    repo.apply(AddSpan(make_span(last, "entity", "GPE", 0, 4, "ana")), "ana")
    facets = repo.span_facets([f"d{n:04d}" for n in range(1001)])
    assert len(facets) == 1001
    assert facets["d1000"] == (frozenset({"GPE"}), frozenset({"ana"}))


def test_counts_annotators_and_summaries(two_docs: Repository) -> None:
    assert two_docs.span_count() == 5
    assert two_docs.span_count("a") == 4
    assert two_docs.span_count("b") == 1
    assert two_docs.annotators() == ["ana", "ben"]
    summaries = two_docs.documents()
    assert [
        (d.id, d.title, d.lang, d.status, d.span_count, d.length, d.labels) for d in summaries
    ] == [
        ("a", "A", "en", "todo", 4, 30, {}),
        ("b", "B", "en", "todo", 1, 18, {"topic": "health"}),
    ]
    assert two_docs.document_ids() == ["a", "b"]
    assert two_docs.has_document("a") and not two_docs.has_document("z")


def test_spans_overlapping_leave_out_touching_spans_and_other_layers(two_docs: Repository) -> None:
    found = two_docs.spans_overlapping("a", "entity", 4, 10)
    assert found == []
    found = two_docs.spans_overlapping("a", "entity", 3, 11)
    assert sorted((s.label, s.start) for s in found) == [("GPE", 0), ("GPE", 10), ("ORG", 10)]
    assert two_docs.spans_overlapping("b", "claim", 0, 18) == []


def test_spans_overlapping_of_some_annotators_leave_out_the_others(two_docs: Repository) -> None:
    found = two_docs.spans_overlapping("a", "entity", 3, 11, ["ana", ""])
    assert sorted((s.label, s.annotator) for s in found) == [("GPE", "ana"), ("ORG", "ana")]
    assert [s.label for s in two_docs.spans_overlapping("a", "entity", 3, 11, ["ben"])] == ["GPE"]
    assert two_docs.spans_overlapping("a", "entity", 3, 11, []) == []


def test_spans_sharing_a_start_come_longest_first_then_by_id(two_docs: Repository) -> None:
    spans = two_docs.spans("a")
    assert [(s.start, s.end, s.label) for s in spans][:1] == [(0, 4, "GPE")]
    at_ten = [s for s in spans if s.start == 10]
    assert at_ten[0].label == "CLAIM"
    assert [s.id for s in at_ten[1:]] == sorted(s.id for s in at_ten[1:])
    assert all(two_docs.document("a").text[s.start : s.end] == s.text for s in spans)


def test_unknown_documents_and_fields_are_refused_by_name(two_docs: Repository) -> None:
    with pytest.raises(ValidationError, match=r"^no document with id 'z'$"):
        two_docs.document("z")
    with pytest.raises(ValidationError, match=r"^unknown document fields: colour, size$"):
        two_docs.set_document_fields("a", {"size": 1, "colour": "red", "note": "x"})
    with pytest.raises(
        ValidationError,
        match=r"^unknown status 'finished'; use one of todo, in_progress, done, needs_review$",
    ):
        two_docs.set_document_fields("a", {"status": "finished"})
    with pytest.raises(ValidationError, match=r"^no document with id 'z'$"):
        two_docs.set_document_fields("z", {"note": "x"})
    assert two_docs.document("a").note == ""


def test_a_changed_document_is_read_again(two_docs: Repository) -> None:
    assert two_docs.document("a").status == "todo"
    two_docs.set_document_fields(
        "a", {"status": "done", "title": "New", "meta": {"url": "x"}, "labels": {"topic": "other"}}
    )
    doc = two_docs.document("a")
    assert (doc.status, doc.title, doc.meta, doc.labels) == (
        "done",
        "New",
        {"url": "x"},
        {"topic": "other"},
    )


def test_the_edit_log_is_newest_first_per_document_and_limited(two_docs: Repository) -> None:
    log = two_docs.edit_log()
    assert [entry.doc_id for entry in log] == ["b", "a", "a", "a", "a"]
    assert [entry.annotator for entry in log][:2] == ["ana", "ana"]
    assert [entry.summary for entry in two_docs.edit_log("b")] == ["add GPE “Yerevan”"]
    assert len(two_docs.edit_log(limit=2)) == 2
    assert log[0].id > log[1].id and log[0].ts >= log[1].ts


def test_a_failed_transaction_forgets_cached_documents_and_schema(two_docs: Repository) -> None:
    two_docs.document("a")
    with pytest.raises(RuntimeError), two_docs.transaction():
        two_docs.set_document_fields("a", {"note": "gone"})
        raise RuntimeError("stop")
    assert two_docs.document("a").note == ""


def test_a_stored_schema_is_read_back_in_its_order(two_docs: Repository) -> None:
    assert two_docs.has_stored_schema()
    schema = two_docs.schema()
    other = Repository(two_docs.db)
    assert other.schema() == schema
    assert [layer.name for layer in other.schema().layers] == [
        layer.name for layer in schema.layers
    ]


def test_relations_are_read_by_document_by_id_and_by_span(two_docs: Repository) -> None:
    spans = two_docs.spans("a")
    claim = next(s for s in spans if s.label == "CLAIM")
    gpes = [s for s in spans if s.label == "GPE"]
    first = Relation("r2", "a", "claimant", claim.id, gpes[0].id)
    second = Relation("r1", "a", "target", claim.id, gpes[1].id)
    two_docs.apply(AddRelation(first), "ana")
    two_docs.apply(AddRelation(second), "ana")
    assert two_docs.relations("a") == [first, second]
    assert two_docs.relations("b") == []
    assert two_docs.relation("r1") == second and two_docs.relation("zz") is None
    assert two_docs.relations_of_span(claim.id) == [second, first]
    assert two_docs.relations_of_span(gpes[0].id) == [first]
    assert two_docs.span("zz") is None


def test_facets_reach_the_document_at_each_chunk_border(repo: Repository) -> None:
    with repo.transaction():
        for n in range(1002):
            repo.add_document(Document(id=f"d{n:04d}", text="Baku"))
    for n in (0, 499, 500, 501, 1000, 1001):
        doc = repo.document(f"d{n:04d}")
        repo.apply(AddSpan(make_span(doc, "entity", "GPE", 0, 4, f"who{n}")), "ann")
    facets = repo.span_facets([f"d{n:04d}" for n in range(1002)])
    assert {d for d, (labels, _) in facets.items() if labels} == {
        "d0000",
        "d0499",
        "d0500",
        "d0501",
        "d1000",
        "d1001",
    }
    assert facets["d0500"] == (frozenset({"GPE"}), frozenset({"who500"}))


def test_the_edit_log_reads_a_thousand_entries_unless_told_otherwise(repo: Repository) -> None:
    with repo.transaction():
        for n in range(1001):
            repo.log("ann", "note", None, f"entry {n}", {"n": n})
    log = repo.edit_log()
    assert len(log) == 1000
    assert log[0].summary == "entry 1000" and log[0].payload == {"n": 1000}
    assert isinstance(log[0].id, int) and log[0].id == log[1].id + 1
    assert log[0].ts[:2] == "20" and "T" in log[0].ts
    assert len(repo.edit_log(limit=1001)) == 1001


def test_a_write_while_another_program_writes_waits_then_is_refused_by_name(
    repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    assert repo.document("emoji").note == ""
    other = open_db(db_path)
    other.conn.execute("BEGIN IMMEDIATE")
    waiting = Repository(open_db(db_path, lock_wait=0.05))
    try:
        with (
            pytest.raises(
                StoreError,
                match=rf"^{re.escape(str(db_path))}: another program \(an import or schema "
                r"change\?\) is writing to the project; nothing was saved, try again when it "
                r"has finished$",
            ),
            waiting.transaction(),
        ):
            waiting.set_document_fields("emoji", {"note": "lost"})
    finally:
        other.conn.execute("ROLLBACK")
        other.close()
    assert waiting.document("emoji").note == ""
    waiting.set_document_fields("emoji", {"note": "saved"})
    waiting.db.close()
    assert repo.document("emoji").note == ""  # the cached copy, until it is forgotten
    repo.forget_document("emoji")
    assert repo.document("emoji").note == "saved"


def test_a_busy_database_is_reported_like_a_locked_one(repo: Repository, db_path: Path) -> None:
    with (
        pytest.raises(StoreError, match=r"project\.db: another program .* is writing"),
        repo.transaction(),
    ):
        raise sqlite3.OperationalError("database is busy")


def test_a_full_disk_is_reported_and_nothing_is_saved(
    repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    pages = repo.db.execute("PRAGMA page_count").fetchone()[0]
    repo.db.execute(f"PRAGMA max_page_count={pages}")
    with (
        pytest.raises(
            StoreError,
            match=rf"^{re.escape(str(db_path))}: the disk is full; nothing was saved$",
        ),
        repo.transaction(),
    ):
        repo.add_document(Document(id="big", text="x" * 100_000))
    assert not repo.has_document("big")


def test_another_database_failure_is_named_and_nothing_is_saved(
    repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    with (
        pytest.raises(
            StoreError,
            match=rf"^{re.escape(str(db_path))}: no such table: notes; nothing was saved$",
        ),
        repo.transaction(),
    ):
        repo.set_document_fields("emoji", {"note": "lost"})
        repo.db.execute("INSERT INTO notes VALUES (1)")
    assert repo.document("emoji").note == ""


def test_a_failure_of_a_database_in_memory_names_the_project() -> None:
    memory = Repository(Database(memory=True))
    with (
        pytest.raises(StoreError, match=r"^the project: no such table: notes; nothing was saved$"),
        memory.transaction(),
    ):
        memory.db.execute("INSERT INTO notes VALUES (1)")


def test_a_schema_and_documents_changed_by_another_connection_are_read_again(
    repo: Repository, emoji_doc: Document, project_location: Location
) -> None:
    assert repo.document("emoji").note == ""
    labels = {label.name for label in repo.schema().labels}
    other = Repository(open_db(project_location))
    data = default_schema().to_dict()
    data["labels"] = [*data["labels"], {"name": "EXTRA", "layer": "entity", "color": "#123456"}]
    widened = schema_from_dict(data)
    with other.transaction():
        other.store_schema(widened)
        other.set_document_fields("emoji", {"note": "elsewhere"})
    other.db.close()
    assert {label.name for label in repo.schema().labels} == labels
    assert repo.reread_schema() == widened
    repo.clear_cache()
    assert repo.document("emoji").note == "elsewhere"
    assert repo.schema() == widened


def test_a_document_reads_back_its_language_encoding_and_meta(
    repo: Repository, project_location: Location
) -> None:
    with repo.transaction():
        repo.add_document(
            Document(id="id", text="Budi pergi.", lang="id", encoding="latin-1", meta={"url": "x"})
        )
    fresh = Repository(open_db(project_location))
    doc = fresh.document("id")
    fresh.forget_document("never-read")
    fresh.db.close()
    assert (doc.lang, doc.encoding, doc.text, doc.meta) == (
        "id",
        "latin-1",
        "Budi pergi.",
        {"url": "x"},
    )


def test_a_project_without_a_stored_schema_uses_the_default(tmp_path: Path) -> None:
    fresh = Repository(open_db(tmp_path / "new.db"))
    assert not fresh.has_stored_schema()
    assert fresh.schema() == default_schema()
    fresh.db.close()


def test_a_stored_schema_from_before_the_naming_rule_still_opens(repo: Repository) -> None:
    data = default_schema().to_dict()
    data["labels"] = [*data["labels"], {"name": "NOT OK", "layer": "entity", "color": "#123456"}]
    with repo.transaction():
        repo.db.execute("UPDATE project SET value = ? WHERE key = 'schema'", [json.dumps(data)])
    assert repo.reread_schema().label("NOT OK").layer == "entity"


def test_the_last_eight_documents_read_stay_cached(
    repo: Repository, project_location: Location
) -> None:
    ids = [f"d{n}" for n in range(9)]
    with repo.transaction():
        for doc_id in ids:
            repo.add_document(Document(id=doc_id, text="Baku said."))
    for doc_id in ids:
        repo.document(doc_id)
    other = Repository(open_db(project_location))
    with other.transaction():
        for doc_id in ids:
            other.set_document_fields(doc_id, {"note": "elsewhere"})
    other.db.close()
    newest_first = [repo.document(doc_id).note for doc_id in reversed(ids)]
    assert newest_first == [""] * 8 + ["elsewhere"]


def test_a_status_change_is_the_viewers_unless_another_annotator_is_named(
    two_docs: Repository,
) -> None:
    two_docs.viewer = "ana"
    assert two_docs.document("a").status == "todo"
    two_docs.set_document_fields("a", {"status": "in_progress"})
    assert two_docs.document("a").status == "in_progress"
    two_docs.set_document_fields("a", {"status": "done"}, "ben")
    two_docs.set_document_fields("b", {"status": "needs_review"}, "")
    assert statuses(two_docs, "a") == {"ana": "in_progress", "ben": "done"}
    assert [d.status for d in two_docs.documents()] == ["in_progress", "needs_review"]
    with pytest.raises(ValidationError, match=r"^no document with id 'z'$"):
        two_docs.set_document_fields("z", {"status": "done"})


def test_the_list_counts_named_annotators_only(two_docs: Repository) -> None:
    with two_docs.transaction():
        set_status(two_docs, "a", "", "done")
        set_status(two_docs, "a", GOLD, "done")
        set_status(two_docs, "a", "ana", "done")
        assign(two_docs, [("a", "ben"), ("b", "ben")])
    summaries = two_docs.documents()
    assert [(d.annotators, d.done_by) for d in summaries] == [(2, 1), (1, 0)]
    assert [d.status for d in summaries] == ["done", "todo"]  # the empty name's, for the viewer
    two_docs.viewer = "ben"
    assert [d.status for d in two_docs.documents()] == ["todo", "todo"]


def test_without_a_viewer_a_status_is_the_projects(project_location: Location) -> None:
    repo = Repository(open_db(project_location))
    with repo.transaction():
        repo.add_document(Document(id="a", text="Baku."))
    repo.set_document_fields("a", {"status": "done"})
    assert statuses(repo, "a") == {"": "done"}
    repo.db.close()
