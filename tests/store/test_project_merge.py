"""The reads and writes of a merge of project files (``store.project_merge``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.project_merge import (
    StatusRow,
    database_path,
    open_source,
    put_status,
    source_summary,
    status_rows,
    stored_documents,
    taken_ids,
)
from annotator.store.repository import Repository
from tests.helpers.team_copies import NEWS, annotate, team_project


def test_the_summary_counts_documents_spans_and_spans_without_an_annotator(
    tmp_path: Path,
) -> None:
    path = team_project(tmp_path / "p.db")
    annotate(path, "", [("news", "PER", 0, 9)])
    annotate(path, "ana", [("news", "GPE", 29, 36)])
    summary = source_summary(path)
    assert (summary.documents, summary.spans, summary.unattributed_spans) == (2, 2, 1)


def test_a_source_is_opened_read_only(tmp_path: Path) -> None:
    source = open_source(team_project(tmp_path / "p.db"))
    with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
        source.repo.db.execute("DELETE FROM documents")
    assert not source.upgraded
    source.close()


def test_a_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"missing\.db: no such database"):
        open_source(tmp_path / "missing.db")


def test_documents_are_read_in_list_order_with_their_creation_time(tmp_path: Path) -> None:
    source = open_source(team_project(tmp_path / "p.db"))
    found = list(stored_documents(source.repo))
    source.close()
    assert [(d.document.id, d.document.text[:9]) for d in found] == [
        ("news", NEWS[:9]),
        ("weather", "Rain in B"),
    ]
    assert all(d.created_at for d in found)


def test_taken_ids_names_only_ids_the_project_uses(tmp_path: Path) -> None:
    path = team_project(tmp_path / "p.db")
    [span_id] = annotate(path, "ana", [("news", "PER", 0, 9)])
    repo = Repository(open_db(path))
    assert taken_ids(repo, "spans", [span_id, "s-unknown"]) == {span_id}
    assert database_path(repo) == path
    repo.db.close()


def test_a_status_row_is_written_as_given_and_replaces_the_stored_one(tmp_path: Path) -> None:
    repo = Repository(open_db(team_project(tmp_path / "p.db")))
    with repo.transaction():
        put_status(repo, StatusRow("news", "ana", "done", False, "2026-01-01"))
        put_status(repo, StatusRow("news", "ana", "in_progress", True, "2026-01-02"))
    assert status_rows(repo, "news") == [
        StatusRow("news", "ana", "in_progress", True, "2026-01-02")
    ]
    repo.db.close()
