"""Curation steps in the store: gold rows, decisions and the edit log, in one transaction."""

from __future__ import annotations

import pytest

from annotator.core.comparison import Version
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span
from annotator.core.operations.curation import accept_edit, reject_edit
from annotator.core.team import GOLD
from annotator.store import curation as stored
from annotator.store.backend import integrity_errors
from annotator.store.repository import Repository
from annotator.store.statuses import set_status, statuses
from annotator.store.writer import ValidatingWriter
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


def test_a_decision_is_recorded_changed_and_forgotten(repo: Repository) -> None:
    add_team_document(repo)
    with repo.transaction():
        stored.set_decision(repo, "team", "ana-PER-26", "accepted", "lead")
        stored.set_decision(repo, "team", "budi-PER-26", "accepted", "lead")
    with repo.transaction():
        stored.set_decision(repo, "team", "ana-PER-26", "rejected", "second")
    assert stored.decision_rows(repo, "team") == [
        ("ana-PER-26", "rejected", "second"),
        ("budi-PER-26", "accepted", "lead"),
    ]
    with repo.transaction():
        stored.set_decision(repo, "team", "ana-PER-26", None, "second")
        stored.set_decision(repo, "team", "never-decided", None, "second")
    assert stored.decisions(repo, "team") == {"budi-PER-26": "accepted"}


def test_an_unknown_decision_names_the_ones_there_are(repo: Repository) -> None:
    add_team_document(repo)
    with pytest.raises(
        ValidationError,
        match=r"^unknown curation decision 'Accepted'; use one of accepted, rejected$",
    ):
        stored.set_decision(repo, "team", "ana-PER-26", "Accepted", "lead")
    assert stored.decision_rows(repo, "team") == []


def test_gold_is_read_in_document_order_and_only_gold(repo: Repository) -> None:
    doc = add_team_document(repo)
    joko, jakarta = doc.text.index("Joko"), doc.text.index("Jakarta")
    with repo.transaction():
        repo.add_spans(
            [
                Span("g3", "team", "entity", "GPE", jakarta, jakarta + 7, "Jakarta", GOLD),
                Span("g2", "team", "entity", "PER", joko, joko + 4, "Joko", GOLD),
                Span("g1", "team", "entity", "PER", joko, joko + 11, "Joko Widodo", GOLD),
                Span("g0", "team", "entity", "LOC", joko, joko + 4, "Joko", GOLD),
            ]
        )
        repo.add_relations([Relation("gr", "team", "located_in", "g1", "g3", GOLD)])
    assert [s.id for s in stored.gold_spans(repo, "team")] == ["g1", "g0", "g2", "g3"]
    assert [r.id for r in stored.gold_relations(repo, "team")] == ["gr"]
    assert stored.gold_spans(repo, "no-such-document") == []


def test_the_gold_status_is_the_gold_row(repo: Repository) -> None:
    add_team_document(repo)
    assert stored.gold_status(repo, "team") == "todo"
    with repo.transaction():
        set_status(repo, "team", "ana", "done")
        set_status(repo, "team", GOLD, "in_progress")
    assert stored.gold_status(repo, "team") == "in_progress"


def test_a_decision_is_the_viewers_when_the_edit_names_no_one(repo: Repository) -> None:
    add_team_document(repo)
    repo.viewer = "lead"
    with repo.transaction():
        ValidatingWriter(repo).set_curation_decision("team", "ana-PER-26", "accepted")
        ValidatingWriter(repo, "second").set_curation_decision("team", "budi-PER-26", "rejected")
    assert stored.decision_rows(repo, "team") == [
        ("ana-PER-26", "accepted", "lead"),
        ("budi-PER-26", "rejected", "second"),
    ]


def test_a_decision_on_a_span_of_another_document_is_refused(repo: Repository) -> None:
    add_team_document(repo)
    with repo.transaction():
        repo.add_document(Document(id="other", text="Jakarta."))
    with pytest.raises(
        ValidationError, match=r"^no span with id 'ana-PER-26' in document 'other'$"
    ):
        repo.apply(CurationStep("other", decisions=(("ana-PER-26", None, "accepted"),)), "lead")
    assert stored.decisions(repo, "other") == {}


def test_forgetting_a_decision_on_a_deleted_span_is_allowed(repo: Repository) -> None:
    add_team_document(repo)
    with repo.transaction():
        stored.set_decision(repo, "team", "gone", "rejected", "lead")
    repo.apply(CurationStep("team", decisions=(("gone", "rejected", None),)), "lead")
    assert stored.decisions(repo, "team") == {}


def test_a_decision_of_an_unknown_kind_is_refused_by_the_table(repo: Repository) -> None:
    add_team_document(repo)
    with pytest.raises(integrity_errors(), match=r"(?i)check constraint"):
        repo.db.execute(
            "INSERT INTO curation_decisions(doc_id, span_id, decision, curator, decided_at) "
            "VALUES ('team', 'ana-PER-26', 'maybe', 'lead', '2026-01-01')"
        )


def test_deleting_a_document_deletes_its_decisions(repo: Repository) -> None:
    add_team_document(repo)
    with repo.transaction():
        stored.set_decision(repo, "team", "ana-PER-26", "accepted", "lead")
        repo.db.execute("DELETE FROM relations WHERE doc_id = 'team'")
        repo.db.execute("DELETE FROM spans WHERE doc_id = 'team'")
        repo.db.execute("DELETE FROM documents WHERE id = 'team'")
    assert repo.db.execute("SELECT count(*) FROM curation_decisions").fetchone()[0] == 0


def test_a_curator_marks_an_annotators_status_for_them(repo: Repository) -> None:
    add_team_document(repo)
    repo.viewer = "ana"
    assert repo.document("team").status == "todo"
    repo.apply(SetAnnotatorStatus("team", "ana", "todo", "needs_review"), "lead")
    assert repo.document("team").status == "needs_review"  # the cached copy was dropped
    assert statuses(repo, "team") == {"ana": "needs_review"}


def test_the_decisions_of_one_document_by_span_id(repo: Repository) -> None:
    add_team_document(repo)
    with repo.transaction():
        repo.add_document(Document(id="other", text="Jakarta and Bandung."))
    with repo.transaction():
        stored.set_decision(repo, "team", "ana-PER-26", "accepted", "lead")
        stored.set_decision(repo, "team", "citra-ORG-26", "rejected", "lead")
        stored.set_decision(repo, "other", "x", "accepted", "lead")
    assert stored.decisions(repo, "team") == {
        "ana-PER-26": "accepted",
        "citra-ORG-26": "rejected",
    }
    assert stored.decisions(repo, "other") == {"x": "accepted"}
    assert stored.decisions(repo, "no-such-document") == {}
