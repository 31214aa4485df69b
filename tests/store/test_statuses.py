"""Each annotator's status of a document, assignments, and the step that made statuses per
annotator out of the one status column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.core.model import Document, Span
from annotator.core.team import GOLD
from annotator.store.db import open_db
from annotator.store.migrations import migrations
from annotator.store.repository import Repository
from annotator.store.statuses import (
    all_statuses,
    assign,
    assignees,
    done_by_all,
    has_assignments,
    has_others,
    put_statuses,
    set_status,
    status_of,
    statuses,
)
from annotator.store.work_queue import corpus_progress, neighbour_unfinished


@pytest.fixture
def three(tmp_path: Path) -> Repository:
    repo = Repository(open_db(tmp_path / "team.db"))
    with repo.transaction():
        for doc_id in ("a", "b", "c"):
            repo.add_document(Document(id=doc_id, text=f"Text {doc_id}."))
    return repo


def test_each_annotator_has_their_own_status(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "ana", "done")
        set_status(three, "a", "budi", "in_progress")
    assert status_of(three, "a", "ana") == "done"
    assert status_of(three, "a", "budi") == "in_progress"
    assert status_of(three, "a", "citra") == "todo"
    assert statuses(three, "a") == {"ana": "done", "budi": "in_progress"}


def test_the_viewer_reads_their_own_status_in_document_and_lists(three: Repository) -> None:
    with three.transaction():
        set_status(three, "b", "ana", "done")
    three.viewer = "ana"
    three.clear_cache()
    assert three.document("b").status == "done"
    assert [d.status for d in three.documents()] == ["todo", "done", "todo"]
    assert corpus_progress(three).done == 1
    assert neighbour_unfinished(three, "a", 1) == "c"
    three.viewer = "budi"
    three.clear_cache()
    assert three.document("b").status == "todo"
    assert corpus_progress(three).done == 0
    assert neighbour_unfinished(three, "a", 1) == "b"


def test_the_list_counts_how_many_annotators_are_done(three: Repository) -> None:
    with three.transaction():
        assign(three, [("a", "ana"), ("a", "budi"), ("a", "citra")])
        set_status(three, "a", "budi", "done")
        set_status(three, "a", "@gold", "done")
    summary = three.documents()[0]
    assert (summary.annotators, summary.done_by) == (3, 1)


def test_a_status_change_is_the_acting_annotators(three: Repository) -> None:
    from annotator.core.edits import UpdateDocument

    three.apply(UpdateDocument("c", {"status": "todo"}, {"status": "needs_review"}), "budi")
    assert statuses(three, "c") == {"budi": "needs_review"}


def test_an_unknown_status_or_document_is_refused(three: Repository) -> None:
    with pytest.raises(ValidationError, match=r"^unknown status 'finished'; use one of todo, "):
        set_status(three, "a", "ana", "finished")
    with pytest.raises(ValidationError, match=r"^no document with id 'zz'$"):
        set_status(three, "zz", "ana", "done")
    assert statuses(three, "a") == {}


def test_assigning_keeps_a_status_and_counts_only_new_assignments(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "ana", "done")
        assert assign(three, [("a", "ana"), ("b", "ana")]) == 2
        assert assign(three, [("a", "ana")]) == 0
    assert status_of(three, "a", "ana") == "done"
    assert assignees(three, "a") == ["ana"]
    assert has_assignments(three, "ana") and not has_assignments(three, "budi")


def test_documents_done_by_all_the_compared_annotators(three: Repository) -> None:
    with three.transaction():
        for doc_id in ("a", "b"):
            set_status(three, doc_id, "ana", "done")
        set_status(three, "b", "budi", "done")
        set_status(three, "c", "budi", "done")
    assert done_by_all(three, ["ana", "budi"], None) == ["b"]
    assert done_by_all(three, ["ana"], ["a", "c"]) == ["a"]
    assert done_by_all(three, [], None) == []


def _project_before_statuses_per_annotator(path: Path) -> None:
    db = Database(path)
    migrations.apply(db, stop_before="0006_annotator_status")
    db.execute("PRAGMA user_version=5")
    for doc_id, status in (("spans-by-two", "done"), ("no-spans", "in_progress"), ("t", "todo")):
        db.execute(
            "INSERT INTO documents(id, position, text, status, created_at) "
            "VALUES (?, 1, 'Jakarta and Bandung.', ?, '2026-01-01')",
            [doc_id, status],
        )
    for span_id, annotator in (("s1", "ana"), ("s2", "budi"), ("s3", "ana")):
        db.execute(
            'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
            "VALUES (?, 'spans-by-two', 'entity', 'GPE', ?, ?, 'x', ?)",
            [span_id, int(span_id[1]), int(span_id[1]) + 1, annotator],
        )
    db.conn.commit()
    db.close()


def test_the_old_status_becomes_the_status_of_each_annotator_with_spans(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _project_before_statuses_per_annotator(path)
    repo = Repository(open_db(path))
    assert statuses(repo, "spans-by-two") == {"ana": "done", "budi": "done"}
    assert statuses(repo, "no-spans") == {"": "in_progress"}  # whoever opens it sees it
    assert status_of(repo, "no-spans", "citra") == "in_progress"
    assert status_of(repo, "no-spans", "@gold") == "todo"  # done alone is not curated
    assert statuses(repo, "t") == {}
    assert "status" not in repo.db["documents"].columns_dict
    assert [s.id for s in repo.spans("spans-by-two")] == ["s1", "s2", "s3"]


def test_a_document_imported_with_a_status_gets_it_for_the_importer(three: Repository) -> None:
    with three.transaction():
        three.add_document(Document(id="d", text="Done text.", status="done"), "ana")
        three.add_spans([Span("s", "d", "entity", "GPE", 0, 4, "Done", "ana")])
    assert statuses(three, "d") == {"ana": "done"}


def test_gold_reads_its_own_status_and_the_project_status_is_not_its(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "", "done")
        set_status(three, "b", "", "done")
        set_status(three, "b", GOLD, "needs_review")
    assert status_of(three, "a", GOLD) == "todo"
    assert status_of(three, "b", GOLD) == "needs_review"
    assert status_of(three, "a", "ana") == "done"  # anyone without a row reads the project's
    with three.transaction():
        set_status(three, "a", "ana", "in_progress")
    assert status_of(three, "a", "ana") == "in_progress"


def test_every_stored_row_with_its_status_and_assignment(three: Repository) -> None:
    assert all_statuses(three) == {}
    with three.transaction():
        set_status(three, "a", "ana", "done")
        assign(three, [("a", "budi"), ("c", "ana")])
    assert all_statuses(three) == {
        "a": {"ana": ("done", False), "budi": ("todo", True)},
        "c": {"ana": ("todo", True)},
    }


def test_assignees_are_sorted_and_a_status_alone_is_no_assignment(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "ana", "done")
        assign(three, [("a", "citra"), ("a", "budi"), ("b", "budi")])
    assert assignees(three, "a") == ["budi", "citra"]
    assert assignees(three, "c") == []
    assert not has_assignments(three, "ana")
    assert has_assignments(three, "citra")


def test_a_name_given_twice_is_one_annotator_to_be_done_by(three: Repository) -> None:
    with three.transaction():
        set_status(three, "c", "ana", "done")
        set_status(three, "a", "ana", "done")
        set_status(three, "b", "ana", "in_progress")
    assert done_by_all(three, ["ana", "ana"], None) == ["a", "c"]
    assert done_by_all(three, ["ana"], ["c", "a", "b"]) == ["a", "c"]  # list order
    assert done_by_all(three, ["ana"], []) == []


def test_rows_read_back_are_written_as_they_are(three: Repository) -> None:
    with three.transaction():
        assign(three, [("a", "ana")])
        written = put_statuses(three, "a", [("ana", "done", False), ("budi", "needs_review", True)])
    assert written == 2
    assert all_statuses(three)["a"] == {
        "ana": ("done", False),
        "budi": ("needs_review", True),
    }


def test_rows_read_back_keep_the_stored_ones_unless_told_to_overwrite(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "ana", "in_progress")
        written = put_statuses(
            three, "a", [("ana", "done", True), ("budi", "done", False)], overwrite=False
        )
    assert written == 1
    assert all_statuses(three)["a"] == {"ana": ("in_progress", False), "budi": ("done", False)}
    assert put_statuses(three, "b", []) == 0


def test_a_row_read_back_with_an_unknown_status_writes_nothing(three: Repository) -> None:
    with (
        pytest.raises(
            ValidationError,
            match=r"^unknown status 'Done'; use one of todo, in_progress, done, needs_review$",
        ),
        three.transaction(),
    ):
        put_statuses(three, "a", [("ana", "done", False), ("budi", "Done", False)])
    assert all_statuses(three) == {}


def test_statuses_list_the_empty_name_first(three: Repository) -> None:
    with three.transaction():
        set_status(three, "a", "budi", "done")
        set_status(three, "a", "", "in_progress")
        set_status(three, "a", "ana", "needs_review")
    assert list(statuses(three, "a")) == ["", "ana", "budi"]
    assert statuses(three, "b") == {}


def test_the_old_status_rows_keep_the_documents_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _project_before_statuses_per_annotator(path)
    db = Database(path)
    db.execute(
        'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
        "VALUES ('s9', 'no-spans', 'entity', 'GPE', 0, 7, 'Jakarta', '')"
    )
    db.conn.commit()
    db.close()
    repo = Repository(open_db(path))
    rows = repo.db.execute(
        "SELECT doc_id, annotator, status, assigned, updated_at FROM document_status "
        "ORDER BY doc_id, annotator"
    ).fetchall()
    assert rows == [
        ("no-spans", "", "in_progress", 0, "2026-01-01"),
        ("spans-by-two", "ana", "done", 0, "2026-01-01"),
        ("spans-by-two", "budi", "done", 0, "2026-01-01"),
    ]
    repo.db.close()


def test_a_project_has_others_once_someone_else_has_a_status_or_an_assignment(
    three: Repository,
) -> None:
    with three.transaction():
        set_status(three, "a", "ana", "done")
        set_status(three, "b", "", "done")
        set_status(three, "c", "@gold", "done")
    assert not has_others(three, "ana")  # the project's and gold's statuses are nobody's
    with three.transaction():
        assign(three, [("a", "budi")])
    assert has_others(three, "ana") and has_others(three, "budi")
