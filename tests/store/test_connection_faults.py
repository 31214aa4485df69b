"""A project on a server whose connection drops: an edit is either committed once or reported
as not saved, never both; the next statement connects again; reads go on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest

from annotator.core.edits import AddSpan
from annotator.core.model import Document, Span, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.postgres import database
from annotator.store.postgres.database import transaction_status
from annotator.store.repository import Repository
from annotator.store.writer import ValidatingWriter
from tests.helpers.connection_faults import (
    acknowledged_then_lost,
    hook_commit,
    server_db,
    stored,
    terminate,
)
from tests.helpers.postgres import PgServer

TEXT = "Jakarta and Surabaya are ports 🚢; Jakarta is the capital 🏙."
LOST = (
    r"^PostgreSQL database t_\w+ on 127\.0\.0\.1:\d+ as postgres: the connection to the server "
    r"was lost \(.+\); nothing was saved$"
)


@pytest.fixture
def project(pg_url: str) -> Iterator[Repository]:
    """A server project holding one document, on its own connection."""
    repository = Repository(open_db(pg_url))
    ensure_project(repository, with_samples=False)
    with repository.transaction():
        repository.add_document(Document(id="ports", text=TEXT, title="Ports"))
    yield repository
    repository.db.close()


def span_over(repo: Repository, needle: str, label: str = "LOC") -> Span:
    doc = repo.document("ports")
    start = doc.text.index(needle)
    layer = repo.schema().label(label).layer
    return make_span(doc, layer, label, start, start + len(needle), "ann")


def test_a_connection_dropped_in_the_middle_of_an_edit_saves_nothing(
    project: Repository, pg_server: PgServer, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = server_db(project)
    insert_span = ValidatingWriter.insert_span

    def insert_then_lose_the_server(writer: ValidatingWriter, span: Span) -> None:
        insert_span(writer, span)
        terminate(pg_server, db)

    monkeypatch.setattr(ValidatingWriter, "insert_span", insert_then_lose_the_server)
    with pytest.raises(StoreError, match=LOST):
        project.apply(AddSpan(span_over(project, "Jakarta")), "ann")
    assert stored(pg_url) == ([], 0)

    monkeypatch.setattr(ValidatingWriter, "insert_span", insert_span)
    surabaya = span_over(project, "Surabaya")
    project.apply(AddSpan(surabaya), "ann")
    assert stored(pg_url) == ([surabaya.id], 1)


def test_retrying_an_edit_reported_as_not_saved_leaves_one_span(
    project: Repository, pg_server: PgServer, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = server_db(project)
    span = span_over(project, "🚢", "MISC")
    log = Repository.log

    def log_then_lose_the_server(repo: Repository, *args: Any) -> None:
        log(repo, *args)
        terminate(pg_server, db)

    monkeypatch.setattr(Repository, "log", log_then_lose_the_server)
    with pytest.raises(StoreError, match=LOST):
        project.apply(AddSpan(span), "ann")
    monkeypatch.setattr(Repository, "log", log)

    project.apply(AddSpan(span), "ann")
    assert stored(pg_url) == ([span.id], 1)
    assert project.spans("ports") == [span]


def test_a_commit_the_server_made_before_the_connection_dropped_is_done_once(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    db = server_db(project)
    raw = acknowledged_then_lost(pg_server, db)
    span = span_over(project, "capital", "MISC")
    changes = project.apply(AddSpan(span), "ann")

    assert changes.span_ids == frozenset({span.id})
    assert stored(pg_url) == ([span.id], 1)
    assert raw.broken and not db.conn.raw.broken
    assert project.spans("ports") == [span]


def test_a_commit_that_never_reached_the_server_is_reported_and_can_be_retried(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    db = server_db(project)

    def lose_the_server_then_commit(commit: Callable[[], Any]) -> Any:
        terminate(pg_server, db)
        return commit()

    hook_commit(db, lose_the_server_then_commit)
    span = span_over(project, "Jakarta")
    with pytest.raises(StoreError, match=LOST):
        project.apply(AddSpan(span), "ann")
    assert stored(pg_url) == ([], 0)

    project.apply(AddSpan(span), "ann")
    assert stored(pg_url) == ([span.id], 1)


def test_a_commit_whose_outcome_the_server_cannot_tell_is_not_shown_as_done(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    def lose_the_database_then_commit(commit: Callable[[], Any]) -> Any:
        pg_server.drop_database(pg_url.rsplit("/", 1)[1])
        return commit()

    hook_commit(server_db(project), lose_the_database_then_commit)
    with pytest.raises(
        StoreError,
        match=r"^PostgreSQL database t_\w+ on 127\.0\.0\.1:\d+ as postgres: the connection to the "
        r"server was lost during the commit \(.+\) and the server cannot be reached to tell "
        r"whether it was saved \(.+does not exist\); reopen the project when the server is back$",
    ):
        project.apply(AddSpan(span_over(project, "Jakarta")), "ann")


def test_a_commit_the_server_has_not_yet_settled_is_not_shown_as_done(
    project: Repository, pg_server: PgServer, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = server_db(project)
    monkeypatch.setattr(database, "transaction_status", lambda *_args: "in progress")

    def lose_the_server_then_commit(commit: Callable[[], Any]) -> Any:
        terminate(pg_server, db)
        return commit()

    hook_commit(db, lose_the_server_then_commit)
    with pytest.raises(
        StoreError,
        match=r"^PostgreSQL database t_\w+ on 127\.0\.0\.1:\d+ as postgres: the connection to the "
        r"server was lost during the commit \(.+\) and the server has not yet ended the "
        r"transaction; reopen the document in a moment to see whether it was saved$",
    ):
        project.apply(AddSpan(span_over(project, "Jakarta")), "ann")


def test_a_nested_transaction_that_loses_its_connection_reports_the_server_reason(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    db = server_db(project)
    span = span_over(project, "Jakarta")
    with pytest.raises(StoreError, match=LOST), project.transaction():
        project.add_spans([span])
        with project.transaction():
            terminate(pg_server, db)
            project.add_spans([span_over(project, "Surabaya")])
    assert stored(pg_url) == ([], 0)
    assert project.apply(AddSpan(span), "ann").span_ids == frozenset({span.id})


def test_reads_after_a_dropped_connection_connect_again(
    project: Repository, pg_server: PgServer
) -> None:
    span = span_over(project, "Surabaya")
    project.apply(AddSpan(span), "ann")
    db = server_db(project)

    terminate(pg_server, db)
    assert [summary.span_count for summary in project.documents()] == [1]
    terminate(pg_server, db)
    project.forget_document("ports")
    assert project.spans("ports") == [span]
    terminate(pg_server, db)
    assert project.document_ids() == ["ports"]


def test_an_edit_after_the_server_dropped_an_idle_connection_is_saved(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    terminate(pg_server, server_db(project))
    span = span_over(project, "Jakarta")
    project.apply(AddSpan(span), "ann")
    assert stored(pg_url) == ([span.id], 1)


def test_a_read_only_project_stays_read_only_on_its_new_connection(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    reader = Repository(open_db(pg_url, readonly=True))
    try:
        terminate(pg_server, server_db(reader))
        with pytest.raises(StoreError, match=r"opened read-only; nothing was saved$"):
            reader.apply(AddSpan(span_over(reader, "Jakarta")), "ann")
    finally:
        reader.db.close()
    assert stored(pg_url) == ([], 0)


def test_a_server_that_cannot_be_reached_again_is_named(
    project: Repository, pg_server: PgServer, pg_url: str
) -> None:
    pg_server.drop_database(pg_url.rsplit("/", 1)[1])
    with pytest.raises(
        StoreError,
        match=r"^PostgreSQL database t_\w+ on 127\.0\.0\.1:\d+ as postgres: cannot connect to "
        r"the server: .*database \"t_\w+\" does not exist",
    ):
        project.documents()


def test_a_transaction_whose_client_is_gone_is_ended_before_its_outcome_is_told(
    project: Repository, pg_url: str
) -> None:
    other = psycopg.connect(pg_url, autocommit=True)
    other.execute("BEGIN")
    other.execute("DELETE FROM documents")
    row = other.execute("SELECT txid_current()").fetchone()
    assert row is not None

    status = transaction_status(server_db(project), int(row[0]), other.info.backend_pid)

    assert status == "aborted"
    with pytest.raises(psycopg.OperationalError, match="administrator command"):
        other.execute("SELECT 1")
    assert [summary.id for summary in project.documents()] == ["ports"]
