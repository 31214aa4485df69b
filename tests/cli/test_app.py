"""What every command shares: the ``--db`` option, waiting for another writer, read-only
projects."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.assets import default_schema_path
from annotator.cli import app, cli
from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.other_writer import articles_file, import_running, write_lock_held


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def closed_project(tmp_path: Path) -> Path:
    """A project with one document and one GPE span, its connection closed (so its files
    can be moved)."""
    path = tmp_path / "p.db"
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    doc = Document(id="emoji", text="Hi 😀 Jakarta floods.")
    with repo.transaction():
        repo.add_document(doc)
    repo.apply(AddSpan(make_span(doc, "entity", "GPE", 5, 12, "ann")), "ann")
    repo.db.close()
    return path


def exported_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", ["proj#1.db", "proj?x=1.db", "proj%23.db", "100%.db"])
def test_a_db_path_with_uri_characters_is_that_file(closed_project: Path, name: str) -> None:
    db = closed_project.with_name(name)
    os.replace(closed_project, db)
    out = db.parent / "out.jsonl"
    result = invoke("export", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert exported_ids(out) == ["emoji"]
    for command in (["docs"], ["stats"], ["search", "Jakarta"], ["schema", "show"]):
        shown = invoke(*command, "--db", str(db))
        assert shown.exit_code == 0, shown.output
    assert "Jakarta" in invoke("search", "Jakarta", "--db", str(db)).output
    stray = [p.name for p in db.parent.iterdir() if p.name.startswith("proj") and p != db]
    assert [name for name in stray if not name.startswith(db.name)] == []


@pytest.mark.parametrize("command", [["import", "x.txt"], ["docs"], ["stats"]])
def test_a_url_of_another_server_is_refused_and_no_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Jakarta floods\n", encoding="utf-8")
    result = invoke(command[0], "--db", "mysql://host/news", *command[1:])
    assert result.exit_code == 2
    assert "mysql://host/news is a mysql: URL; a project is a SQLite file path" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_a_database_url_in_the_environment_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANNOTATOR_DB", "mysql://localhost/news")
    result = invoke("docs")
    assert result.exit_code == 2 and "mysql: URL; a project is a SQLite file" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_import_waits_for_another_import_and_both_are_saved(
    project: Path, tmp_path: Path
) -> None:
    first = articles_file(tmp_path / "first.jsonl", 600)
    second = tmp_path / "second.txt"
    second.write_text("Surabaya floods again\n", encoding="utf-8")
    with import_running(project, first):
        result = invoke("import", "--db", str(project), str(second))
    assert result.exit_code == 0, result.output
    assert "imported 1 document(s)" in result.output
    listed = json.loads(invoke("docs", "--db", str(project), "--json").output)
    assert len(listed) == 602 and listed[-1]["id"] == "second"


def test_a_schema_apply_during_an_import_waits_for_it(project: Path, tmp_path: Path) -> None:
    articles = articles_file(tmp_path / "articles.jsonl", 600)
    schema = tmp_path / "schema.toml"
    schema.write_text(
        default_schema_path().read_text(encoding="utf-8")
        + '\n[[labels]]\nname = "PORT"\nlayer = "entity"\ncolor = "#336699"\n',
        encoding="utf-8",
    )
    with import_running(project, articles):
        result = invoke("schema", "apply", "--db", str(project), str(schema))
    assert result.exit_code == 0, result.output
    shown = invoke("schema", "show", "--db", str(project), "--json").output
    assert "PORT" in shown
    assert len(json.loads(invoke("docs", "--db", str(project), "--json").output)) == 601


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(app, "WRITE_LOCK_WAIT", 0.2)
    yield


@pytest.mark.usefixtures("short_lock_wait")
def test_an_import_that_never_gets_the_write_lock_says_so_and_writes_nothing(
    project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "late.txt"
    source.write_text("Medan floods\n", encoding="utf-8")
    with write_lock_held(project):
        result = invoke("import", "--db", str(project), str(source))
    assert result.exit_code == 1
    # The project already holds documents, so the import backs it up before it writes.
    assert result.output.splitlines()[-1] == (
        f"Error: {project}: another program (an import or schema change?) is writing to the "
        "project; nothing was saved, try again when it has finished"
    )
    assert "Traceback" not in result.output
    listed = json.loads(invoke("docs", "--db", str(project), "--json").output)
    assert [doc["id"] for doc in listed] == ["emoji"]


@pytest.fixture
def read_only_project(closed_project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The project file and its folder read-only; root, who may write anything, is also told
    so by ``os.access``."""
    real_access = os.access

    def no_write(path: object, mode: int) -> bool:
        return False if mode == os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    folder = closed_project.parent / "shared"
    folder.mkdir()
    db = folder / closed_project.name
    os.replace(closed_project, db)
    monkeypatch.setattr(os, "access", no_write)
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    db.chmod(0o644)


def test_a_read_only_project_can_still_be_read(read_only_project: Path, tmp_path: Path) -> None:
    db = str(read_only_project)
    before = read_only_project.read_bytes()
    docs = invoke("docs", "--db", db, "--json")
    assert docs.exit_code == 0, docs.output
    assert json.loads(docs.output)[0]["id"] == "emoji"
    search = invoke("search", "Jakarta", "--db", db)
    assert search.exit_code == 0 and "Jakarta" in search.output
    stats = invoke("stats", "--db", db, "--json")
    assert stats.exit_code == 0 and json.loads(stats.output)["spans"] == 1
    schema = invoke("schema", "show", "--db", db, "--json")
    assert schema.exit_code == 0 and "GPE" in schema.output
    out = tmp_path / "out.jsonl"
    export = invoke("export", "--db", db, "--out", str(out))
    assert export.exit_code == 0, export.output
    assert exported_ids(out) == ["emoji"]
    assert read_only_project.read_bytes() == before
    assert sorted(p.name for p in read_only_project.parent.iterdir()) == [read_only_project.name]
    refused = invoke("import", "--db", db, str(out))
    assert refused.exit_code == 1 and "the database is read-only" in refused.output


def test_a_connection_lost_during_a_command_is_one_line(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    assert invoke("init", "--db", pg_url).exit_code == 0

    def lost(self: Repository) -> None:
        raise psycopg.OperationalError("server closed the connection unexpectedly\nmore detail")

    monkeypatch.setattr(Repository, "documents", lost)
    result = invoke("docs", "--db", pg_url)
    assert result.exit_code == 1
    assert result.output == (
        "Error: the PostgreSQL server failed during the command: server closed the connection "
        "unexpectedly; what the command had not committed was not saved\n"
    )
