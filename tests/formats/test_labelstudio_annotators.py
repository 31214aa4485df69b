"""Label Studio exports as real projects write them: two annotators who started from one
prediction (shared region ids), per-task region ids "0", "1", unlabelled relations, extra
``data`` fields and ``completed_by``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.cli import Run
from tests.helpers.tool_formats_project import export, new_repo

TEXT = "Joko Widodo said Jakarta must move."


def _region(rid: str, needle: str, label: str, text: str = TEXT) -> dict[str, Any]:
    start = text.index(needle)
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "prediction",
        "value": {"start": start, "end": start + len(needle), "text": needle, "labels": [label]},
    }


CLAIM = "Jakarta must move"
TASKS = [
    {
        "id": 41,
        "data": {"text": TEXT, "source": "antara", "url": "https://example.org/a/41"},
        "annotations": [
            {
                "id": 1,
                "completed_by": 7,
                "result": [
                    _region("wJ4LkLm9aG", "Joko Widodo", "PER"),
                    _region("xQ2", CLAIM, "CLAIM"),
                    {
                        "from_id": "xQ2",
                        "to_id": "wJ4LkLm9aG",
                        "type": "relation",
                        "direction": "right",
                    },
                ],
            },
            {
                "id": 2,
                "completed_by": {"id": 9, "email": "sari@example.org"},
                "result": [
                    _region("wJ4LkLm9aG", "Joko Widodo", "PER"),
                    _region("k8", "Jakarta", "GPE"),
                ],
            },
        ],
        "predictions": [{"result": [_region("wJ4LkLm9aG", "Joko Widodo", "PER")]}],
    },
    {
        "id": 42,
        "data": {"text": "Rain in Surabaya."},
        "annotations": [
            {"completed_by": 7, "result": [_region("0", "Surabaya", "GPE", "Rain in Surabaya.")]}
        ],
    },
    {
        "id": 43,
        "data": {"text": "Floods in Bandung."},
        "annotations": [
            {"completed_by": 7, "result": [_region("0", "Bandung", "GPE", "Floods in Bandung.")]}
        ],
    },
]


def _file(tmp_path: Path, tasks: list[dict[str, Any]] = TASKS) -> Path:
    path = tmp_path / "project-3-at-2026.json"
    path.write_text(json.dumps(tasks, indent=2))
    return path


def test_each_annotator_keeps_their_own_spans(repo: Repository, tmp_path: Path) -> None:
    report = import_paths(repo, [_file(tmp_path)])
    assert repo.document_ids() == ["41", "42", "43"]
    spans = sorted((s.annotator, s.label, s.text) for s in repo.spans("41"))
    assert spans == [
        ("7", "CLAIM", CLAIM),
        ("7", "PER", "Joko Widodo"),
        ("sari@example.org", "GPE", "Jakarta"),
        ("sari@example.org", "PER", "Joko Widodo"),
    ]
    assert len({s.id for s in repo.spans("41")}) == 4
    assert [s.text for s in repo.spans("43")] == ["Bandung"]
    assert "1 Label Studio prediction(s) not imported (model suggestions)" in report.lines()


def test_an_unlabelled_relation_gets_the_type_that_fits(repo: Repository, tmp_path: Path) -> None:
    report = import_paths(repo, [_file(tmp_path)])
    (relation,) = repo.relations("41")
    spans = {s.id: s for s in repo.spans("41")}
    assert (relation.label, spans[relation.head].label, spans[relation.tail].label) == (
        "claimant",
        "CLAIM",
        "PER",
    )
    assert (
        "1 Label Studio relation(s) without a label imported as 'claimant' "
        "(--relation-label chooses the type)" in report.lines()
    )


def test_cli_relation_label_chooses_the_type(run: Run, tmp_path: Path, db_path: Path) -> None:
    result = run("import", "--relation-label", "target", str(_file(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "1 Label Studio relation(s) without a label imported as 'target'" in result.output
    (relation,) = new_repo(db_path).relations("41")
    assert relation.label == "target"


def test_data_fields_and_annotators_survive_the_round_trip(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [_file(tmp_path)])
    assert repo.document("41").meta == {"source": "antara", "url": "https://example.org/a/41"}
    export(repo, "labelstudio", tmp_path / "out.json")
    (task, *_) = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert task["data"] == {**TASKS[0]["data"], "doc_id": "41"}
    by_annotator = {
        a["completed_by"]: sorted(
            r["value"]["labels"][0] for r in a["result"] if r["type"] == "labels"
        )
        for a in task["annotations"]
    }
    assert by_annotator == {7: ["CLAIM", "PER"], "sari@example.org": ["GPE", "PER"]}
    other = new_repo(tmp_path / "other.db")
    import_paths(other, [tmp_path / "out.json"])
    assert sorted((s.annotator, s.text) for s in other.spans("41")) == sorted(
        (s.annotator, s.text) for s in repo.spans("41")
    )
    assert other.document("41").meta == repo.document("41").meta


def test_a_region_id_twice_in_one_annotation_is_refused(repo: Repository, tmp_path: Path) -> None:
    task = {
        "data": {"text": TEXT},
        "annotations": [
            {"result": [_region("a", "Joko Widodo", "PER"), _region("a", "Jakarta", "GPE")]}
        ],
    }
    with pytest.raises(
        FormatError, match=r"annotation 1: result 2: region id 'a' appears twice in one"
    ):
        import_paths(repo, [_file(tmp_path, [task])])
    assert repo.document_ids() == []


def test_importing_the_same_export_again_adds_nothing(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_file(tmp_path)])
    report = import_paths(repo, [_file(tmp_path)])
    assert report.unchanged == ["41", "42", "43"]
    assert "6 span(s) already in the project skipped (duplicates)" in report.lines()
    assert len(repo.spans("41")) == 4 and len(repo.relations("41")) == 1
