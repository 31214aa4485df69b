"""Curation steps in the store: gold rows, decisions and the edit log, in one transaction."""

from __future__ import annotations

import pytest

from annotator.core.comparison import Version
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.errors import ValidationError
from annotator.core.operations.curation import accept_edit, reject_edit
from annotator.core.team import GOLD
from annotator.store import curation as stored
from annotator.store.repository import Repository
from tests.helpers.team_document import add_team_document


def curation_of(repo: Repository) -> Curation:
    return Curation(
        "team", repo.spans("team"), repo.relations("team"), stored.decisions(repo, "team")
    )


def reading(curation: Curation, label: str, text: str) -> Version:
    return next(
        v for g in curation.groups for v in g.versions if (v.label, v.text) == (label, text)
    )


def test_an_accepted_reading_is_a_gold_row_with_decisions_by_the_curator(repo: Repository) -> None:
    add_team_document(repo)
    curation = curation_of(repo)
    step = accept_edit(curation, repo.schema(), reading(curation, "PER", "Prabowo Subianto"))
    assert isinstance(step, CurationStep)

    repo.apply(step, "lead")

    assert [(s.id, s.label, s.note) for s in stored.gold_spans(repo, "team")] == [
        ("ana-PER-26.gold", "PER", "former general")
    ]
    assert stored.decision_rows(repo, "team") == [
        ("ana-PER-26", "accepted", "lead"),
        ("budi-PER-26", "accepted", "lead"),
        ("citra-ORG-26", "rejected", "lead"),
    ]
    (entry, *_older) = repo.edit_log("team")
    assert (entry.annotator, entry.kind, entry.summary) == (
        "lead",
        "curation",
        "accept PER “Prabowo Subianto” (ana, budi)",
    )


def test_undoing_a_step_removes_its_gold_relation_span_and_decisions(repo: Repository) -> None:
    add_team_document(repo)
    first = accept_edit(
        curation_of(repo), repo.schema(), reading(curation_of(repo), "PER", "Prabowo Subianto")
    )
    assert isinstance(first, CurationStep)
    repo.apply(first, "lead")
    curation = curation_of(repo)
    second = accept_edit(curation, repo.schema(), reading(curation, "GPE", "Jakarta"))
    assert isinstance(second, CurationStep)
    repo.apply(second, "lead")
    assert len(stored.gold_relations(repo, "team")) == 1

    repo.apply(second.inverse(), "lead")

    assert [s.text for s in stored.gold_spans(repo, "team")] == ["Prabowo Subianto"]
    assert stored.gold_relations(repo, "team") == []
    assert [row[0] for row in stored.decision_rows(repo, "team")] == [
        "ana-PER-26",
        "budi-PER-26",
        "citra-ORG-26",
    ]


def test_a_rejection_is_kept_across_connections(repo: Repository) -> None:
    add_team_document(repo)
    curation = curation_of(repo)
    step = reject_edit(curation, reading(curation, "DATE", "Monday"))
    assert isinstance(step, CurationStep)
    repo.apply(step, "lead")

    reopened = curation_of(repo)

    assert stored.gold_spans(repo, "team") == []
    assert reopened.state(reading(reopened, "DATE", "Monday")) == "rejected"


def test_a_decision_on_a_span_that_is_not_there_writes_nothing(repo: Repository) -> None:
    add_team_document(repo)
    step = CurationStep(
        "team", decisions=(("ana-PER-10", None, "accepted"), ("gone", None, "rejected"))
    )

    with pytest.raises(ValidationError, match="no span with id 'gone' in document 'team'"):
        repo.apply(step, "lead")

    assert stored.decisions(repo, "team") == {}


def test_an_unknown_decision_is_refused(repo: Repository) -> None:
    add_team_document(repo)

    with pytest.raises(ValidationError, match="unknown curation decision 'maybe'"):
        repo.apply(CurationStep("team", decisions=(("ana-PER-10", None, "maybe"),)), "lead")


def test_marking_curated_sets_the_gold_status_and_logs_the_curator(repo: Repository) -> None:
    add_team_document(repo)
    repo.viewer = "lead"

    repo.apply(SetAnnotatorStatus("team", GOLD, "todo", "done"), "lead")

    assert stored.gold_status(repo, "team") == "done"
    assert repo.document("team").status == "todo"  # the curator's own status is untouched
    assert repo.edit_log("team")[0].annotator == "lead"


def test_the_gold_status_ignores_the_project_status_of_a_project_of_one(repo: Repository) -> None:
    add_team_document(repo)
    repo.set_document_fields("team", {"status": "done"}, "")

    assert stored.gold_status(repo, "team") == "todo"
