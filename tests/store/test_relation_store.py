"""Relation, attribute, note and document edits applied to a real project, with undo."""

from __future__ import annotations

import pytest

from annotator.core.edits import AddRelation, RemoveRelation, RemoveSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation
from annotator.core.operations.documents import set_document_label, set_document_note
from annotator.core.operations.relations import make_relation
from annotator.core.operations.spans import set_attribute, set_span_note
from annotator.store.repository import Repository
from tests.helpers.builders import add_span, existing_span


def test_add_remove_and_undo_a_relation(repo: Repository, emoji_doc: Document) -> None:
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    per = add_span(repo, emoji_doc, "PER", "Jakarta")
    edit = make_relation("claimant", claim, per, repo.schema(), "ann")
    changes = repo.apply(edit, "ann")
    assert changes.relation_ids == {edit.relation.id}
    assert repo.relations("emoji") == [edit.relation]
    remove = RemoveRelation(edit.relation)
    repo.apply(remove, "ann")
    assert repo.relations("emoji") == []
    repo.apply(remove.inverse(), "ann")  # undo the delete
    assert repo.relations("emoji") == [edit.relation]
    repo.apply(edit.inverse(), "ann")  # undo the add
    assert repo.relations("emoji") == []
    kinds = [e.kind for e in repo.edit_log(doc_id="emoji", limit=4)]
    assert kinds == ["remove_relation", "add_relation", "remove_relation", "add_relation"]


def test_disallowed_relation_is_refused_with_the_reason(
    repo: Repository, emoji_doc: Document
) -> None:
    per = add_span(repo, emoji_doc, "PER", "Jakarta")
    gpe = add_span(repo, emoji_doc, "GPE", "東京")
    bad = AddRelation(Relation("r-1", "emoji", "claimant", per.id, gpe.id, "ann", ""))
    with pytest.raises(ValidationError, match="may not start at a PER span; allowed heads: CLAIM"):
        repo.apply(bad, "ann")
    missing = AddRelation(Relation("r-2", "emoji", "located_in", per.id, "s-gone", "ann", ""))
    with pytest.raises(ValidationError, match="tail names a missing span 's-gone'"):
        repo.apply(missing, "ann")
    assert repo.relations("emoji") == []


def test_deleting_a_span_takes_its_relations_and_undo_restores_them(
    repo: Repository, emoji_doc: Document
) -> None:
    per = add_span(repo, emoji_doc, "PER", "Jakarta")
    gpe = add_span(repo, emoji_doc, "GPE", "東京")
    rel = make_relation("located_in", per, gpe, repo.schema(), "ann")
    repo.apply(rel, "ann")
    delete = RemoveSpan(gpe, tuple(repo.relations_of_span(gpe.id)))
    repo.apply(delete, "ann")
    assert repo.relations("emoji") == [] and repo.span(gpe.id) is None
    repo.apply(delete.inverse(), "ann")
    assert repo.relations("emoji") == [rel.relation]


def test_attribute_and_note_edits_reach_the_database(repo: Repository, emoji_doc: Document) -> None:
    claim = add_span(repo, emoji_doc, "CLAIM", "Second line")
    edit = set_attribute(claim, repo.schema(), "checkworthy", True)
    repo.apply(edit, "ann")
    row = repo.db.execute("SELECT attrs FROM spans WHERE id = ?", [claim.id]).fetchone()
    assert '"checkworthy": true' in row[0]
    noted = set_span_note(edit.after, "who said this? 🧐")
    repo.apply(noted, "ann")
    assert existing_span(repo, claim.id).note == "who said this? 🧐"
    repo.apply(noted.inverse(), "ann")
    repo.apply(edit.inverse(), "ann")
    assert repo.span(claim.id) == claim


def test_document_note_and_label(repo: Repository, emoji_doc: Document) -> None:
    repo.apply(set_document_note(emoji_doc, "check the date"), "ann")
    doc = repo.document("emoji")
    repo.apply(set_document_label(doc, repo.schema(), "topic", "health"), "ann")
    doc = repo.document("emoji")
    assert (doc.note, doc.labels) == ("check the date", {"topic": "health"})
    raw = repo.db.execute("SELECT note, labels FROM documents").fetchone()
    assert raw == ("check the date", '{"topic": "health"}')
