"""``annotator copy``: a whole project moved between a file and a PostgreSQL server, losing
nothing; a target that holds work is refused, an interrupted copy leaves the target empty."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.store import project_copy
from annotator.store.backend import Location
from annotator.store.curation import decision_rows
from annotator.store.db import open_db
from annotator.store.page_sources import kept_page
from annotator.store.repository import Repository
from annotator.store.statuses import all_statuses
from annotator.store.suggestions import suggestions
from annotator.store.tokens import kept_tokens
from tests.helpers.full_project import full_project


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def native_export(location: Location, out: Path) -> str:
    result = invoke("export", "--db", str(location), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def held(location: Location) -> dict[str, Any]:
    """What the native export does not carry: the edit log, decisions, suggestions, the
    assignments, the kept tokens and web page."""
    repo = Repository(open_db(location, readonly=True))
    try:
        return {
            "log": repo.edit_log(limit=100_000),
            "decisions": decision_rows(repo, "jakarta"),
            "suggestions": suggestions(repo),
            "statuses": all_statuses(repo),
            "tokens": kept_tokens(repo, "jakarta"),
            "page": kept_page(repo, "jakarta"),
            "documents": repo.document_ids(),
        }
    finally:
        repo.db.close()


def test_a_file_copied_to_the_server_and_back_loses_nothing(tmp_path: Path, pg_url: str) -> None:
    source = full_project(tmp_path / "source.db")
    copied = invoke("copy", "--from", str(source), "--to", pg_url)
    assert copied.exit_code == 0, copied.output
    back = tmp_path / "back.db"
    returned = invoke("copy", "--from", pg_url, "--to", str(back))
    assert returned.exit_code == 0, returned.output
    exported = native_export(source, tmp_path / "source.jsonl")
    assert native_export(pg_url, tmp_path / "server.jsonl") == exported
    assert native_export(back, tmp_path / "back.jsonl") == exported
    assert "👩🏽‍🎨" in exported and '"r-gold"' in exported
    original = held(source)
    assert held(pg_url) == original
    assert held(back) == original
    assert len(original["log"]) == 8
    assert original["decisions"] == [(original["decisions"][0][0], "rejected", "cara")]
    assert original["documents"] == ["jakarta", "empty"]


def test_a_server_project_copied_to_a_file_and_back_loses_nothing(
    tmp_path: Path, pg_url: str, pg_server: Any
) -> None:
    made = full_project(tmp_path / "made.db")
    assert invoke("copy", "--from", str(made), "--to", pg_url).exit_code == 0
    file = tmp_path / "copy.db"
    assert invoke("copy", "--from", pg_url, "--to", str(file)).exit_code == 0
    second = pg_server.url(pg_server.new_database())
    try:
        result = invoke("copy", "--from", str(file), "--to", second)
        assert result.exit_code == 0, result.output
        exported = native_export(pg_url, tmp_path / "first.jsonl")
        assert native_export(file, tmp_path / "file.jsonl") == exported
        assert native_export(second, tmp_path / "second.jsonl") == exported
        assert held(second) == held(file) == held(pg_url)
    finally:
        pg_server.drop_database(second.rsplit("/", 1)[1])


def test_an_edit_after_a_copy_to_the_server_numbers_on_from_the_copied_log(
    tmp_path: Path, pg_url: str
) -> None:
    source = full_project(tmp_path / "source.db")
    assert invoke("copy", "--from", str(source), "--to", pg_url).exit_code == 0
    imported = tmp_path / "more.txt"
    imported.write_text("Medan floods\n", encoding="utf-8")
    result = invoke("import", "--db", pg_url, str(imported))
    assert result.exit_code == 0, result.output
    log = held(pg_url)["log"]
    assert [entry.id for entry in log][:2] == [9, 8]
    assert log[0].kind == "import"


def test_a_file_copy_says_what_it_copied(tmp_path: Path) -> None:
    source = full_project(tmp_path / "source.db")
    target = tmp_path / "target.db"
    result = invoke("copy", "--from", str(source), "--to", str(target), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["source"] == str(source) and report["target"] == str(target)
    assert report["rows"] == {
        "project": 1,
        "documents": 2,
        "spans": 6,
        "relations": 2,
        "suggestions": 1,
        "document_status": 3,
        "curation_decisions": 1,
        "document_tokens": 1,
        "page_sources": 1,
        "models": 1,
        "document_uncertainty": 2,
        "edit_log": 8,
    }
    assert f"copying {source} to {target}" in result.stderr
    text = invoke("copy", "--from", str(source), "--to", str(tmp_path / "third.db"))
    assert text.stdout.splitlines()[:3] == [
        f"copied {source} to {tmp_path / 'third.db'}:",
        "  project                      1",
        "  documents                    2",
    ]


def test_a_target_that_holds_documents_is_refused_by_name_and_left_alone(
    tmp_path: Path, pg_url: str
) -> None:
    source = full_project(tmp_path / "source.db")
    assert invoke("copy", "--from", str(source), "--to", pg_url).exit_code == 0
    before = held(pg_url)
    result = invoke("copy", "--from", str(source), "--to", pg_url)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: PostgreSQL database {pg_url.rsplit('/', 1)[1]} on 127.0.0.1:"
        f"{pg_url.split(':')[2].split('/')[0]} as postgres: holds 2 document(s); the copy "
        "needs a new or empty project (nothing was written)"
    )
    assert held(pg_url) == before


def test_a_project_made_with_init_can_be_the_target(tmp_path: Path, pg_url: str) -> None:
    assert invoke("init", "--db", pg_url).exit_code == 0
    source = full_project(tmp_path / "source.db")
    result = invoke("copy", "--from", str(source), "--to", pg_url)
    assert result.exit_code == 0, result.output
    assert held(pg_url) == held(source)


def test_an_interrupted_copy_leaves_the_target_empty(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = full_project(tmp_path / "source.db")

    def interrupt(target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(project_copy, "_continue_log_ids", interrupt)
    result = invoke("copy", "--from", str(source), "--to", pg_url)
    assert result.exit_code == 1 and "Aborted!" in result.output
    assert held(pg_url)["documents"] == [] and held(pg_url)["log"] == []
    monkeypatch.undo()
    retried = invoke("copy", "--from", str(source), "--to", pg_url)
    assert retried.exit_code == 0, retried.output
    assert held(pg_url) == held(source)


def test_copying_a_project_onto_itself_is_refused(tmp_path: Path) -> None:
    source = full_project(tmp_path / "source.db")
    result = invoke("copy", "--from", str(source), "--to", str(source))
    assert result.exit_code == 2
    assert "--from and --to name the same project; copy to a new one" in result.output


def test_a_target_url_of_another_server_is_refused(tmp_path: Path) -> None:
    result = invoke("copy", "--from", str(tmp_path / "a.db"), "--to", "mysql://host/news")
    assert result.exit_code == 2
    assert "mysql://host/news is a mysql: URL; a project is a SQLite file path" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_missing_source_is_refused_and_no_target_is_made(tmp_path: Path) -> None:
    result = invoke("copy", "--from", str(tmp_path / "a.db"), "--to", str(tmp_path / "b.db"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {tmp_path / 'a.db'}: no such database"
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_target_server_is_named_in_one_line(tmp_path: Path) -> None:
    source = full_project(tmp_path / "source.db")
    url = "postgresql://ana:s3cret@127.0.0.1:1/corpus?connect_timeout=2"
    result = invoke("copy", "--from", str(source), "--to", url)
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: PostgreSQL database corpus on 127.0.0.1:1 as ana: cannot connect to the server: "
    )
    assert len(result.output.splitlines()) == 1 and "s3cret" not in result.output
