"""``annotator assign`` and ``annotator docs --annotator``: printed loads and the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import Place, Run
from tests.helpers.saved import SavedProject

ASSIGNED = "SELECT doc_id, annotator FROM document_status WHERE assigned ORDER BY doc_id, annotator"


@pytest.fixture
def team(run: Run, tmp_path: Path) -> Run:
    """A project of four documents, d1..d4, nobody assigned yet."""
    source = tmp_path / "docs.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "title": f"Doc {i}", "text": f"Text 😀 number {i}."}) + "\n"
            for i in range(1, 5)
        ),
        encoding="utf-8",
    )
    assert run("import", str(source)).exit_code == 0
    return run


def test_assign_two_of_three_annotators_per_document(team: Run, saved: SavedProject) -> None:
    result = team("assign", "--annotators", "ana,budi,citra", "--per-doc", "2", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "added 8 assignments on 4 of 4 selected documents (2 annotators each)",
        "ana        3 assigned  (+3)",
        "budi       2 assigned  (+2)",
        "citra      3 assigned  (+3)",
    ]
    assert saved.rows(ASSIGNED) == [
        ("d1", "ana"),
        ("d1", "citra"),
        ("d2", "ana"),
        ("d2", "budi"),
        ("d3", "budi"),
        ("d3", "citra"),
        ("d4", "ana"),
        ("d4", "citra"),
    ]


def test_assigning_again_adds_only_what_is_missing(team: Run, saved: SavedProject) -> None:
    assert team("assign", "--annotators", "ana,budi", "--docs", "d1,d2").exit_code == 0
    result = team("assign", "--annotators", "ana,budi", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "documents": 4,
        "added": 2,
        "annotators": {"ana": {"assigned": 2, "added": 1}, "budi": {"assigned": 2, "added": 1}},
    }
    again = team("assign", "--annotators", "ana,budi")
    assert again.output.splitlines()[0] == (
        "nothing to add: the 4 selected documents have 1 annotator each"
    )
    assert len(saved.rows(ASSIGNED)) == 4


def test_status_selects_the_documents_nobody_has_started(team: Run, saved: SavedProject) -> None:
    assert team("assign", "--annotators", "ana", "--docs", "d4").exit_code == 0
    saved.read(lambda repo: repo.set_document_fields("d4", {"status": "done"}, "ana"))
    result = team("assign", "--annotators", "budi", "--status", "todo")
    assert result.exit_code == 0, result.output
    assert saved.rows(ASSIGNED) == [
        ("d1", "budi"),
        ("d2", "budi"),
        ("d3", "budi"),
        ("d4", "ana"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotators", "ana,budi", "--per-doc", "3"], "per-doc 3 is more than the 2"),
        (["--annotators", "ana,@gold"], "'@gold' is not allowed: names starting with @"),
        (["--annotators", "ana", "--docs", "d1,nope"], "no document with id 'nope'"),
        (["--annotators", "ana", "--status", "needs_review"], "no documents selected"),
        (["--annotators", "ana", "--docs", "d1", "--status", "todo"], "--docs or --status"),
    ],
)
def test_a_bad_request_says_why_and_assigns_nothing(
    team: Run, saved: SavedProject, args: list[str], message: str
) -> None:
    result = team("assign", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert saved.rows(ASSIGNED) == []


def test_docs_shows_an_annotators_status_assignments_and_who_is_done(
    team: Run, saved: SavedProject
) -> None:
    both = team("assign", "--annotators", "ana,budi", "--per-doc", "2", "--docs", "d1")
    assert both.exit_code == 0
    assert team("assign", "--annotators", "ana", "--docs", "d2").exit_code == 0
    saved.read(lambda repo: repo.set_document_fields("d1", {"status": "done"}, "budi"))
    saved.read(lambda repo: repo.set_document_fields("d2", {"status": "in_progress"}, "ana"))

    lines = team("docs", "--annotator", "ana").output.splitlines()
    assert lines[0].split() == ["id", "spans", "status", "done", "title"]
    assert lines[1].split() == ["d1", "*", "0", "todo", "1/2", "Doc", "1"]
    assert lines[2].split() == ["d2", "*", "0", "in_progress", "0/1", "Doc", "2"]
    assert lines[3].split() == ["d3", "0", "todo", "Doc", "3"]
    assert lines[-1] == "* assigned to ana"

    listed = json.loads(team("docs", "--annotator", "budi", "--json").output)
    assert [(d["id"], d["status"], d["assigned_to"], d["done_by"]) for d in listed] == [
        ("d1", "done", ["ana", "budi"], {"done": 1, "of": 2}),
        ("d2", "todo", ["ana"], {"done": 0, "of": 1}),
        ("d3", "todo", [], {"done": 0, "of": 0}),
        ("d4", "todo", [], {"done": 0, "of": 0}),
    ]


# SQLite only: store.statuses' assignment upsert does not run on PostgreSQL yet.
def test_assignments_and_the_queue_read_the_same_on_both_backends(
    team: Run, db_path: Path, on_backend: Place
) -> None:
    db = on_backend(db_path)
    result = team(
        "assign", "--annotators", "ana,budi,citra", "--per-doc", "2", "--seed", "1", db=db
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "added 8 assignments on 4 of 4 selected documents (2 annotators each)",
        "ana        3 assigned  (+3)",
        "budi       2 assigned  (+2)",
        "citra      3 assigned  (+3)",
    ]
    listed = json.loads(team("docs", "--annotator", "budi", "--json", db=db).output)
    assert [(d["id"], d["assigned_to"]) for d in listed] == [
        ("d1", ["ana", "citra"]),
        ("d2", ["ana", "budi"]),
        ("d3", ["budi", "citra"]),
        ("d4", ["ana", "citra"]),
    ]
