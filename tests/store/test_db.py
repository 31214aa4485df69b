import os
import re
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.store.db import network_filesystem, open_db
from annotator.store.errors import StoreError
from annotator.store.migrations import known_migration_names, schema_version
from annotator.store.repository import Repository


def file_digest(path: Path) -> bytes:
    return path.read_bytes()


def test_new_database_is_migrated_with_durable_pragmas(db_path: Path) -> None:
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert {"documents", "spans", "relations", "edit_log", "suggestions", "project"} <= set(
        db.table_names()
    )


def test_reopening_sets_pragmas_again_and_migrates_nothing(db_path: Path) -> None:
    open_db(db_path).close()
    db = open_db(db_path)
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == schema_version()


def test_newer_schema_version_is_refused_and_file_unchanged(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version={schema_version() + 5}")
    conn.commit()
    conn.close()
    before = file_digest(db_path)
    with pytest.raises(StoreError, match="newer annotator") as info:
        open_db(db_path)
    assert str(db_path) in str(info.value)
    assert file_digest(db_path) == before


def test_not_a_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = file_digest(path)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_db(path)
    assert file_digest(path) == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        open_db(path)


def test_read_only_folder_is_reported_up_front(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_db(db_path).close()
    real_access = os.access

    def no_write(path: object, mode: int) -> bool:
        return False if mode == os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_write)
    with pytest.raises(StoreError, match="read-only"):
        open_db(db_path)


def test_readonly_open_reads_without_writing(db_path: Path) -> None:
    open_db(db_path).close()
    db = open_db(db_path, readonly=True)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    with pytest.raises(sqlite3.OperationalError):
        db.execute("INSERT INTO project(key, value) VALUES ('x', 'y')")


PROBE = """
import sqlite3, sys
other = sqlite3.connect(sys.argv[1], timeout=0.1)
try:
    print(other.execute("PRAGMA journal_mode=DELETE").fetchone()[0])
except sqlite3.OperationalError as exc:
    print(exc)
"""


def test_a_second_open_keeps_the_first_connections_locks(db_path: Path) -> None:
    """POSIX drops every lock a process holds on a file when any handle of it on that file
    closes. Opening the project a second time (a background export does) must not touch the
    file outside SQLite, or the app's connection loses its lock and another process may take
    the database out of WAL mode and delete the WAL under it (sqlite.org/howtocorrupt.html).
    """
    import subprocess
    import sys

    app = open_db(db_path)
    app.execute("SELECT count(*) FROM documents").fetchone()
    open_db(db_path).close()
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path)], capture_output=True, text=True, check=True
    )
    assert probe.stdout.strip() == "database is locked"
    assert app.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("name", ["proj#1.db", "proj?mode=rw.db", "proj%231.db", "50%.db"])
def test_a_path_with_uri_characters_opens_that_file_read_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    db = open_db(path)
    db.execute("INSERT INTO project(key, value) VALUES ('marker', ?)", [name])
    db.conn.commit()
    db.close()
    reader = open_db(path, readonly=True)
    assert reader.execute("SELECT value FROM project WHERE key = 'marker'").fetchone() == (name,)
    reader.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(name)) == []


@pytest.mark.parametrize("url", ["mysql://host/db", "sqlite:///project.db", "file:/x.db"])
def test_a_url_of_another_server_is_refused_and_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    scheme = url.partition(":")[0]
    with pytest.raises(StoreError, match=f"^{url}: is a {scheme}: URL, which annotator cannot"):
        open_db(url)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "location", ["postgresql://ana@127.0.0.1:1/corpus", "host=127.0.0.1 port=1 dbname=corpus"]
)
def test_a_server_that_cannot_be_reached_is_named_and_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, location: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(
        StoreError,
        match=r"^PostgreSQL database corpus on 127\.0\.0\.1:1.*: cannot connect to the server",
    ):
        open_db(location)
    assert list(tmp_path.iterdir()) == []


