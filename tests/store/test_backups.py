"""Backups through SQLite's backup API: consistent while another connection writes, pruned
by the policy, restored exactly, refused when unsafe."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.model import Document
from annotator.core.progress import Cancelled
from annotator.store import backups
from annotator.store.backups import (
    STEP_PAGES,
    BackupContents,
    BackupInfo,
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
    total_size,
)
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.migrations import known_migration_names, migrations
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


def damage(path: Path) -> None:
    """Overwrite the middle of a few b-tree pages: the file still opens, integrity_check fails."""
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(len(data) // page // 2, len(data) // page // 2 + 4):
        data[number * page + 100 : number * page + 200] = b"\xff" * 100
    path.write_bytes(bytes(data))


def many_rows(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents(id TEXT PRIMARY KEY, text TEXT)")
    conn.execute("CREATE INDEX documents_text ON documents(text)")
    conn.executemany(
        "INSERT INTO documents VALUES (?, ?)", [(str(n), "x" * 100 + str(n)) for n in range(2000)]
    )
    conn.commit()
    conn.close()


def test_backup_names_are_utc_time_and_a_slug_of_the_reason() -> None:
    jakarta = timezone(timedelta(hours=7))
    taken = datetime(2026, 12, 1, 19, 5, 6, 789, tzinfo=jakarta)
    assert backup_name(taken, "Before Import: news.jsonl!") == (
        "20261201T120506000789Z-before-import-news-jsonl.backup.db"
    )
    assert backup_name(taken, "  ?? ") == "20261201T120506000789Z-manual.backup.db"


def test_a_backup_reports_its_progress_and_leaves_only_the_finished_file(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "deep" / "er"
    dest = folder / "copy.db"
    folder.mkdir(parents=True)
    (folder / "copy.db.partial").write_bytes(b"left over from a crash" * 100)
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append((done, total, message))

    source = sqlite3.connect(db_path, isolation_level=None)
    copy_database(source, dest, progress, pages=8)
    source.close()

    assert sorted(path.name for path in folder.iterdir()) == ["copy.db"]
    total = seen[-1][1]
    assert seen[0] == (8, total, "copying")
    assert seen[-1] == (total, total, "copying")
    assert backup_contents(dest).documents == 1


def test_a_backup_into_a_folder_not_there_yet_creates_it(
    repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "a" / "b" / "mine.db"
    seen: list[str] = []
    backup_to_file(db_path, dest, lambda done, total, message="": seen.append(message))
    assert seen == ["copying"]
    assert backup_contents(dest) == BackupContents(documents=0, spans=0)
    assert list_backups(dest.parent) == []


def test_a_copy_inside_the_callers_transaction_leaves_that_transaction_open(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    source = sqlite3.connect(db_path, isolation_level=None)
    source.execute("BEGIN")
    source.execute("SELECT count(*) FROM spans").fetchone()
    copy_database(source, tmp_path / "copy.db")
    assert source.in_transaction
    source.execute("COMMIT")
    source.close()
    assert backup_contents(tmp_path / "copy.db").documents == 1


def test_a_cancelled_backup_writes_nothing(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    with pytest.raises(Cancelled, match=r"^backup cancelled; no backup was written$"):
        take_backup(db_path, folder, "manual", cancel=lambda: True)
    assert list(folder.iterdir()) == []
    with pytest.raises(Cancelled, match=r"^backup cancelled; no backup was written$"):
        backup_to_file(db_path, folder / "mine.db", cancel=lambda: True)
    assert list(folder.iterdir()) == []


def test_a_copy_failing_its_integrity_check_is_refused_and_removed(
    repo: Repository, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "check_integrity", lambda conn: "Page 3: btree damaged")
    dest = tmp_path / "out" / "copy.db"
    with pytest.raises(
        StoreError, match=r"copy\.db: the backup failed its integrity check: Page 3: btree damaged$"
    ):
        backup_to_file(db_path, dest)
    assert list(dest.parent.iterdir()) == []


def test_the_integrity_check_names_at_most_five_problems(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    many_rows(path)
    conn = sqlite3.connect(path)
    assert check_integrity(conn) == ""
    conn.close()
    damage(path)
    conn = sqlite3.connect(path)
    problems = check_integrity(conn)
    conn.close()
    assert problems.startswith("*** in database main ***\n")
    conn = sqlite3.connect(path)
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(5)")]
    conn.close()
    assert len(rows) > 1 and problems == "; ".join(rows)
    assert len(re.split("\n|; ", problems)) == 1 + 5


def test_backing_up_what_is_not_there_or_not_a_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with pytest.raises(StoreError, match=r"^\S*missing\.db: no such database$"):
        take_backup(tmp_path / "missing.db", folder, "manual")
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"plain text, not SQLite " * 200)
    with pytest.raises(
        StoreError, match=r"^\S*notes\.db: cannot be backed up: file is not a database$"
    ):
        take_backup(garbage, folder, "manual")
    assert not folder.exists()


def test_take_backup_uses_the_time_given_and_prunes_with_the_policy(
    repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    now = datetime(2020, 1, 10, 12, 0, tzinfo=UTC)
    yesterday = fake_backup(folder, now - timedelta(days=1))
    old = fake_backup(folder, now - timedelta(days=60))
    info = take_backup(db_path, folder, "Before import", BackupPolicy(keep_last=1), now=now)
    assert info.taken == now
    assert info.reason == "before-import"
    assert [backup.path for backup in list_backups(folder)] == [info.path, yesterday]
    assert not old.exists()


def test_pruning_without_a_time_prunes_as_of_now(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    now = datetime.now(UTC)
    recent = fake_backup(folder, now - timedelta(days=1))
    old = fake_backup(folder, now - timedelta(days=400))
    assert prune(folder, BackupPolicy(keep_last=0)) == [old]
    assert [info.path for info in list_backups(folder)] == [recent]


def test_backup_names_use_utc_whatever_the_local_time_zone() -> None:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "WIB-7"  # a POSIX zone seven hours east of UTC, no tz database needed
    time.tzset()
    try:
        taken = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
        assert backup_name(taken, "auto").startswith("20261201T120000000000Z-")
        assert taken.astimezone(None).hour == 19
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_listing_skips_other_files_and_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "none") == []
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    folder = tmp_path / "b"
    older = fake_backup(folder, now - timedelta(hours=1), size=7)
    newer = fake_backup(folder, now, size=5)
    (folder / "notes.txt").write_text("mine")
    (folder / "20261201T120000000000Z-auto.backup.db.partial").write_text("unfinished")
    listed = list_backups(folder)
    assert listed == [
        BackupInfo(newer, now, "auto", 5),
        BackupInfo(older, now - timedelta(hours=1), "auto", 7),
    ]
    assert total_size(listed) == 12


def test_a_file_with_another_name_is_not_taken_for_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "project.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match=r"project\.db: not a backup file name$"):
        backups._info(path)


def test_counting_what_a_non_backup_holds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(x)")
    conn.close()
    with pytest.raises(
        StoreError, match=r"other\.db: not a readable annotator backup: no such table: documents"
    ):
        backup_contents(path)


def test_pruning_keeps_backups_that_fill_the_size_limit_exactly(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    folder = tmp_path / "b"
    paths = [fake_backup(folder, now - timedelta(minutes=n), size=100) for n in range(4)]
    removed = prune(folder, BackupPolicy(max_bytes=200), now)
    assert removed == paths[2:]
    assert [info.path for info in list_backups(folder)] == paths[:2]


def test_pruning_keeps_one_a_day_for_days_younger_than_the_limit(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    folder = tmp_path / "b"
    newest = fake_backup(folder, now)
    inside = fake_backup(folder, now - timedelta(days=2, hours=23))
    outside = fake_backup(folder, now - timedelta(days=3))
    removed = prune(folder, BackupPolicy(keep_last=1, keep_days=3), now)
    assert removed == [outside]
    assert [info.path for info in list_backups(folder)] == [newest, inside]


def test_restore_reports_its_progress(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="big", text="x" * 6_000_000))
    folder = tmp_path / "backups"
    backup = take_backup(db_path, folder, "manual")
    repo.db.close()
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append((done, total, message))

    restore_backup(db_path, backup.path, folder, progress=progress)
    total = seen[-1][1]
    assert seen[0] == (STEP_PAGES, total, "restoring")
    assert seen[-1] == (total, total, "restoring")


def test_restore_prunes_the_folder_with_the_policy(
    repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    backup = take_backup(db_path, folder, "manual")
    kept = tmp_path / "kept.db"
    backup.path.rename(kept)
    repo.db.close()
    old = fake_backup(folder, datetime(2020, 1, 1, tzinfo=UTC))
    replaced = restore_backup(db_path, kept, folder, BackupPolicy(keep_last=1, keep_days=0))
    assert list_backups(folder) == [replaced]
    assert not old.exists()


def test_restore_brings_an_older_backup_up_to_this_versions_schema(
    repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.db"
    last = known_migration_names()[-1]
    migrations.apply(Database(older), stop_before=last)
    folder = tmp_path / "backups"
    repo.db.close()
    restore_backup(db_path, older, folder)
    conn = sqlite3.connect(db_path)
    names = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
    conn.close()
    assert names == set(known_migration_names())


def test_restore_from_what_is_not_a_usable_backup_is_refused_and_changes_nothing(
    repo: Repository, long_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    span = add_span(repo, long_doc, "PER", WORDS[0])
    folder = tmp_path / "backups"
    with pytest.raises(StoreError, match=r"gone\.db: no such backup$"):
        restore_backup(db_path, tmp_path / "gone.db", folder)
    damaged = tmp_path / "damaged.db"
    many_rows(damaged)
    damage(damaged)
    with pytest.raises(
        StoreError,
        match=r"(?s)damaged\.db: the backup is damaged \(\*\*\* in database main .*\); "
        r"nothing changed$",
    ):
        restore_backup(db_path, damaged, folder)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes(x)")
    conn.close()
    with pytest.raises(
        StoreError, match=r"foreign\.db: is not an annotator project; nothing changed$"
    ):
        restore_backup(db_path, foreign, folder)
    assert span_ids(db_path) == {span.id}
    assert not folder.exists()
