"""Reading and writing assignments: existing ones, team statuses, the annotators a project
knows, and a plan written in one transaction."""

from __future__ import annotations

import pytest

from annotator.core.assignment import AssignmentPlan, plan_assignment
from annotator.core.edits import AddSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Span, make_span
from annotator.core.team import GOLD
from annotator.store.assignments import (
    assignments,
    check_documents,
    documents_not_done,
    documents_with_team_status,
    done_by,
    known_annotators,
    team_statuses,
    write_plan,
)
from annotator.store.project_merge import StatusRow, put_status, status_rows
from annotator.store.repository import Repository
from annotator.store.statuses import set_status, statuses


@pytest.fixture
def four(repo: Repository) -> Repository:
    """Documents a..d; d was done before statuses were per annotator (the empty name's row)."""
    with repo.transaction():
        for doc_id in "abc":
            repo.add_document(Document(id=doc_id, text=f"Text {doc_id}."))
        repo.add_document(Document(id="d", text="Text d.", status="done"))
    return repo


def test_a_plan_is_written_once_and_read_back(four: Repository) -> None:
    plan = plan_assignment(list("abcd"), ["ana", "budi"], 1, seed=0)
    assert write_plan(four, plan) == 4
    assert assignments(four) == {doc_id: {name} for doc_id, name in plan.pairs}
    again = plan_assignment(list("abcd"), ["ana", "budi"], 1, existing=assignments(four))
    assert again.pairs == ()
    assert write_plan(four, again) == 0


def test_an_assigned_annotator_keeps_the_status_they_saw(four: Repository) -> None:
    with four.transaction():
        set_status(four, "a", "ana", "in_progress")
    write_plan(four, AssignmentPlan((("a", "ana"), ("d", "ana"), ("b", "ana")), {}, {}))
    assert statuses(four, "a") == {"ana": "in_progress"}
    assert statuses(four, "d") == {"": "done", "ana": "done"}  # the project's status
    assert statuses(four, "b") == {"ana": "todo"}
    four.viewer = "ana"
    assert [s.status for s in four.documents()] == ["in_progress", "todo", "todo", "done"]


def test_a_team_status_is_the_furthest_any_annotator_got(four: Repository) -> None:
    with four.transaction():
        set_status(four, "a", "ana", "done")
        set_status(four, "a", "budi", "in_progress")
        set_status(four, "b", "budi", "needs_review")
        set_status(four, "c", "@gold", "done")  # gold is not an annotator's progress
    assert team_statuses(four) == {"a": "done", "b": "needs_review", "c": "todo", "d": "done"}
    assert documents_with_team_status(four, "todo") == ["c"]
    assert documents_with_team_status(four, "done") == ["a", "d"]
    assert documents_not_done(four) == ["b", "c"]
    with pytest.raises(ValidationError, match="unknown status 'finished'; use one of todo"):
        documents_with_team_status(four, "finished")


def test_the_annotators_a_project_knows(four: Repository) -> None:
    assert known_annotators(four) == []
    with four.transaction():
        set_status(four, "a", "Citra", "done")
        set_status(four, "a", "@gold", "done")
    write_plan(four, AssignmentPlan((("b", "budi"),), {}, {}))
    four.apply(AddSpan(make_span(four.document("c"), "entity", "GPE", 0, 4, "ana")), "ana")
    assert known_annotators(four) == ["ana", "budi", "Citra"]


def test_done_by_counts_the_annotators_of_one_document(four: Repository) -> None:
    write_plan(four, AssignmentPlan((("a", "ana"), ("a", "budi")), {}, {}))
    with four.transaction():
        set_status(four, "a", "budi", "done")
        set_status(four, "a", "@gold", "done")
    assert done_by(four, "a") == (1, 2)
    assert done_by(four, "d") == (0, 0)  # the empty name is nobody


def test_unknown_document_ids_are_named(four: Repository) -> None:
    assert check_documents(four, ["b", "a", "b"]) == ["b", "a"]
    with pytest.raises(ValidationError, match=r"^no document with id 'x', 'y'$"):
        check_documents(four, ["a", "x", "y"])


