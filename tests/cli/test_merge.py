"""``annotator merge``: annotators' copies into the team project, from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotator.config import backup_folder
from annotator.store.backups import list_backups
from tests.helpers.cli import Place, Run
from tests.helpers.team_copies import annotate, copy_of, dump, team_project


def _copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    team = team_project(tmp_path / "team.db")
    ana, budi = copy_of(team, tmp_path / "ana.db"), copy_of(team, tmp_path / "budi.db")
    annotate(ana, "ana", [("news", "PER", 0, 9), ("news", "GPE", 29, 36)], {"news": "done"})
    annotate(budi, "", [("weather", "GPE", 20, 25)], {"weather": "in_progress"})
    return team, ana, budi


def _exported(run: Run, team: Path | str, out: Path) -> list[tuple[str, str, str, str]]:
    result = run("export", "--format", "native", "--out", str(out), db=team)
    assert result.exit_code == 0, result.output
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
            rows.append((record["id"], span["annotator"], span["label"], span["text"]))
    return sorted(rows)


def test_merge_twice_prints_a_report_per_source_and_the_second_adds_nothing(
    run: Run, tmp_path: Path
) -> None:
    team, ana, budi = _copies(tmp_path)

    first = run("merge", str(ana), str(budi), "--as", "budi", db=team)
    second = run("merge", str(ana), str(budi), "--as", "budi", "--json", db=team)

    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[:9] == [
        f"merged 2 of 2 project file(s) into {team}: 0 document(s), 3 span(s), "
        "0 relation(s), 2 status(es) added",
        f"{ana}:",
        "  documents: 0 added, 2 already present, 0 refused",
        "  spans: 2 added, 0 already present, 0 refused",
        "  relations: 0 added, 0 already present, 0 refused",
        "  document notes: 0 added, 0 already present, 0 refused",
        "  document labels: 0 added, 0 already present, 0 refused",
        "  statuses: 1 added, 0 already present, 0 refused",
        "  log entries: 3 added, 0 already present, 0 refused",
    ]
    assert second.exit_code == 0, second.output
    report = json.loads(second.stdout)
    assert [s["counts"]["spans"] for s in report["sources"]] == [
        {"added": 0, "already_present": 2, "refused": 0},
        {"added": 0, "already_present": 1, "refused": 0},
    ]
    assert _exported(run, team, tmp_path / "all.jsonl") == [
        ("news", "ana", "GPE", "Jakarta"),
        ("news", "ana", "PER", "Ana Putri"),
        ("weather", "budi", "GPE", "Bogor"),
    ]
    with sqlite3.connect(team) as conn:
        rows = conn.execute("SELECT doc_id, annotator, status FROM document_status").fetchall()
    conn.close()
    assert sorted(rows) == [("news", "ana", "done"), ("weather", "budi", "in_progress")]


def test_a_conflicting_text_is_one_line_exit_1_and_changes_nothing(
    run: Run, tmp_path: Path
) -> None:
    team, ana, budi = _copies(tmp_path)
    with sqlite3.connect(budi) as conn:
        conn.execute("UPDATE documents SET text = 'Rain in Bogor.' WHERE id = 'weather'")
    conn.close()
    before = dump(team)

    result = run("merge", str(ana), str(budi), db=team)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: {budi}: document 'weather' has another text than the same document in "
        f"{team}; nothing was merged"
    )
    assert dump(team) == before


def test_skip_bad_merges_the_rest_and_names_what_it_left_out(run: Run, tmp_path: Path) -> None:
    team, ana, budi = _copies(tmp_path)
    with sqlite3.connect(budi) as conn:
        conn.execute("UPDATE documents SET text = 'Rain in Bogor.' WHERE id = 'weather'")
    conn.close()

    result = run("merge", str(ana), str(budi), "--skip-bad", db=team)

    assert result.exit_code == 0, result.output
    assert (
        f"  refused: {budi}: document 'weather' has another text than the same document in "
        f"{team}" in result.stdout.splitlines()
    )
    assert [row[0] for row in _exported(run, team, tmp_path / "out.jsonl")] == ["news", "news"]


def test_a_source_from_a_newer_annotator_is_refused(run: Run, tmp_path: Path) -> None:
    team, ana, _ = _copies(tmp_path)
    with sqlite3.connect(ana) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()

    result = run("merge", str(ana), db=team)

    assert result.exit_code == 1
    assert "the database was written by a newer annotator" in result.stderr
    assert result.stderr.strip().endswith("upgrade annotator to open it; nothing was merged")


def test_a_reserved_as_name_is_refused_before_anything_happens(run: Run, tmp_path: Path) -> None:
    team, ana, _ = _copies(tmp_path)
    result = run("merge", str(ana), "--as", "@gold", db=team)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: annotator name '@gold' is not allowed")
    assert list_backups(backup_folder(team)) == []


def test_the_team_project_is_backed_up_before_the_merge(run: Run, tmp_path: Path) -> None:
    team, ana, _ = _copies(tmp_path)
    result = run("merge", str(ana), db=team)
    assert result.exit_code == 0, result.output
    assert [b.reason for b in list_backups(backup_folder(team))] == ["before-merge"]


def test_a_merge_into_either_backend_adds_the_same_work(
    run: Run, tmp_path: Path, on_backend: Place
) -> None:
    team, ana, budi = _copies(tmp_path)
    db = on_backend(team)

    result = run("merge", str(ana), str(budi), "--as", "budi", "--json", db=db)

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["counts"]["spans"]["added"] for s in report["sources"]] == [2, 1]
    assert _exported(run, db, tmp_path / "all.jsonl") == [
        ("news", "ana", "GPE", "Jakarta"),
        ("news", "ana", "PER", "Ana Putri"),
        ("weather", "budi", "GPE", "Bogor"),
    ]
