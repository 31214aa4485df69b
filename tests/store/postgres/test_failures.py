"""What a user reads when the server refuses or fails a write: one line naming the server,
and nothing saved."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from annotator.core.edits import AddSpan
from annotator.core.model import Document, Span, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.repository import Repository

TEXT = "Kapal 🚢 tiba di Surabaya pagi ini."


def prefix(url: str) -> str:
    return rf"^PostgreSQL database {url.rsplit('/', 1)[1]} on 127\.0\.0\.1:\d+ as postgres: "


@pytest.fixture
def project(pg_url: str) -> Iterator[Repository]:
    repo = Repository(open_db(pg_url))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT))
    yield repo
    repo.db.close()


def surabaya(repo: Repository) -> Span:
    doc = repo.document("d1")
    start = doc.text.index("Surabaya")
    layer = repo.schema().label("LOC").layer
    return make_span(doc, layer, "LOC", start, start + len("Surabaya"), "ann")


def saved_spans(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM spans").fetchone()
    assert row is not None
    return int(row[0])


def test_an_edit_on_a_read_only_open_says_so_and_saves_nothing(
    project: Repository, pg_url: str
) -> None:
    reader = Repository(open_db(pg_url, readonly=True))
    with pytest.raises(
        StoreError, match=prefix(pg_url) + r"the project was opened read-only; nothing was saved$"
    ):
        reader.apply(AddSpan(surabaya(reader)), "ann")
    with (
        pytest.raises(StoreError, match=r"opened read-only; nothing was saved$"),
        reader.transaction(),
    ):
        reader.add_document(Document(id="d2", text="Baku."))
    reader.db.close()
    assert saved_spans(pg_url) == 0
    assert project.document_ids() == ["d1"]


@pytest.fixture
def locked_document(pg_url: str) -> Iterator[None]:
    """Another session holds the document row's lock until the test ends."""
    with psycopg.connect(pg_url) as other:
        other.execute("UPDATE documents SET note = 'theirs' WHERE id = 'd1'")
        yield
        other.rollback()


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        (
            "statement_timeout",
            r"the server cancelled the statement \(canceling statement due to statement "
            r"timeout\)",
        ),
        (
            "lock_timeout",
            r"another session held a lock the write needed for too long \(canceling "
            r"statement due to lock timeout\)",
        ),
    ],
)
def test_a_write_the_server_stops_waiting_for_is_one_line_and_saves_nothing(
    project: Repository, pg_url: str, locked_document: None, setting: str, reason: str
) -> None:
    project.db.execute(f"SET {setting} = '100ms'")
    with (
        pytest.raises(StoreError, match=prefix(pg_url) + reason + "; nothing was saved$"),
        project.transaction(),
    ):
        project.add_spans([surabaya(project)])
        project.db.execute("UPDATE documents SET note = 'mine' WHERE id = 'd1'")
    assert saved_spans(pg_url) == 0
    project.db.execute(f"SET {setting} = 0")


@pytest.mark.parametrize(
    ("errcode", "reason"),
    [
        ("disk_full", r"the server's disk is full \(could not extend file\)"),
        ("admin_shutdown", r"the server is shutting down \(could not extend file\)"),
    ],
)
def test_a_server_failing_a_write_is_one_line_naming_it_and_saves_nothing(
    project: Repository, pg_url: str, errcode: str, reason: str
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(
            "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION 'could not extend file' USING ERRCODE = '{errcode}'; END $$"
        )
        admin.execute("CREATE TRIGGER fail BEFORE INSERT ON spans EXECUTE FUNCTION fail()")
    with pytest.raises(StoreError, match=prefix(pg_url) + reason + "; nothing was saved$"):
        project.apply(AddSpan(surabaya(project)), "ann")
    assert saved_spans(pg_url) == 0
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("DROP TRIGGER fail ON spans")
    assert project.apply(AddSpan(surabaya(project)), "ann").span_ids
    assert saved_spans(pg_url) == 1
