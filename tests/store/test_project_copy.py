"""``store.project_copy``: every table of a project is copied, in batches, with progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import project_copy
from annotator.store.backend import is_postgres
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.project_copy import COPIED_TABLES, copy_project
from annotator.store.repository import Repository
from tests.helpers.full_project import fill_project

_BOOKKEEPING = {"_sqlite_migrations", "sqlite_sequence", "annotator_migrations"}
"""Each database's own record of its schema steps and counters: never copied."""


def _tables(repo: Repository) -> set[str]:
    if is_postgres(repo.db):
        sql = (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    names = {str(row[0]) for row in repo.db.execute(sql)}
    return {name for name in names if not name.startswith("documents_fts")} - _BOOKKEEPING


def test_every_table_of_a_project_is_copied(repo: Repository) -> None:
    assert {table for table, _ in COPIED_TABLES} == _tables(repo)


def test_rows_are_read_in_batches_and_progress_reaches_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Repository(open_db(tmp_path / "source.db"))
    fill_project(source)
    target = open_db(tmp_path / "target.db")
    monkeypatch.setattr(project_copy, "_BATCH_ROWS", 2)
    monkeypatch.setattr(project_copy, "_BATCH_DOCUMENT_ROWS", 1)
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append((done, total, message))

    report = copy_project(source.db, target, progress)
    copied = Repository(target)
    assert copied.document_ids() == ["jakarta", "empty"]
    assert [(s.id, s.attrs) for s in copied.spans("jakarta")] == [
        (s.id, s.attrs) for s in source.spans("jakarta")
    ]
    assert seen[0] == (0, sum(report.rows.values()), "copying")
    assert seen[-1] == (sum(report.rows.values()), sum(report.rows.values()), "edit_log")
    assert [what for _, _, what in seen].count("documents") == 2
    assert report.rows["spans"] == 6
    source.db.close()
    target.close()


def test_a_target_holding_documents_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    source = Repository(open_db(tmp_path / "source.db"))
    fill_project(source)
    target = Repository(open_db(tmp_path / "target.db"))
    fill_project(target)
    log = target.edit_log()
    refusal = r"target\.db: holds 2 document\(s\); the copy needs a new or empty project"
    with pytest.raises(StoreError, match=refusal):
        copy_project(source.db, target.db)
    assert target.edit_log() == log
    source.db.close()
    target.db.close()
