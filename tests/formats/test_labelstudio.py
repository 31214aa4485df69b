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


def region(start: int, end: int, label: str = "PER", region_id: str = "a") -> dict[str, Any]:
    return {
        "id": region_id,
        "type": "labels",
        "from_name": "label",
        "to_name": "text",
        "value": {"start": start, "end": end, "labels": [label]},
    }


def task(*results: Any, text: str = "Joko met Budi") -> dict[str, Any]:
    return {"data": {"text": text}, "annotations": [{"result": list(results)}]}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "Joko"}, r"expected a task object with a 'data' object"),
        (
            {"data": {"text": "Joko"}, "annotations": {"result": []}},
            r"'annotations' must be a list",
        ),
        ({"data": {"title": "Joko"}}, r"missing or non-text field 'text'"),
        (task("Joko"), r"annotation 1: result 1: expected a result object"),
        (
            task({"type": "rating", "value": {"rating": 4}}),
            r"annotation 1: result 1: result type 'rating' cannot be imported; annotator reads "
            r"'labels', 'relation' and document 'choices' results",
        ),
        (
            task({"type": "choices", "from_name": "mood", "value": {"choices": ["happy"]}}),
            r"annotation 1: result 1: document choice 'mood' \['happy'\] is not one value of a "
            r"document label of the schema \(known: .+\)",
        ),
        (
            task({**region(0, 4), "value": {"start": 0, "end": 4, "labels": ["PER", "ORG"]}}),
            r"annotation 1: result 1: a region needs exactly one label, got \['PER', 'ORG'\]",
        ),
        (
            task({**region(0, 4), "value": {"start": 0, "end": 4}}),
            r"annotation 1: result 1: a region needs exactly one label, got None",
        ),
        (
            task({**region(0, 4), "value": {"start": 0, "end": "4", "labels": ["PER"]}}),
            r"annotation 1: result 1: field 'end' must be an integer, got '4'",
        ),
        (task(region(9, 20)), r"annotation 1: result 1: region 9\.\.20 is off the text \(13\)"),
        (task(region(4, 4)), r"annotation 1: result 1: region 4\.\.4 is off the text \(13\)"),
        (
            task({**region(0, 4), "value": {"start": 0, "end": 4, "labels": ["PER"], "text": "J"}}),
            r"annotation 1: result 1: region 0\.\.4 has text 'J' but the task text says 'Joko'",
        ),
        (
            task(region(0, 4), region(9, 13)),
            r"annotation 1: result 2: region id 'a' appears twice in one annotation",
        ),
        (
            task(region(0, 4), {"type": "relation", "from_id": "a", "to_id": "zz"}),
            r"annotation 1: result 2: to_id 'zz' names no region of this annotation",
        ),
        (
            task(
                region(0, 4),
                region(9, 13, region_id="b"),
                {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["x", "y"]},
            ),
            r"annotation 1: result 3: a relation needs one label at most, got \['x', 'y'\]",
        ),
        (
            task(
                region(0, 4, "MISC"),
                region(9, 13, "MISC", region_id="b"),
                {"type": "relation", "from_id": "a", "to_id": "b"},
            ),
            r"annotation 1: result 3: a relation without a label from MISC to MISC, and no "
            r"relation type of the schema joins them; give --relation-label",
        ),
    ],
)
def test_a_malformed_task_is_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, record: object, message: str
) -> None:
    path = tmp_path / "ls.json"
    fine = {"data": {"text": "Fine."}}
    path.write_text("[\n" + json.dumps(fine) + ",\n" + json.dumps(record) + "\n]\n")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}:3: task 2: {message}$"):
        import_paths(repo, [path], fmt="labelstudio")
    assert repo.document_ids() == []
