"""How far the corpus is, and which unfinished document comes next, wrapping round."""

from __future__ import annotations

import pytest

from annotator.core.assignment import AssignmentPlan
from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.store.assignments import write_plan
from annotator.store.models import ModelRecord, ensure_model, register_model, store_uncertainty
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.store.work_queue import (
    CorpusProgress,
    QueueOrder,
    corpus_progress,
    neighbour_unfinished,
    ordered_queue,
    queue_document_ids,
    queue_uncertainty,
)


@pytest.fixture
def queue(repo: Repository) -> Repository:
    """Documents a..e in list order; b and d are done."""
    with repo.transaction():
        for doc_id in "abcde":
            status = "done" if doc_id in "bd" else "todo"
            repo.add_document(Document(id=doc_id, text=f"Baku {doc_id}", status=status))
    return repo


@pytest.mark.parametrize(
    ("current", "step", "expected"),
    [
        ("a", 1, "c"),
        ("c", 1, "e"),
        ("e", 1, "a"),  # wraps round to the first
        ("b", 1, "c"),  # from a done document
        ("a", -1, "e"),  # wraps round to the last
        ("c", -1, "a"),
        ("e", -1, "c"),
        ("d", -1, "c"),
        (None, 1, "a"),
        (None, -1, "e"),
        ("gone", 1, "a"),
        ("gone", -1, "e"),
    ],
)
def test_the_neighbouring_unfinished_document(
    queue: Repository, current: str | None, step: int, expected: str
) -> None:
    assert neighbour_unfinished(queue, current, step) == expected


def test_the_last_unfinished_document_is_its_own_neighbour_and_none_when_all_are_done(
    queue: Repository,
) -> None:
    for doc_id in "ae":
        queue.set_document_fields(doc_id, {"status": "done"})
    assert neighbour_unfinished(queue, "c", 1) == "c"
    assert neighbour_unfinished(queue, "c", -1) == "c"
    queue.set_document_fields("c", {"status": "needs_review"})
    assert neighbour_unfinished(queue, "a", 1) == "c"
    queue.set_document_fields("c", {"status": "done"})
    assert neighbour_unfinished(queue, "c", 1) is None
    assert neighbour_unfinished(queue, None, -1) is None


def test_progress_counts_done_documents_and_spans_per_label_most_first(queue: Repository) -> None:
    assert corpus_progress(queue) == CorpusProgress(5, 2, {})
    for doc_id, label in (("a", "GPE"), ("b", "LOC"), ("c", "GPE"), ("d", "ORG")):
        doc = queue.document(doc_id)
        queue.apply(AddSpan(make_span(doc, "entity", label, 0, 4, "ann")), "ann")
    progress = corpus_progress(queue)
    assert (progress.documents, progress.done, progress.spans) == (5, 2, 4)
    assert list(progress.spans_per_label.items()) == [("GPE", 2), ("LOC", 1), ("ORG", 1)]


def test_an_empty_corpus_has_no_progress(repo: Repository) -> None:
    assert corpus_progress(repo) == CorpusProgress(0, 0, {})
    assert CorpusProgress().spans == 0
    assert neighbour_unfinished(repo, None, 1) is None


@pytest.fixture
def assigned(queue: Repository) -> Repository:
    """The a..e queue (b and d done for everyone) with a, b and e assigned to ana, c to budi."""
    pairs = (("a", "ana"), ("b", "ana"), ("e", "ana"), ("c", "budi"))
    write_plan(queue, AssignmentPlan(pairs, {}, {}))
    queue.viewer = "ana"
    queue.clear_cache()
    return queue


def test_an_annotator_with_assignments_queues_only_those(assigned: Repository) -> None:
    assert queue_document_ids(assigned) == ["a", "b", "e"]
    assert neighbour_unfinished(assigned, "a", 1) == "e"  # b is done, c and d are not ana's
    assert neighbour_unfinished(assigned, "e", 1) == "a"
    assert neighbour_unfinished(assigned, "a", -1) == "e"
    assert neighbour_unfinished(assigned, "c", 1) == "e"  # from a document outside the queue
    assert neighbour_unfinished(assigned, None, 1) == "a"
    with assigned.transaction():
        set_status(assigned, "a", "ana", "done")
        set_status(assigned, "e", "ana", "done")
    assert neighbour_unfinished(assigned, "a", 1) is None  # c is unfinished, but budi's


def test_progress_with_assignments_counts_the_assigned_documents_and_their_spans(
    assigned: Repository,
) -> None:
    for doc_id, label in (("a", "GPE"), ("c", "LOC"), ("e", "ORG")):
        doc = assigned.document(doc_id)
        assigned.apply(AddSpan(make_span(doc, "entity", label, 0, 4, "ann")), "ann")
    assert corpus_progress(assigned) == CorpusProgress(3, 1, {"GPE": 1, "ORG": 1}, True)


def test_without_assignments_the_queue_is_every_document(assigned: Repository) -> None:
    assigned.viewer = "citra"
    assert queue_document_ids(assigned) == list("abcde")
    assert corpus_progress(assigned) == CorpusProgress(5, 2, {}, False)
    assert neighbour_unfinished(assigned, "a", 1) == "c"


