"""Label Studio tasks JSON: code point offsets, value.text checked or filled, round trips."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import TEXT, export, new_repo, populate


def test_export_shape(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "labelstudio", tmp_path / "tasks.json")
    assert "4 span attribute value(s) not held by the Label Studio export" not in report.notes
    tasks = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == ["news-1", "news-2"]
    result = tasks[0]["annotations"][0]["result"]
    regions = [r for r in result if r["type"] == "labels"]
    assert len(regions) == 6
    for region in regions:
        value = region["value"]
        assert tasks[0]["data"]["text"][value["start"] : value["end"]] == value["text"]
        assert (region["from_name"], region["to_name"]) == ("label", "text")
    per = next(r for r in regions if r["value"]["labels"] == ["PER"])
    assert per["meta"] == {"text": ["President of Indonesia"]}
    relations = [r for r in result if r["type"] == "relation"]
    assert {(r["from_id"], r["to_id"], r["labels"][0]) for r in relations} == {
        ("s-claim", "s-per", "claimant"),
        ("s-claim", "s-gpe2", "target"),
    }
    assert all(r["direction"] == "right" for r in relations)
    choices = [r for r in result if r["type"] == "choices"]
    assert choices == [
        {
            "from_name": "topic",
            "to_name": "text",
            "type": "choices",
            "value": {"choices": ["politics"]},
        }
    ]


def test_round_trip(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "labelstudio", tmp_path / "first.json")
    other = new_repo(tmp_path / "other.db")
    report = import_paths(other, [tmp_path / "first.json"])
    assert (report.spans, report.relations) == (9, 2)
    assert other.document("news-1").text == TEXT
    assert other.document("news-1").labels == {"topic": "politics"}
    export(other, "labelstudio", tmp_path / "second.json")
    first = _numbered_regions(tmp_path / "first.json")
    assert first == _numbered_regions(tmp_path / "second.json")


def _numbered_regions(path: Path) -> list[dict[str, Any]]:
    """The tasks with region ids numbered in order: they are local to one annotation, so an
    import gives every region a new span id."""
    text = path.read_text("utf-8")
    for n, region_id in enumerate(dict.fromkeys(re.findall(r'"id": "([^"]+)"', text))):
        text = text.replace(f'"{region_id}"', f'"region-{n}"')
    tasks: list[dict[str, Any]] = json.loads(text)
    return tasks


def _tasks(tmp_path: Path, value: dict) -> Path:
    task = {
        "id": 3,
        "data": {"text": "Hi 😀 Jakarta"},
        "annotations": [
            {
                "completed_by": {"email": "ana@example.org"},
                "result": [{"id": "r1", "type": "labels", "from_name": "ner", "value": value}],
            }
        ],
    }
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False, indent=2), "utf-8")
    return path


def test_missing_value_text_is_taken_from_the_text(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_tasks(tmp_path, {"start": 5, "end": 12, "labels": ["GPE"]})])
    (span,) = repo.spans("3")
    assert (span.start, span.end, span.text, span.annotator) == (
        5,
        12,
        "Jakarta",
        "ana@example.org",
    )


def test_value_text_mismatch_names_file_and_line(repo: Repository, tmp_path: Path) -> None:
    value = {"start": 5, "end": 11, "text": "Jakarta", "labels": ["GPE"]}
    with pytest.raises(
        FormatError, match=r"ls\.json:2: task 1: annotation 1: result 1: .*'Jakarta'"
    ):
        import_paths(repo, [_tasks(tmp_path, value)])
    assert repo.document_ids() == []


def test_malformed_json_names_the_line(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[\n{"data": {"text": "a"}},\n{"data": {"text": "b"}\n]\n')
    with pytest.raises(FormatError, match=r"bad\.json:4: malformed JSON"):
        import_paths(repo, [path], fmt="labelstudio")
    assert repo.document_ids() == []
