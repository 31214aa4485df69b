"""Adjudication written to the project: one edit per document under the curator's name, which
the history can undo, and gold sections beside the annotators' own."""

from __future__ import annotations

from annotator.core.edit_log import edit_from_log
from annotator.core.edits import Batch
from annotator.core.model import Document, Span
from annotator.core.team import GOLD
from annotator.store.repository import Repository
from annotator.store.statuses import set_status, status_of
from annotator.team.adjudicate import adjudicate_project

TEXT = "Lead paragraph here. Body of the article follows."


def _sections(repo: Repository) -> None:
    with repo.transaction():
        repo.add_document(Document(id="d", text=TEXT))
        body = TEXT.index("Body")
        repo.add_spans(
            Span(f"{who}-{label}", "d", "section", label, start, end, TEXT[start:end], who)
            for who in ("ana", "budi")
            for label, start, end in (("LEAD", 0, 20), ("BODY", body, len(TEXT)))
        )
        for who in ("ana", "budi"):
            set_status(repo, "d", who, "done")


def test_agreed_sections_become_gold_beside_the_annotators_own(repo: Repository) -> None:
    _sections(repo)
    report = adjudicate_project(repo, min_agree=2, curator="cura")

    (outcome,) = report.outcomes
    assert outcome.curated and len(outcome.result.spans) == 2
    gold = [(s.label, s.text) for s in repo.spans("d") if s.annotator == GOLD]
    assert gold == [("LEAD", "Lead paragraph here."), ("BODY", TEXT[21:])]
    assert status_of(repo, "d", GOLD) == "done"


def test_the_logged_adjudication_undoes_like_any_edit(repo: Repository) -> None:
    _sections(repo)
    adjudicate_project(repo, min_agree=2, curator="cura")
    (entry,) = [e for e in repo.edit_log("d") if e.annotator == "cura"]
    edit = edit_from_log(entry.kind, entry.payload)
    assert edit is not None

    repo.apply(edit.inverse(), "cura")

    assert [s for s in repo.spans("d") if s.annotator == GOLD] == []
    assert len(repo.spans("d")) == 4  # the annotators' sections stay


def test_undoing_the_logged_adjudication_brings_back_the_previous_gold_status(
    repo: Repository,
) -> None:
    _sections(repo)
    set_status(repo, "d", GOLD, "in_progress")
    adjudicate_project(repo, min_agree=2, curator="cura")
    assert status_of(repo, "d", GOLD) == "done"
    (entry,) = [e for e in repo.edit_log("d") if e.annotator == "cura"]
    assert entry.summary.endswith("; marked curated")
    edit = edit_from_log(entry.kind, entry.payload)
    assert edit is not None

    # as the History panel restores a document: the inverses of the later entries, one batch
    repo.apply(Batch((edit.inverse(),), "restore document"), "cura")

    assert status_of(repo, "d", GOLD) == "in_progress"
    assert [s for s in repo.spans("d") if s.annotator == GOLD] == []


def test_a_settled_document_with_nothing_to_copy_is_marked_curated_in_an_undoable_edit(
    repo: Repository,
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="d", text=TEXT))
        for who in ("ana", "budi"):
            set_status(repo, "d", who, "done")
    report = adjudicate_project(repo, min_agree=2, curator="cura")
    assert report.outcomes[0].curated
    (entry,) = [e for e in repo.edit_log("d") if e.annotator == "cura"]
    edit = edit_from_log(entry.kind, entry.payload)
    assert edit is not None

    repo.apply(edit.inverse(), "cura")

    assert status_of(repo, "d", GOLD) == "todo"
