"""How the app names a project: a file by its name, a server project as "corpus on host",
and a password typed into a connection string never kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.gui.project_location import full_name, short_name, without_password
from annotator.store.db import open_db
from annotator.store.repository import Repository


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("postgresql://ana:s3cret@db.example.org/corpus", "postgresql://ana@db.example.org/corpus"),
        (
            "postgres://ana:p%40ss@db:5433/corpus?sslmode=require&password=other",
            "postgres://ana@db:5433/corpus?sslmode=require",
        ),
        ("postgresql://ana@db/corpus", "postgresql://ana@db/corpus"),
        ("host=db dbname=corpus password=s3cret user=ana", "host=db dbname=corpus user=ana"),
        ("service=corpus password='a b\\' c'", "service=corpus"),
        ("password = x host=db", "host=db"),
        ("/home/ana/password=1.db", "/home/ana/password=1.db"),
    ],
)
def test_a_password_is_taken_out_of_what_is_kept(typed: str, kept: str) -> None:
    assert without_password(typed) == kept


def test_a_file_project_is_named_by_its_file(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    db = open_db(path)
    try:
        assert short_name(path, db) == "news.db"
        assert full_name(path, db) == str(path)
    finally:
        db.close()


def test_a_server_project_is_named_by_its_database_and_host(pg_url: str) -> None:
    with_password = pg_url.replace("@", ":s3cret@", 1)
    repo = Repository(open_db(with_password))
    name = pg_url.rsplit("/", 1)[1]
    try:
        assert short_name(with_password, repo.db) == f"{name} on 127.0.0.1"
        described = full_name(with_password, repo.db)
        assert described.startswith(f"PostgreSQL database {name} on 127.0.0.1:")
        assert described.endswith(" as postgres") and "s3cret" not in described
    finally:
        repo.db.close()
