from dataclasses import replace

import pytest

from annotator.core.edits import AddRelation, AddSpan, Batch, RemoveSpan, UpdateDocument, UpdateSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, make_span
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.builders import existing_span


def find(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.find(needle)
    assert start >= 0
    return start, start + len(needle)


def test_apply_commits_and_logs(repo: Repository, emoji_doc: Document, db_path) -> None:
    start, end = find(emoji_doc, "Jakarta")
    span = make_span(emoji_doc, "entity", "GPE", start, end, "ana")
    repo.apply(AddSpan(span), "ana")
    other = Repository(open_db(db_path))
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
