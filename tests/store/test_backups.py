"""Backups through SQLite's backup API: consistent while another connection writes, pruned
by the policy, restored exactly, refused when unsafe."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.store.backups import (
    BackupPolicy,
    backup_contents,
    backup_name,
    backup_to_file,
    check_integrity,
    copy_database,
    list_backups,
    prune,
    restore_backup,
    take_backup,
)
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.repository import Repository
from tests.helpers.builders import add_span

WORDS = [f"Word{n:04d}" for n in range(400)]


@pytest.fixture
def long_doc(repo: Repository) -> Document:
    """A document big enough that a backup of one page per step takes many steps."""
    doc = Document(id="long", text=" ".join(WORDS) + " " + "x" * 200_000, title="Long")
    with repo.transaction():
        repo.add_document(doc)
    return doc


def span_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM spans")}
    finally:
        conn.close()


def test_backup_taken_while_another_connection_commits_is_one_consistent_snapshot(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    before = {add_span(repo, long_doc, "PER", word).id for word in WORDS[:10]}
    writer = Repository(open_db(db_path))
    written_during: list[str] = []
    steps: list[int] = []

    def progress(done: int, total: int, message: str = "") -> None:
        steps.append(done)
        if len(steps) == 2:  # mid-copy: the writer commits and is not blocked
            written_during.extend(
                add_span(writer, long_doc, "PER", word).id for word in WORDS[10:30]
            )

    source = sqlite3.connect(db_path, isolation_level=None)
    dest = tmp_path / "copy.db"
    copy_database(source, dest, progress, pages=1)
    source.close()
    writer.db.close()

    assert len(steps) > 10
    assert len(written_during) == 20
    conn = sqlite3.connect(dest)
    assert check_integrity(conn) == ""
    conn.close()
    assert span_ids(dest) == before
    assert span_ids(db_path) == before | set(written_during)


def test_take_backup_lists_time_size_documents_and_spans(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    add_span(repo, long_doc, "PER", WORDS[0])
    folder = tmp_path / "backups"
    info = take_backup(db_path, folder, "manual")
    [listed] = list_backups(folder)
    assert listed == info
    assert info.reason == "manual" and info.size == info.path.stat().st_size > 200_000
    assert backup_contents(info.path).documents == 1
    assert backup_contents(info.path).spans == 1


def test_backup_to_an_existing_file_is_refused(repo: Repository, db_path: Path, tmp_path: Path):
    target = tmp_path / "mine.db"
    target.write_text("keep me")
    with pytest.raises(StoreError, match=r"mine\.db: already exists"):
        backup_to_file(db_path, target)
    assert target.read_text() == "keep me"


def fake_backup(folder: Path, taken: datetime, size: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / backup_name(taken, "auto")
    path.write_bytes(b"x" * size)
    return path


def test_pruning_keeps_the_newest_ten_and_one_per_day_for_thirty_days(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    folder = tmp_path / "b"
    today = [fake_backup(folder, now - timedelta(minutes=5 * n)) for n in range(15)]
    daily = {}
    for day in range(1, 40):  # two a day, morning and evening
        evening = fake_backup(folder, now - timedelta(days=day, hours=2))
        fake_backup(folder, now - timedelta(days=day, hours=10))
        daily[day] = evening

    prune(folder, BackupPolicy(keep_last=10, keep_days=30), now)

    kept = {info.path for info in list_backups(folder)}
    expected = set(today[:10]) | {daily[day] for day in range(1, 30)}
    assert kept == expected


def test_pruning_bounds_total_size_but_keeps_the_newest(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    folder = tmp_path / "b"
    paths = [fake_backup(folder, now - timedelta(minutes=n), size=100) for n in range(5)]
    prune(folder, BackupPolicy(max_bytes=250), now)
    assert [info.path for info in list_backups(folder)] == paths[:2]
    prune(folder, BackupPolicy(max_bytes=10), now)
    assert [info.path for info in list_backups(folder)] == paths[:1]


def test_restore_brings_back_exactly_the_backed_up_spans_and_keeps_the_replaced_file(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    kept = {add_span(repo, long_doc, "PER", word).id for word in WORDS[:3]}
    folder = tmp_path / "backups"
    backup = take_backup(db_path, folder, "manual")
    later = {add_span(repo, long_doc, "PER", word).id for word in WORDS[3:6]}

    repo.db.close()
    replaced = restore_backup(db_path, backup.path, folder)

    assert span_ids(db_path) == kept
    assert replaced in list_backups(folder)
    assert replaced.reason == "before-restore"
    assert span_ids(replaced.path) == kept | later


def test_restore_is_refused_while_another_connection_has_the_project_open(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    backup = take_backup(db_path, folder, "manual")
    span = add_span(repo, long_doc, "PER", WORDS[0])
    repo.db.close()
    other = Repository(open_db(db_path))
    other.spans("long")
    try:
        with pytest.raises(StoreError, match="another program has the project open"):
            restore_backup(db_path, backup.path, folder)
        assert span_ids(db_path) == {span.id}
        assert len(list_backups(folder)) == 1
        add_span(other, long_doc, "PER", WORDS[1])  # the project still takes edits
    finally:
        other.db.close()
    assert len(span_ids(db_path)) == 2


def test_restore_from_a_damaged_file_is_refused_and_changes_nothing(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    span = add_span(repo, long_doc, "PER", WORDS[0])
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"bad\.db: not a usable backup"):
        restore_backup(db_path, bad, tmp_path / "backups")
    assert span_ids(db_path) == {span.id}
