"""The reads and writes of a merge of project files (``store.project_merge``)."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.model import Document
from annotator.core.tokenisation import Tokenisation
from annotator.store import project_merge
from annotator.store.curation import set_decision
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.migrations import migrations
from annotator.store.page_sources import KeptPage, keep_page, kept_page
from annotator.store.project_merge import (
    StatusRow,
    StoredDocument,
    add_decisions,
    add_log_rows,
    copy_document_extras,
    curation_decision_rows,
    database_path,
    document_count,
    insert_document,
    log_keys,
    log_rows,
    open_source,
    put_status,
    source_summary,
    status_rows,
    stored_documents,
    stored_text,
    taken_ids,
)
from annotator.store.repository import Repository
from annotator.store.tokens import kept_tokens, save_tokens
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


def _older_project(path: Path) -> Path:
    """A project as annotator wrote it before statuses were per annotator."""
    db = Database(path)
    migrations.apply(db, stop_before="0006_annotator_status")
    db.execute("PRAGMA user_version=5")
    db.execute(
        "INSERT INTO documents(id, position, text, status, created_at) "
        "VALUES ('old', 1, 'Jakarta and Bandung.', 'done', '2025-01-01')"
    )
    db.execute(
        'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
        "VALUES ('s1', 'old', 'entity', 'GPE', 0, 7, 'Jakarta', 'ana')"
    )
    db.conn.commit()
    db.close()
    return path


def test_an_older_project_is_read_through_an_upgraded_copy_left_unchanged(
    tmp_path: Path,
) -> None:
    path = _older_project(tmp_path / "old.db")
    before = path.read_bytes()
    source = open_source(path)
    scratch = source.scratch
    assert source.upgraded and scratch is not None and scratch.is_dir()
    [row] = status_rows(source.repo, "old")
    assert (row.annotator, row.status, row.updated_at) == ("ana", "done", "2025-01-01")
    assert database_path(source.repo) != path
    source.close()
    assert not scratch.exists()
    assert path.read_bytes() == before
    summary = source_summary(path)
    assert (summary.documents, summary.spans, summary.unattributed_spans) == (1, 1, 0)


def test_a_file_that_is_no_project_is_refused_as_an_open_refuses_it(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match=r"notes\.db.*not a SQLite database"):
        open_source(notes)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.commit()
    with pytest.raises(StoreError, match=r"other\.db: is a SQLite database of another program"):
        open_source(other)


def test_a_project_of_a_newer_annotator_is_refused(tmp_path: Path) -> None:
    path = team_project(tmp_path / "p.db")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
            "VALUES ('annotator', '0099_future', '2030-01-01')"
        )
        conn.commit()
    with pytest.raises(StoreError, match=r"p\.db: the database was written by a newer annotator"):
        open_source(path)


def test_texts_and_the_document_count(tmp_path: Path) -> None:
    repo = Repository(open_db(team_project(tmp_path / "p.db")))
    assert stored_text(repo, "news") == NEWS
    assert stored_text(repo, "nothing") is None
    assert document_count(repo) == 2
    repo.db.close()


def test_an_inserted_document_goes_last_with_its_fields_and_creation_time(
    tmp_path: Path,
) -> None:
    source = open_source(team_project(tmp_path / "p.db"))
    [news, _weather] = stored_documents(source.repo)
    source.close()
    target = Repository(open_db(tmp_path / "t.db"))
    doc = Document(
        "extra",
        "Dua kata.",
        title="Extra",
        lang="id",
        meta={"source": "web"},
        encoding="latin-1",
        note="checked",
        labels={"topic": "politics"},
    )
    with target.transaction():
        insert_document(target, news)
        insert_document(target, StoredDocument(doc, "2020-02-02T00:00:00"))
    assert target.document_ids() == ["news", "extra"]
    assert [d for d in stored_documents(target)] == [
        news,
        StoredDocument(doc, "2020-02-02T00:00:00"),
    ]
    target.db.close()


def test_kept_tokens_and_pages_are_copied_and_never_replace_the_targets(tmp_path: Path) -> None:
    source = Repository(open_db(team_project(tmp_path / "s.db")))
    target = Repository(open_db(team_project(tmp_path / "t.db")))
    tokens = Tokenisation((0, 4), (3, 9), (0,))
    with source.transaction():
        save_tokens(source, "news", tokens)
        keep_page(source, "news", KeptPage(b"<p>news</p>", "https://example.org", {"a": 1}))
        save_tokens(source, "weather", tokens)
        keep_page(source, "weather", KeptPage(b"<p>source</p>"))
    with target.transaction():
        keep_page(target, "weather", KeptPage(b"<p>target</p>"))
        save_tokens(target, "weather", Tokenisation((0,), (4,), (0,)))
    with target.transaction():
        copy_document_extras(source, target, "news")
        copy_document_extras(source, target, "weather")
    assert kept_tokens(target, "news") == tokens
    assert kept_page(target, "news") == KeptPage(b"<p>news</p>", "https://example.org", {"a": 1})
    assert kept_page(target, "weather") == KeptPage(b"<p>target</p>")
    assert kept_tokens(target, "weather") == Tokenisation((0,), (4,), (0,))


def test_a_document_without_extras_copies_none(tmp_path: Path) -> None:
    source = Repository(open_db(team_project(tmp_path / "s.db")))
    target = Repository(open_db(team_project(tmp_path / "t.db")))
    with target.transaction():
        copy_document_extras(source, target, "news")
    assert kept_tokens(target, "news") is None and kept_page(target, "news") is None


def test_decisions_are_copied_with_their_curator_and_time(tmp_path: Path) -> None:
    source = Repository(open_db(team_project(tmp_path / "s.db")))
    with source.transaction():
        set_decision(source, "news", "s2", "rejected", "lead")
        set_decision(source, "news", "s1", "accepted", "second")
        set_decision(source, "weather", "s3", "accepted", "lead")
    rows = curation_decision_rows(source, "news")
    assert [(r.span_id, r.decision, r.curator) for r in rows] == [
        ("s1", "accepted", "second"),
        ("s2", "rejected", "lead"),
    ]
    target = Repository(open_db(team_project(tmp_path / "t.db")))
    with target.transaction():
        assert add_decisions(target, rows) == 2
        assert add_decisions(target, []) == 0
    assert curation_decision_rows(target, "news") == rows
    assert curation_decision_rows(target, "weather") == []


def test_edit_log_entries_are_read_oldest_first_and_copied_as_stored(tmp_path: Path) -> None:
    path = team_project(tmp_path / "s.db")
    annotate(path, "ana", [("news", "PER", 0, 9)], statuses={"weather": "done"})
    source = Repository(open_db(path))
    with source.transaction():
        source.log("ana", "note", None, "a project-wide entry", {"x": 1})
    rows = list(log_rows(source))
    assert [(r.annotator, r.kind, r.doc_id) for r in rows] == [
        ("ana", "add_span", "news"),
        ("ana", "update_document", "weather"),
        ("ana", "note", None),
    ]
    assert json.loads(rows[-1].payload) == {"x": 1}
    assert log_keys(source) == {r.key() for r in rows}
    assert rows[0].key() == (rows[0].ts, "ana", "news", "add_span", rows[0].summary)
    target = Repository(open_db(team_project(tmp_path / "t.db")))
    assert log_keys(target) == set()
    with target.transaction():
        assert add_log_rows(target, rows) == 3
    assert list(log_rows(target)) == rows


def test_taken_ids_are_found_across_query_chunks_in_every_table(tmp_path: Path) -> None:
    path = team_project(tmp_path / "p.db")
    spans = [("news", "PER", 0, 9), ("news", "GPE", 29, 36)]
    [first, second] = annotate(path, "ana", spans, relations=[("located_in", 0, 1)])
    repo = Repository(open_db(path))
    [relation] = repo.relations("news")
    asked = [f"id-{n}" for n in range(1000)] + [second] + [f"more-{n}" for n in range(20)]
    assert taken_ids(repo, "spans", [first, *asked]) == {first, second}
    assert taken_ids(repo, "relations", [*asked, relation.id]) == {relation.id}
    assert taken_ids(repo, "suggestions", asked) == set()
    assert taken_ids(repo, "spans", []) == set()
    repo.db.close()


def test_a_database_in_memory_has_no_path() -> None:
    assert database_path(Repository(open_db(":memory:"))) is None


def test_a_source_knows_its_file_and_reads_the_copy_in_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    path = team_project(tmp_path / "p.db")
    current = open_source(path)
    assert (current.path, current.scratch) == (path, None)
    current.close()
    older = _older_project(tmp_path / "old.db")
    source = open_source(older)
    assert source.path == older
    assert source.scratch is not None and source.scratch.parent == temporary
    assert source.scratch.name.startswith("annotator-merge-")
    assert database_path(source.repo) == source.scratch / "source.db"
    source.close()
    source.close()  # closing twice is harmless
    assert list(temporary.iterdir()) == []


def test_a_failed_copy_of_an_older_project_leaves_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    def full_disk(*_args: object) -> None:
        raise StoreError("source.db: the disk is full")

    monkeypatch.setattr(project_merge, "copy_database", full_disk)
    with pytest.raises(StoreError, match=r"^source\.db: the disk is full$"):
        open_source(_older_project(tmp_path / "old.db"))
    assert list(temporary.iterdir()) == []
