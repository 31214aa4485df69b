"""How far the corpus is, and which unfinished document comes next, wrapping round."""

from __future__ import annotations

import pytest

from annotator.core.assignment import AssignmentPlan
from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.store.assignments import write_plan
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.store.work_queue import (
    CorpusProgress,
    corpus_progress,
    neighbour_unfinished,
    queue_document_ids,
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
