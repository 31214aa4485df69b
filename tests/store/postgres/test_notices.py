"""Notices of committed changes on a server project, read by a listener on its own connection."""

from __future__ import annotations

import select
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.edits import AddSpan, RemoveSpan
from annotator.core.model import Document, Span, make_span
from annotator.seed import ensure_project
from annotator.store.curation import set_decision
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.postgres.database import PgDatabase
from annotator.store.postgres.notices import (
    ChangeListener,
    ChangeNotice,
    ListenerLost,
    backend_pid,
    parse_notice,
)
from annotator.store.repository import Repository
from tests.helpers.postgres import PgServer

TEXT = "Ana met Ben in Jakarta and Surabaya before the Rotterdam talks."


def as_annotator(url: str, name: str) -> Repository:
    """One copy of the app: its own connection, its own annotator."""
    return Repository(open_db(url), name)


def server_db(repo: Repository) -> PgDatabase:
    assert isinstance(repo.db, PgDatabase)
    return repo.db


@pytest.fixture
def project(pg_url: str) -> Iterator[Repository]:
    """A server project with one document, opened as the annotator ana."""
    repo = as_annotator(pg_url, "ana")
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT, title="One"))
    yield repo
    repo.db.close()


@pytest.fixture
def listener(pg_url: str, project: Repository) -> Iterator[ChangeListener]:
    heard = ChangeListener(pg_url)
    yield heard
    heard.close()


def span_of(repo: Repository, doc_id: str, needle: str, annotator: str, label: str = "GPE") -> Span:
    doc = repo.document(doc_id)
    start = doc.text.index(needle)
    layer = repo.schema().label(label).layer
    return make_span(doc, layer, label, start, start + len(needle), annotator)


