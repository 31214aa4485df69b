"""Document status, label and note edits, checked against the schema without a database."""

from __future__ import annotations

import pytest

from annotator.assets import default_schema
from annotator.core.edits import UpdateDocument
from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.operations.documents import (
    set_document_label,
    set_document_note,
    set_document_status,
    set_document_title,
)
from annotator.core.operations.refusal import Refusal

DOC = Document(id="d", text="Minister 😀 Retno said Jakarta is calm.")


def test_document_note_and_labels_are_undone_to_their_stored_values() -> None:
    schema = default_schema()
    note = set_document_note(DOC, "source unclear 🤔")
    assert note == UpdateDocument("d", {"note": ""}, {"note": "source unclear 🤔"})
    topic = set_document_label(DOC, schema, "topic", "politics")
    assert topic.after == {"labels": {"topic": "politics"}}
    assert topic.inverse().after == {"labels": {}}  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="takes one of conflict"):
        set_document_label(DOC, schema, "topic", "sports")


def test_clearing_a_document_label_keeps_labels_the_schema_no_longer_names() -> None:
    schema = default_schema()
    labelled = Document(id="d", text=DOC.text, labels={"topic": "politics", "old": "x"})
    edit = set_document_label(labelled, schema, "topic", None)
    before = {"labels": {"topic": "politics", "old": "x"}}
    assert edit == UpdateDocument("d", before, {"labels": {"old": "x"}})


def test_status_change_remembers_the_stored_status_for_undo() -> None:
    edit = set_document_status(DOC, "done")
    assert edit == UpdateDocument("d", {"status": "todo"}, {"status": "done"})
    assert edit.inverse() == UpdateDocument("d", {"status": "done"}, {"status": "todo"})
    with pytest.raises(ValidationError, match="unknown status 'finished'"):
        set_document_status(DOC, "finished")


def test_an_unknown_status_lists_the_statuses() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^unknown status 'finished'; use one of todo, in_progress, done, needs_review$",
    ):
        set_document_status(DOC, "finished")


@pytest.mark.parametrize("status", ["todo", "in_progress", "done", "needs_review"])
def test_every_status_can_be_set(status: str) -> None:
    assert set_document_status(DOC, status).after == {"status": status}


def test_document_label_refusals_name_the_label_and_its_choices() -> None:
    schema = default_schema()
    with pytest.raises(
        ValidationError,
        match=(
            r"^document label 'topic' takes one of conflict, politics, economy, health, "
            r"science, other, not 'sports'$"
        ),
    ):
        set_document_label(DOC, schema, "topic", "sports")
    with pytest.raises(ValidationError, match=r"^unknown document label 'region'; known: topic$"):
        set_document_label(DOC, schema, "region", "asia")


def test_setting_a_document_label_keeps_the_other_labels_and_replaces_its_own() -> None:
    labelled = Document(id="d", text=DOC.text, labels={"topic": "politics", "old": "x"})
    edit = set_document_label(labelled, default_schema(), "topic", "health")
    assert edit == UpdateDocument(
        "d",
        {"labels": {"topic": "politics", "old": "x"}},
        {"labels": {"old": "x", "topic": "health"}},
    )
    assert labelled.labels == {"topic": "politics", "old": "x"}
    cleared = set_document_label(DOC, default_schema(), "topic", None)
    assert cleared == UpdateDocument("d", {"labels": {}}, {"labels": {}})


def test_a_title_is_set_with_its_whitespace_collapsed_and_undone_to_the_old_one() -> None:
    doc = Document(id="d", text="Body.", title="Advertisement")
    edit = set_document_title(doc, "  Retno  said\tJakarta 😀 is calm \n")
    assert edit == UpdateDocument(
        "d", {"title": "Advertisement"}, {"title": "Retno said Jakarta 😀 is calm"}
    )


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("", "A document title cannot be empty"),
        (" \t\n", "A document title cannot be empty"),
        (" Advertisement ", "The document already has this title"),
    ],
)
def test_an_empty_or_unchanged_title_is_refused_with_the_reason(title: str, reason: str) -> None:
    doc = Document(id="d", text="Body.", title="Advertisement")
    assert set_document_title(doc, title) == Refusal(reason)