def test_a_named_annotators_status_outweighs_the_project_status(four: Repository) -> None:
    with four.transaction():
        set_status(four, "d", "ana", "todo")  # d is done under the empty name
        set_status(four, "a", "ana", "needs_review")
        set_status(four, "a", "budi", "in_progress")
        set_status(four, "b", "ana", "in_progress")
        set_status(four, "b", "budi", "todo")
        set_status(four, "c", "", "needs_review")
        set_status(four, "c", GOLD, "done")
    assert team_statuses(four) == {
        "a": "needs_review",
        "b": "in_progress",
        "c": "needs_review",
        "d": "todo",
    }
    assert documents_with_team_status(four, "in_progress") == ["b"]
    assert documents_not_done(four) == ["a", "b", "c", "d"]


def test_an_empty_project_has_no_team_statuses_or_assignments(repo: Repository) -> None:
    assert team_statuses(repo) == {}
    assert assignments(repo) == {}
    assert check_documents(repo, []) == []


def test_a_status_alone_is_no_assignment(four: Repository) -> None:
    with four.transaction():
        set_status(four, "a", "ana", "done")
    write_plan(four, AssignmentPlan((("b", "ana"), ("b", "budi")), {}, {}))
    assert assignments(four) == {"b": {"ana", "budi"}}


def test_an_assignment_is_seen_at_once_by_its_annotator(four: Repository) -> None:
    four.viewer = "ana"
    assert four.document("d").status == "done"
    with four.transaction():
        set_status(four, "d", "", "in_progress")
    write_plan(four, AssignmentPlan((("d", "ana"),), {}, {}))
    assert four.document("d").status == "in_progress"  # the cached copy was read again
    assert statuses(four, "d") == {"": "in_progress", "ana": "in_progress"}


def test_known_annotators_come_from_statuses_assignments_and_spans(four: Repository) -> None:
    with four.transaction():
        set_status(four, "a", "", "done")
        four.add_spans([Span("s1", "a", "entity", "GPE", 0, 4, "Text", "dewi")])
        four.add_spans([Span("s2", "a", "entity", "GPE", 0, 4, "Text", "")])
        four.add_spans([Span("s3", "a", "entity", "GPE", 0, 4, "Text", GOLD)])
        set_status(four, "b", "Ana", "in_progress")
        set_status(four, "c", "budi", "in_progress")
    assert known_annotators(four) == ["Ana", "budi", "dewi"]


def test_the_furthest_status_wins_whoever_holds_it(four: Repository) -> None:
    with four.transaction():
        four.add_document(Document(id="e", text="Text e."))
        set_status(four, "a", "ana", "todo")
        set_status(four, "a", "budi", "in_progress")
        set_status(four, "b", "ana", "in_progress")
        set_status(four, "b", "budi", "needs_review")
    teams = team_statuses(four)
    assert (teams["a"], teams["b"], teams["e"]) == ("in_progress", "needs_review", "todo")


def test_a_status_this_version_does_not_know_counts_as_not_started(four: Repository) -> None:
    with four.transaction():
        four.db.execute(
            "INSERT INTO document_status(doc_id, annotator, status) VALUES "
            "('a', 'ana', 'todo'), ('a', 'budi', 'archived'), ('b', 'ana', 'archived')"
        )
    teams = team_statuses(four)
    assert (teams["a"], teams["b"]) == ("todo", "archived")


def test_assigning_gold_does_not_make_the_project_status_its_own(four: Repository) -> None:
    write_plan(four, AssignmentPlan((("d", GOLD),), {}, {}))
    assert statuses(four, "d") == {"": "done", GOLD: "todo"}


def test_an_assignment_keeps_the_time_of_the_status_it_keeps(four: Repository) -> None:
    with four.transaction():
        put_status(four, StatusRow("a", "ana", "in_progress", False, "2020-01-01"))
    write_plan(four, AssignmentPlan((("a", "ana"),), {}, {}))
    assert status_rows(four, "a") == [StatusRow("a", "ana", "in_progress", True, "2020-01-01")]