def test_an_assigned_queue_follows_the_list_order_not_the_ids(repo: Repository) -> None:
    with repo.transaction():
        for doc_id in "zyxw":
            repo.add_document(Document(id=doc_id, text=f"Baku {doc_id}"))
    write_plan(repo, AssignmentPlan((("x", "ana"), ("z", "ana"), ("w", "ana")), {}, {}))
    with repo.transaction():
        set_status(repo, "w", "budi", "done")  # someone else's done is not ana's
        set_status(repo, "y", "ana", "done")  # done, but not in ana's queue
    repo.viewer = "ana"
    assert queue_document_ids(repo) == ["z", "x", "w"]
    assert neighbour_unfinished(repo, "z", 1) == "x"
    assert neighbour_unfinished(repo, "w", 1) == "z"
    assert neighbour_unfinished(repo, "x", -1) == "z"
    assert neighbour_unfinished(repo, "y", -1) == "z"
    assert neighbour_unfinished(repo, None, -1) == "w"
    assert corpus_progress(repo) == CorpusProgress(3, 0, {}, True)


def scored(repo: Repository, model_id: str, scores: dict[str, float], at: str = "") -> None:
    """``model_id`` recorded in the project, with its uncertainty about these documents."""
    record = ModelRecord(model_id, model_id.split("@")[0], "/models/x", "", at, {"id": model_id})
    with repo.transaction():
        ensure_model(repo, record)
        store_uncertainty(repo, model_id, "tester", scores)


UNCERTAIN = QueueOrder("uncertainty")


def test_the_uncertainty_order_puts_the_least_certain_first_and_unscored_ones_after(
    queue: Repository,
) -> None:
    scored(queue, "m@1", {"c": 0.02, "e": 0.3, "b": 0.5})
    assert ordered_queue(queue, UNCERTAIN) == ["b", "e", "c", "a", "d"]
    assert queue_uncertainty(queue) == {"c": 0.02, "e": 0.3, "b": 0.5}


@pytest.mark.parametrize(
    ("current", "step", "expected"),
    [
        (None, 1, "e"),  # b is the least certain, but done
        ("e", 1, "c"),
        ("c", 1, "a"),  # the unscored ones come after the scored
        ("a", 1, "e"),  # wraps round
        ("e", -1, "a"),
        ("b", 1, "e"),  # from a done document
        ("gone", 1, "e"),
    ],
)
def test_next_unfinished_follows_the_uncertainty_order(
    queue: Repository, current: str | None, step: int, expected: str
) -> None:
    scored(queue, "m@1", {"c": 0.02, "e": 0.3, "b": 0.5})
    assert neighbour_unfinished(queue, current, step, UNCERTAIN) == expected


def test_the_latest_scoring_model_orders_unless_another_is_chosen(queue: Repository) -> None:
    scored(queue, "m@1", {"a": 0.9, "c": 0.1})
    scored(queue, "m@2", {"a": 0.1, "c": 0.9, "e": 0.5})
    assert ordered_queue(queue, UNCERTAIN) == ["c", "e", "a", "b", "d"]
    assert ordered_queue(queue, QueueOrder("uncertainty", model_id="m@1")) == [
        "a",
        "c",
        "b",
        "d",
        "e",
    ]


def test_without_scores_the_uncertainty_order_is_the_list_order(queue: Repository) -> None:
    assert ordered_queue(queue, UNCERTAIN) == list("abcde")
    assert neighbour_unfinished(queue, "a", 1, UNCERTAIN) == "c"


def test_the_random_order_is_the_same_for_a_seed_and_keeps_places_when_documents_come(
    queue: Repository,
) -> None:
    first = ordered_queue(queue, QueueOrder("random", seed=7))
    assert sorted(first) == list("abcde")
    assert ordered_queue(queue, QueueOrder("random", seed=7)) == first
    others = {tuple(ordered_queue(queue, QueueOrder("random", seed=n))) for n in range(8)}
    assert len(others) > 1
    with queue.transaction():
        queue.add_document(Document(id="f", text="Baku f"))
    again = ordered_queue(queue, QueueOrder("random", seed=7))
    assert [doc_id for doc_id in again if doc_id != "f"] == first
    unfinished = [d for d in again if d not in "bd"]
    for k, doc_id in enumerate(unfinished):
        following = unfinished[(k + 1) % len(unfinished)]
        assert neighbour_unfinished(queue, doc_id, 1, QueueOrder("random", seed=7)) == following


def test_a_model_is_recorded_once_however_often_it_scores(queue: Repository) -> None:
    register_model(queue, ModelRecord("m@1", "m", "/a", "ann", "2026", {"id": "m@1"}))
    scored(queue, "m@1", {"a": 0.5})
    scored(queue, "m@1", {"a": 0.25})
    rows = queue.db.execute("SELECT path, annotator FROM models").fetchall()
    assert [tuple(row) for row in rows] == [("/a", "ann")]
    assert queue_uncertainty(queue, "m@1") == {"a": 0.25}