def test_another_programs_database_with_a_documents_table_is_refused_unchanged(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO documents(body) VALUES ('my own notes')")
    conn.commit()
    conn.close()
    before = file_digest(path)
    with pytest.raises(StoreError, match="another program, not an annotator project"):
        open_db(path)
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_project_in_a_read_only_folder_opens_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_db(db_path)
    db.execute("INSERT INTO project(key, value) VALUES ('marker', 'kept')")
    db.conn.commit()
    db.close()  # the last connection: SQLite folds the WAL into the file and removes it
    before = file_digest(db_path)
    real_access = os.access

    def no_write(path: object, mode: int) -> bool:
        return False if mode == os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    # Root may write anything: the folder is made read-only and looks read-only too.
    monkeypatch.setattr(os, "access", no_write)
    db_path.chmod(0o444)
    db_path.parent.chmod(0o555)
    try:
        reader = open_db(db_path, readonly=True)
        assert reader.execute("SELECT value FROM project WHERE key = 'marker'").fetchone() == (
            "kept",
        )
        reader.close()
        assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    finally:
        db_path.parent.chmod(0o755)
        db_path.chmod(0o644)
    assert file_digest(db_path) == before


def test_a_folder_is_not_taken_for_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match=r"/folder\.db: is a directory, not a database file$"):
        open_db(folder)


def test_a_missing_database_is_not_created_by_a_read_only_open(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match=r"/missing\.db: no such database$"):
        open_db(path, readonly=True)
    assert not path.exists()


def test_a_new_database_gets_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "project.db"
    open_db(path).close()
    assert path.is_file()


def test_a_new_database_in_a_read_only_folder_is_refused_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access

    def no_write(path: object, mode: int) -> bool:
        return False if mode == os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_write)
    path = tmp_path / "new.db"
    with pytest.raises(
        StoreError, match=r"/new\.db: cannot create the database, its folder is read-only$"
    ):
        open_db(path)
    assert not path.exists()


