"""Adjudication written to the project: one edit per document under the curator's name, which
the history can undo, and gold sections beside the annotators' own."""

from __future__ import annotations

from annotator.core.edit_log import edit_from_log
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