def wait_for_notices(listener: ChangeListener, timeout: float = 2.0) -> list[ChangeNotice]:
    """What arrives within ``timeout`` seconds, waiting on the socket as the app does."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        select.select([listener.fileno()], [], [], left)
        notices = listener.read()
        if notices:
            return notices
    return []


def quiet_for(listener: ChangeListener, seconds: float = 0.3) -> list[ChangeNotice]:
    """Everything that arrives in ``seconds`` (for checking that nothing does)."""
    deadline = time.monotonic() + seconds
    heard: list[ChangeNotice] = []
    while (left := deadline - time.monotonic()) > 0:
        select.select([listener.fileno()], [], [], left)
        heard += listener.read()
    return heard


def test_a_span_committed_on_one_connection_is_heard_on_another_within_two_seconds(
    pg_url: str, project: Repository, listener: ChangeListener
) -> None:
    ben = as_annotator(pg_url, "ben")
    started = time.monotonic()
    ben.apply(AddSpan(span_of(ben, "d1", "Jakarta", "ben")), "ben")
    notices = wait_for_notices(listener)
    assert time.monotonic() - started < 2.0
    pid = backend_pid(server_db(ben))
    assert notices == [ChangeNotice("spans", frozenset({"d1"}), "ben", pid or 0)]
    ben.db.close()


def test_a_status_change_names_the_document_and_its_annotator(
    pg_url: str, project: Repository, listener: ChangeListener
) -> None:
    ben = as_annotator(pg_url, "ben")
    with ben.transaction():
        ben.set_document_fields("d1", {"status": "done"})
    [notice] = wait_for_notices(listener)
    assert (notice.table, notice.doc_ids, notice.annotator) == (
        "document_status",
        frozenset({"d1"}),
        "ben",
    )
    assert notice.touches("d1") and not notice.touches("d2")
    ben.db.close()


def test_a_curation_decision_names_the_curator(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        set_decision(project, "d1", "some-span", "rejected", "cora")
    [notice] = wait_for_notices(listener)
    assert (notice.table, notice.doc_ids, notice.annotator) == (
        "curation_decisions",
        frozenset({"d1"}),
        "cora",
    )


def test_a_removed_span_is_heard_as_well(
    pg_url: str, project: Repository, listener: ChangeListener
) -> None:
    span = span_of(project, "d1", "Surabaya", "ana")
    project.apply(AddSpan(span), "ana")
    assert wait_for_notices(listener)
    project.apply(RemoveSpan(span), "ana")
    assert [(n.table, n.annotator) for n in wait_for_notices(listener)] == [("spans", "ana")]


def test_the_projects_own_commits_are_left_out(pg_url: str, project: Repository) -> None:
    listener = ChangeListener.of_project(server_db(project))
    project.apply(AddSpan(span_of(project, "d1", "Jakarta", "ana")), "ana")
    ben = as_annotator(pg_url, "ben")
    ben.apply(AddSpan(span_of(ben, "d1", "Surabaya", "ben")), "ben")
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.annotator) for n in heard] == [("spans", "ben")]
    listener.close()
    ben.db.close()


def test_1000_spans_inserted_in_one_transaction_send_one_notice(
    project: Repository, listener: ChangeListener
) -> None:
    doc, layer = project.document("d1"), project.schema().label("GPE").layer
    spans = [
        make_span(doc, layer, "GPE", i % 30, i % 30 + 1 + i // 30, "importer") for i in range(1000)
    ]
    with project.transaction():
        project.add_spans(spans)
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids, n.annotator) for n in heard] == [
        ("spans", frozenset({"d1"}), "importer")
    ]


def test_one_statement_over_several_documents_sends_one_notice_naming_them(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        for number in range(2, 5):
            project.add_document(Document(id=f"d{number}", text=TEXT))
    quiet_for(listener)
    project.db.execute(
        'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
        "SELECT 'bulk-' || id, id, ?, 'PER', 0, 3, 'Ana', 'importer' FROM documents",
        [project.schema().label("PER").layer],
    )
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids, n.annotator) for n in heard] == [
        ("spans", frozenset({"d1", "d2", "d3", "d4"}), "importer")
    ]


def test_a_statement_over_more_than_100_documents_says_any_document_may_have_changed(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        for number in range(2, 103):
            project.add_document(Document(id=f"d{number}", text=TEXT))
    quiet_for(listener)
    project.db.execute(
        "INSERT INTO document_status(doc_id, annotator, status, assigned) "
        "SELECT id, CASE WHEN position % 2 = 0 THEN 'ana' ELSE 'ben' END, 'todo', 1 "
        "FROM documents"
    )
    [notice] = wait_for_notices(listener) + quiet_for(listener)
    assert (notice.table, notice.doc_ids, notice.annotator) == ("document_status", None, None)
    assert notice.touches("d77")


def test_1000_documents_imported_in_one_transaction_send_one_notice(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        for number in range(2, 1002):
            project.add_document(Document(id=f"d{number}", text=TEXT))
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids, n.annotator, n.text_changed) for n in heard] == [
        ("documents", None, None, False)
    ]
    assert heard[0].touches("d1") and heard[0].touches("d1001")


def test_a_deleted_document_is_announced_once_per_statement(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        project.add_document(Document(id="d2", text=TEXT))
    assert [n.table for n in wait_for_notices(listener)] == ["documents"]
    project.db.execute("DELETE FROM documents WHERE id = 'd2'")
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids) for n in heard] == [("documents", None)]


def test_a_changed_note_names_its_document_and_says_the_text_stayed(
    pg_url: str, project: Repository, listener: ChangeListener
) -> None:
    ben = as_annotator(pg_url, "ben")
    with ben.transaction():
        ben.set_document_fields("d1", {"note": "check the dates", "labels": {"topic": "travel"}})
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids, n.annotator, n.text_changed) for n in heard] == [
        ("documents", frozenset({"d1"}), None, False)
    ]
    ben.db.close()


def test_a_text_extracted_again_is_announced_as_a_changed_text(
    project: Repository, listener: ChangeListener
) -> None:
    with project.transaction():
        project.add_document(Document(id="d2", text=TEXT))
    wait_for_notices(listener)
    project.db.execute(
        "UPDATE documents SET text = ? WHERE id IN ('d1', 'd2')", [TEXT.replace("Ben", "Bob")]
    )
    heard = wait_for_notices(listener) + quiet_for(listener)
    assert [(n.table, n.doc_ids, n.text_changed) for n in heard] == [
        ("documents", frozenset({"d1", "d2"}), True)
    ]


def test_an_update_of_no_document_is_silent(project: Repository, listener: ChangeListener) -> None:
    project.db.execute("UPDATE documents SET note = 'x' WHERE id = 'no such document'")
    project.db.execute("DELETE FROM documents WHERE id = 'no such document'")
    assert quiet_for(listener, 0.5) == []


def test_a_rolled_back_transaction_and_a_statement_that_changes_nothing_are_silent(
    project: Repository, listener: ChangeListener
) -> None:
    with pytest.raises(RuntimeError), project.transaction():
        project.add_spans([span_of(project, "d1", "Jakarta", "ana")])
        raise RuntimeError("cancelled")
    project.db.execute("DELETE FROM spans WHERE doc_id = 'no such document'")
    assert quiet_for(listener, 0.5) == []


def test_a_notice_someone_sent_by_hand_on_the_channel_is_ignored(
    project: Repository, listener: ChangeListener
) -> None:
    project.db.execute("NOTIFY annotator_changes, 'hello'")
    project.db.execute("SELECT pg_notify('annotator_changes', '{\"table\": \"edit_log\"}')")
    assert quiet_for(listener) == []
    assert parse_notice('{"table": "spans", "doc_ids": [1], "annotator": "x"}') is None
    assert parse_notice('{"table": "spans", "doc_ids": null, "annotator": 3}') is None


def test_a_dropped_listener_connection_says_so(
    pg_server: PgServer, listener: ChangeListener
) -> None:
    pg_server.admin(f"SELECT pg_terminate_backend({listener.pid})")
    with pytest.raises(ListenerLost, match="lost the server"):
        for _attempt in range(20):
            select.select([listener.fileno()], [], [], 0.5)
            listener.read()
    with pytest.raises(ListenerLost, match="closed"):
        listener.read()


def test_a_listener_on_a_server_that_cannot_be_reached_says_where(pg_server: PgServer) -> None:
    with pytest.raises(StoreError, match=r"127\.0\.0\.1.*cannot connect to the server"):
        ChangeListener(f"postgresql://postgres@127.0.0.1:{_closed_port()}/none?connect_timeout=2")


def test_a_project_file_gets_no_notice_triggers(tmp_path: Path) -> None:
    db = open_db(tmp_path / "project.db")
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    assert not [name for (name,) in rows if name.endswith("_notice")]
    db.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