def test_a_read_only_file_is_refused_with_what_to_do(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_db(db_path).close()
    real_access = os.access

    def file_read_only(path: object, mode: int) -> bool:
        if mode == os.W_OK:
            return Path(str(path)) != db_path
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", file_read_only)
    with pytest.raises(
        StoreError,
        match=(
            r"project\.db: the database is read-only \(no write permission on the file or its "
            r"folder\); nothing can be saved\. Copy it somewhere writable or fix permissions\.$"
        ),
    ):
        open_db(db_path)
    open_db(db_path, readonly=True).close()


def test_a_migration_this_version_does_not_know_means_a_newer_annotator(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('annotator', '0099_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(
        StoreError,
        match=(
            rf"project\.db: the database was written by a newer annotator \(schema version "
            rf"{schema_version()}, this one knows up to {schema_version()}\); upgrade annotator "
            r"to open it$"
        ),
    ):
        open_db(db_path)


def test_a_same_version_database_opens(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    conn.close()
    assert open_db(db_path, readonly=True).execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_database_needing_an_upgrade_is_refused_read_only(db_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_documents_status_index'")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    with pytest.raises(
        StoreError,
        match=r"project\.db: the database needs an upgrade, which a read-only open cannot do$",
    ):
        open_db(db_path, readonly=True)


def test_an_empty_sqlite_file_becomes_a_project(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    db = open_db(path)
    assert "documents" in db.table_names()


def test_a_database_error_while_migrating_names_the_file_and_the_error(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(
        StoreError, match=r"/old\.db: is a SQLite database of another program, not an annotator "
    ):
        open_db(path)


def test_a_foreign_database_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(
        StoreError,
        match=(
            r"/other\.db: is a SQLite database of another program, not an annotator project "
            r"\(left untouched\)$"
        ),
    ):
        open_db(path)
    not_db = tmp_path / "notes.db"
    not_db.write_text("notes\n" * 200)
    with pytest.raises(
        StoreError, match=r"/notes\.db: is not a SQLite database \(left untouched\)$"
    ):
        open_db(not_db)


def _with_mount_table(monkeypatch: pytest.MonkeyPatch, mounts: Path) -> None:
    real_open = open

    def fake_open(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        return real_open(mounts if file == "/proc/mounts" else file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)


def test_network_file_systems_are_recognised_from_the_mount_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "proc /proc proc rw 0 0\n"
        f"server:/share {tmp_path} nfs4 rw 0 0\n"
        f"tmpfs {tmp_path / 'local'} tmpfs rw 0 0\n"
        "short\n"
    )
    _with_mount_table(monkeypatch, mounts)
    assert network_filesystem(tmp_path / "project.db") == "nfs4"
    assert network_filesystem(tmp_path / "local" / "project.db") is None
    mounts.unlink()
    assert network_filesystem(tmp_path / "project.db") is None


def test_the_deepest_and_latest_mount_of_a_folder_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = tmp_path / "mounts"
    share = tmp_path / "share"
    mounts.write_text(
        "server:/ / nfs\n"  # three fields are enough
        "rootfs /\n"  # too short to say anything
        f"server:/share {share} cifs rw 0 0\n"
        f"tmpfs {tmp_path} tmpfs rw 0 0\n"  # a shorter folder after a deeper one
        f"tmpfs {tmp_path / 'hidden'} tmpfs rw 0 0\n"
        f"server:/over {tmp_path / 'hidden'} sshfs rw 0 0\n"  # mounted over the one before
    )
    _with_mount_table(monkeypatch, mounts)
    assert network_filesystem(Path("/elsewhere/project.db")) == "nfs"
    assert network_filesystem(share / "project.db") == "cifs"
    assert network_filesystem(tmp_path / "project.db") is None
    assert network_filesystem(tmp_path / "hidden" / "project.db") == "sshfs"


def test_a_url_refusal_says_what_to_give_instead(tmp_path: Path) -> None:
    with pytest.raises(
        StoreError,
        match=r"^mysql://host/db: is a mysql: URL, which annotator cannot open; a project is a "
        r"SQLite file path or a PostgreSQL connection string \(postgresql://user@host/database\)$",
    ):
        open_db("mysql://host/db")


def test_the_lock_wait_given_is_the_connections_busy_timeout(db_path: Path) -> None:
    db = open_db(db_path, lock_wait=0.05)
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    db.close()
    db = open_db(db_path)
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    db.close()


def test_a_read_only_open_sees_what_another_connection_commits_later(db_path: Path) -> None:
    open_db(db_path).close()
    reader = open_db(db_path, readonly=True)
    writer = Repository(open_db(db_path))
    with writer.transaction():
        writer.add_document(Document(id="later", text="Written after the reader opened."))
    assert reader.execute("SELECT id FROM documents").fetchall() == [("later",)]
    reader.close()
    writer.db.close()


def test_a_read_only_open_of_another_programs_database_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(
        StoreError,
        match=rf"^{re.escape(str(path))}: is a SQLite database of another program, not an "
        r"annotator project \(left untouched\)$",
    ):
        open_db(path, readonly=True)


def test_a_damaged_project_is_refused_with_sqlites_reason_and_left_untouched(
    db_path: Path,
) -> None:
    open_db(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xee" * 3996  # the schema page's b-tree
    db_path.write_bytes(bytes(data))
    with pytest.raises(
        StoreError,
        match=rf"^{re.escape(str(db_path))}: database disk image is malformed \(left untouched\)$",
    ):
        open_db(db_path)
    assert db_path.read_bytes() == bytes(data)


def server_state(url: str) -> list[tuple[object, ...]]:
    """The tables, columns, rows and extensions of a server database: equal states mean the
    database was left untouched."""
    import psycopg

    with psycopg.connect(url) as conn:
        state: list[tuple[object, ...]] = conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ).fetchall()
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
        for (table,) in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            state += sorted(((table, *row) for row in rows), key=repr)
        state += conn.execute("SELECT extname FROM pg_extension ORDER BY extname").fetchall()
    return state


def server_prefix(url: str) -> str:
    """How a message names the project at ``url`` (database, host, port and user)."""
    name = url.rsplit("/", 1)[1]
    return rf"^PostgreSQL database {name} on 127\.0\.0\.1:\d+ as postgres: "


def test_a_server_project_gets_every_step_once_and_a_reopen_applies_none(pg_url: str) -> None:
    open_db(pg_url).close()
    first = server_state(pg_url)
    db = open_db(pg_url)
    applied = [row[0] for row in db.execute("SELECT name FROM annotator_migrations ORDER BY name")]
    db.close()
    assert applied == known_migration_names()
    assert server_state(pg_url) == first


def test_a_server_project_with_a_step_this_version_does_not_know_is_refused_untouched(
    pg_url: str,
) -> None:
    db = open_db(pg_url)
    db.execute("INSERT INTO annotator_migrations(name) VALUES ('0099_future')")
    db.close()
    before = server_state(pg_url)
    newer = server_prefix(pg_url) + (
        rf"the project was written by a newer annotator \(schema version {schema_version() + 1}, "
        rf"this one knows up to {schema_version()}\); upgrade annotator to open it$"
    )
    for readonly in (False, True):
        with pytest.raises(StoreError, match=newer):
            open_db(pg_url, readonly=readonly)
    assert server_state(pg_url) == before


def test_a_server_database_with_another_programs_tables_is_refused_untouched(
    pg_url: str,
) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE documents (id SERIAL PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO documents(body) VALUES ('my own notes')")
    before = server_state(pg_url)
    theirs = server_prefix(pg_url) + (
        r"holds tables of another program, not an annotator project \(left untouched\)$"
    )
    for readonly in (False, True):
        with pytest.raises(StoreError, match=theirs):
            open_db(pg_url, readonly=readonly)
    assert server_state(pg_url) == before
    assert ("pg_trgm",) not in before


def test_a_read_only_server_open_reads_and_cannot_write(pg_url: str) -> None:
    import psycopg

    writer = Repository(open_db(pg_url))
    with writer.transaction():
        writer.add_document(Document(id="a", text="Baku said."))
    writer.db.close()
    reader = Repository(open_db(pg_url, readonly=True))
    assert reader.document("a").text == "Baku said."
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction, match="read-only transaction"):
        reader.db.execute("DELETE FROM documents")
    reader.db.close()
    assert Repository(open_db(pg_url, readonly=True)).document_ids() == ["a"]


def test_a_server_project_needing_an_upgrade_is_refused_read_only_untouched(
    pg_url: str,
) -> None:
    db = open_db(pg_url)
    db.execute("DELETE FROM annotator_migrations WHERE name = '0007_curation_decisions'")
    db.execute("DROP TABLE curation_decisions")
    db.close()
    before = server_state(pg_url)
    with pytest.raises(
        StoreError,
        match=server_prefix(pg_url)
        + r"the project needs an upgrade, which a read-only open cannot do$",
    ):
        open_db(pg_url, readonly=True)
    assert server_state(pg_url) == before
    upgraded = open_db(pg_url)
    assert upgraded.execute("SELECT count(*) FROM curation_decisions").fetchone()[0] == 0
    upgraded.close()


_SQLITE_TYPES = {"text": "TEXT", "integer": "INTEGER", "bigint": "INTEGER", "bytea": "BLOB"}
_SQLITE_TYPES["double precision"] = "REAL"


def file_schema(path: Path) -> dict[str, list[tuple[str, str, bool, int]]]:
    """Table -> (column, type, not null, place in the primary key) of a project file; the
    full-text index (FTS5 on SQLite, pg_trgm on the server) and migration records aside."""
    conn = sqlite3.connect(path)
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith(("sqlite_", "_sqlite_", "documents_fts"))
    ]
    found = {
        table: [
            (name, kind.upper(), bool(notnull or pk), pk)
            for _cid, name, kind, notnull, _default, pk in conn.execute(
                f'PRAGMA table_info("{table}")'
            )
        ]
        for table in tables
    }
    conn.close()
    return found


def server_schema(url: str) -> dict[str, list[tuple[str, str, bool, int]]]:
    """``file_schema`` of a server project, read from information_schema (the ``rowid`` column
    the server's tables get for insertion order aside)."""
    import psycopg

    with psycopg.connect(url) as conn:
        keys = {
            (table, column): place
            for table, column, place in conn.execute(
                "SELECT k.table_name, k.column_name, k.ordinal_position "
                "FROM information_schema.key_column_usage k "
                "JOIN information_schema.table_constraints c "
                "ON c.constraint_name = k.constraint_name AND c.table_name = k.table_name "
                "WHERE c.constraint_type = 'PRIMARY KEY' AND k.table_schema = current_schema()"
            )
        }
        found: dict[str, list[tuple[str, str, bool, int]]] = {}
        for table, column, kind, nullable in conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name <> 'annotator_migrations' "
            "AND column_name <> 'rowid' ORDER BY table_name, ordinal_position"
        ):
            found.setdefault(table, []).append(
                (column, _SQLITE_TYPES[kind], nullable == "NO", keys.get((table, column), 0))
            )
    return found


def index_names_of_file(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    found = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name <> '_sqlite_migrations'"
        )
    }
    conn.close()
    return found


def index_names_of_server(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname NOT LIKE '%_pkey'"
        ).fetchall()
    return {row[0] for row in rows}


def test_a_server_project_has_the_tables_columns_and_indexes_of_a_project_file(
    pg_url: str, db_path: Path
) -> None:
    open_db(db_path).close()
    open_db(pg_url).close()
    assert server_schema(pg_url) == file_schema(db_path)
    assert set(file_schema(db_path)) >= {"documents", "spans", "document_status", "edit_log"}
    assert index_names_of_server(pg_url) == index_names_of_file(db_path) | {"documents_text_trgm"}
