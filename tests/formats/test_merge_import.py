"""Re-importing annotated documents already in the project: new annotations are added,
duplicates skipped and counted, conflicts refused with both sides named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from annotator.store.statuses import all_statuses
from tests.helpers.cli import Run

TEXT = "Joko Widodo visited Jakarta and Surabaya."


def _span(sid: str, label: str, needle: str, layer: str = "entity") -> dict[str, Any]:
    start = TEXT.index(needle)
    return {
        "id": sid,
        "layer": layer,
        "label": label,
        "start": start,
        "end": start + len(needle),
        "text": needle,
    }


def _file(tmp_path: Path, name: str, spans: list[dict[str, Any]], **fields: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"id": "d1", "text": TEXT, "spans": spans, **fields}) + "\n")
    return path


def test_new_spans_on_an_identical_document_are_added(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_file(tmp_path, "a.jsonl", [_span("s1", "PER", "Joko Widodo")])])
    second = _file(
        tmp_path,
        "b.jsonl",
        [
            _span("s1", "PER", "Joko Widodo"),
            _span("s9", "PER", "Joko Widodo"),
            _span("s2", "GPE", "Jakarta"),
            _span("s3", "GPE", "Surabaya"),
        ],
        status="done",
    )
    report = import_paths(repo, [second])
    assert sorted((s.id, s.text) for s in repo.spans("d1")) == [
        ("s1", "Joko Widodo"),
        ("s2", "Jakarta"),
        ("s3", "Surabaya"),
    ]
    assert repo.document("d1").status == "done"
    lines = report.lines()
    assert "added to d1 (already in the project): 2 span(s), 0 relation(s), status 'done'" in lines
    assert "2 span(s) already in the project skipped (duplicates)" in lines
    assert report.unchanged == []


def test_relations_join_the_stored_spans(repo: Repository, tmp_path: Path) -> None:
    claim = _span("c1", "CLAIM", "Joko Widodo visited Jakarta", layer="claim")
    import_paths(repo, [_file(tmp_path, "a.jsonl", [claim, _span("s1", "PER", "Joko Widodo")])])
    relation = {"id": "r1", "label": "claimant", "head": "c9", "tail": "s9"}
    renamed = [{**claim, "id": "c9"}, _span("s9", "PER", "Joko Widodo")]
    report = import_paths(repo, [_file(tmp_path, "b.jsonl", renamed, relations=[relation])])
    (stored,) = repo.relations("d1")
    assert (stored.id, stored.head, stored.tail) == ("r1", "c1", "s1")
    assert report.relations == 1 and report.spans == 0


def test_the_same_file_twice_changes_nothing(repo: Repository, tmp_path: Path) -> None:
    path = _file(tmp_path, "a.jsonl", [_span("s1", "PER", "Joko Widodo")])
    import_paths(repo, [path])
    report = import_paths(repo, [path])
    assert report.unchanged == ["d1"]
    assert "1 span(s) already in the project skipped (duplicates)" in report.lines()
    assert len(repo.spans("d1")) == 1


def test_a_span_id_with_other_content_is_a_conflict(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_file(tmp_path, "a.jsonl", [_span("s1", "PER", "Joko Widodo")])])
    clash = _file(
        tmp_path, "b.jsonl", [_span("s2", "GPE", "Surabaya"), _span("s1", "GPE", "Jakarta")]
    )
    with pytest.raises(
        FormatError,
        match=r"b\.jsonl:1: span 2: id 's1' is already in document 'd1' as PER 0\.\.11; "
        r"the file has GPE 20\.\.27 \(a conflict",
    ):
        import_paths(repo, [clash])
    assert [s.id for s in repo.spans("d1")] == ["s1"]


def test_an_overlap_with_a_stored_span_is_refused(repo: Repository, tmp_path: Path) -> None:
    body = _span("s1", "BODY", "Joko Widodo visited", layer="section")
    import_paths(repo, [_file(tmp_path, "a.jsonl", [body])])
    headline = _span("s2", "HEADLINE", "Jakarta", layer="section")
    headline["start"] -= 8
    headline["text"] = TEXT[headline["start"] : headline["end"]]
    with pytest.raises(FormatError, match=r"b\.jsonl:1: span 1: section spans may not overlap"):
        import_paths(repo, [_file(tmp_path, "b.jsonl", [headline])])
    assert [s.id for s in repo.spans("d1")] == ["s1"]


def test_cli_report_says_what_was_added(run: Run, tmp_path: Path) -> None:
    assert run("import", str(_file(tmp_path, "a.jsonl", []))).exit_code == 0
    result = run("import", str(_file(tmp_path, "b.jsonl", [_span("s2", "GPE", "Jakarta")])))
    assert result.exit_code == 0, result.output
    assert "imported 0 document(s) with 1 span(s) and 0 relation(s)" in result.output
    assert "added to d1 (already in the project): 1 span(s), 0 relation(s)" in result.output


def test_a_span_id_twice_in_the_file_is_named(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_file(tmp_path, "a.jsonl", [])])
    twice = [_span("s2", "GPE", "Jakarta"), _span("s2", "GPE", "Surabaya")]
    with pytest.raises(FormatError, match=r"b\.jsonl:1: span 2: span id 's2' appears twice"):
        import_paths(repo, [_file(tmp_path, "b.jsonl", twice)])
    assert repo.spans("d1") == []


def test_annotators_statuses_the_project_lacks_are_added_and_its_own_kept(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [_file(tmp_path, "a.jsonl", [], statuses={"ana": {"status": "done"}})])
    team = {
        "ana": {"status": "in_progress", "assigned": True},
        "budi": {"status": "done", "assigned": True},
    }
    second = _file(tmp_path, "b.jsonl", [], statuses=team)

    report = import_paths(repo, [second])

    assert all_statuses(repo) == {"d1": {"ana": ("done", False), "budi": ("done", True)}}
    assert (
        "added to d1 (already in the project): 0 span(s), 0 relation(s), "
        "1 annotator status(es)" in report.lines()
    )
    assert import_paths(repo, [second]).unchanged == ["d1"]
