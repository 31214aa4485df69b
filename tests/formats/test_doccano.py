"""doccano JSONL: UTF-16 offsets by default, both shapes, round trips on emoji text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import TEXT, at, export, new_repo, populate, utf16


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_relation_shape_with_utf16_offsets(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "doccano", tmp_path / "out.jsonl")
    assert any("relation" in note for note in report.notes)
    assert report.notes.count("2 span attribute value(s) not held by doccano") == 0
    assert "3 span attribute value(s) not held by doccano" in report.notes
    first = _lines(tmp_path / "out.jsonl")[0]
    assert set(first) == {"id", "text", "entities", "relations"}
    start, end = at(TEXT, "Joko Widodo")
    per = next(e for e in first["entities"] if e["label"] == "PER")
    assert (per["start_offset"], per["end_offset"]) == (utf16(TEXT, start), utf16(TEXT, end))
    assert per["start_offset"] != start  # the emoji before it make the units differ
    utf16_text = first["text"].encode("utf-16-le")
    for entity in first["entities"]:
        piece = utf16_text[2 * entity["start_offset"] : 2 * entity["end_offset"]]
        assert piece.decode("utf-16-le").strip()
    relation = next(r for r in first["relations"] if r["type"] == "claimant")
    ids = {e["id"]: e["label"] for e in first["entities"]}
    assert (ids[relation["from_id"]], ids[relation["to_id"]]) == ("CLAIM", "PER")


def test_sequence_shape_without_relations(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "doccano", tmp_path / "out.jsonl", layer="entity")
    first = _lines(tmp_path / "out.jsonl")[0]
    assert set(first) == {"id", "text", "label"}
    start, end = at(TEXT, "Jakarta")
    assert [utf16(TEXT, start), utf16(TEXT, end), "GPE"] in first["label"]


@pytest.mark.parametrize("offsets", ["utf16", "codepoint"])
@pytest.mark.parametrize("layer", [None, "entity"])
def test_round_trip(repo: Repository, tmp_path: Path, offsets: str, layer: str | None) -> None:
    populate(repo)
    export(repo, "doccano", tmp_path / "first.jsonl", layer=layer, offsets=offsets)
    other = new_repo(tmp_path / "other.db")
    import_paths(other, [tmp_path / "first.jsonl"], offsets=offsets)  # type: ignore[arg-type]
    assert other.document("news-1").text == TEXT
    export(other, "doccano", tmp_path / "second.jsonl", layer=layer, offsets=offsets)
    assert _lines(tmp_path / "first.jsonl") == _lines(tmp_path / "second.jsonl")


def test_codepoint_option_writes_code_points(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "doccano", tmp_path / "out.jsonl", layer="entity", offsets="codepoint")
    assert report.format == "doccano" and "offsets in code points" in report.notes[0]
    start, end = at(TEXT, "Jakarta")
    assert [start, end, "GPE"] in _lines(tmp_path / "out.jsonl")[0]["label"]


def _doccano_file(tmp_path: Path, start: int, end: int) -> Path:
    path = tmp_path / "doccano.jsonl"
    record = {"id": 7, "text": "Hi 😀 Jakarta", "label": [[start, end, "GPE"]], "Comments": []}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    return path


def test_a_doccano_utf16_file_imports_to_code_points(repo: Repository, tmp_path: Path) -> None:
    path = _doccano_file(tmp_path, 6, 13)  # doccano counts the emoji as two units
    import_paths(repo, [path])
    (span,) = repo.spans("7")
    assert (span.start, span.end, span.text) == (5, 12, "Jakarta")
    assert repo.document("7").meta == {"Comments": []}


def test_offsets_codepoint_reads_code_points(repo: Repository, tmp_path: Path) -> None:
    path = _doccano_file(tmp_path, 5, 12)
    import_paths(repo, [path], offsets="codepoint")
    (span,) = repo.spans("7")
    assert span.text == "Jakarta"


def test_a_code_point_file_read_as_utf16_is_refused(repo: Repository, tmp_path: Path) -> None:
    path = _doccano_file(tmp_path, 4, 12)  # 4 = inside the emoji's surrogate pair in UTF-16
    with pytest.raises(FormatError, match=r"doccano\.jsonl:1: label 1: .*--offsets codepoint"):
        import_paths(repo, [path])
    assert repo.document_ids() == []


def test_malformed_json_names_file_and_line(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "Hi Jakarta", "label": [[3, 10, "GPE"]]}\n{"id": 2, "te\n')
    with pytest.raises(FormatError, match=r"bad\.jsonl:2: malformed JSON"):
        import_paths(repo, [path], fmt="doccano")
    assert repo.document_ids() == []


class _DoccanoEntity(BaseModel):
    """doccano's importer shapes (data_import SpanLabel / RelationLabel): integer ids."""

    model_config = ConfigDict(strict=True, extra="forbid")
    id: int
    label: str
    start_offset: int
    end_offset: int


class _DoccanoRelation(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    id: int
    from_id: int
    to_id: int
    type: str


def test_relation_export_passes_doccanos_strict_models(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "doccano", tmp_path / "out.jsonl")
    lines = _lines(tmp_path / "out.jsonl")
    entity_ids: list[int] = []
    for line in lines:
        entities = [_DoccanoEntity.model_validate(e) for e in line["entities"]]
        relations = [_DoccanoRelation.model_validate(r) for r in line["relations"]]
        ids = {e.id for e in entities}
        assert all(r.from_id in ids and r.to_id in ids for r in relations)
        entity_ids += [e.id for e in entities] + [r.id for r in relations]
    assert len(entity_ids) == len(set(entity_ids)) == 9 + 2
    with pytest.raises(ValidationError):
        _DoccanoRelation.model_validate({"id": "r-1", "from_id": 1, "to_id": 2, "type": "x"})


def test_exact_duplicate_spans_import_once_and_are_counted(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "admin.jsonl"
    line = {
        "id": 7,
        "text": "Joko Widodo visited Jakarta.",
        "entities": [
            {"id": 1, "label": "PER", "start_offset": 0, "end_offset": 11},
            {"id": 2, "label": "GPE", "start_offset": 20, "end_offset": 27},
            {"id": 3, "label": "GPE", "start_offset": 20, "end_offset": 27},
            {"id": 4, "label": "ORG", "start_offset": 20, "end_offset": 27},
        ],
        "relations": [],
    }
    seq = {"id": 8, "text": "Rain in Surabaya.", "label": [[8, 16, "GPE"], [8, 16, "GPE"]]}
    path.write_text(json.dumps(line) + "\n" + json.dumps(seq) + "\n")
    report = import_paths(repo, [path])
    assert sorted((s.label, s.text) for s in repo.spans("7")) == [
        ("GPE", "Jakarta"),
        ("ORG", "Jakarta"),
        ("PER", "Joko Widodo"),
    ]
    assert [s.text for s in repo.spans("8")] == ["Surabaya"]
    assert report.spans == 4
    assert "2 exact duplicate span(s) in doccano input imported once" in report.lines()


ENTITY = {"id": 1, "label": "PER", "start_offset": 0, "end_offset": 4}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("Joko", r"expected a JSON object, got str"),
        ({"text": "Joko", "label": "PER"}, r"'label'/'entities' must be a list"),
        ({"text": "Joko", "entities": {"id": 1}}, r"'label'/'entities' must be a list"),
        ({"label": []}, r"missing or non-text field 'text'"),
        ({"text": "\n \n", "label": []}, r"the text is empty"),
        ({"text": "Joko", "entities": [[0, 4, "PER"]]}, r"label 1: expected an entity object"),
        (
            {"text": "Joko", "entities": [{**ENTITY, "end_offset": 4.0}]},
            r"label 1: field 'end_offset' must be an integer, got 4\.0",
        ),
        (
            {"text": "Joko", "label": ["sports"]},
            r"label 1: expected \[start, end, label\], got 'sports' \(a text classification "
            r"file is not a span file\)",
        ),
        (
            {"text": "Joko", "label": [[0, "4", "PER"]]},
            r"label 1: offsets must be integers, got 0, '4'",
        ),
        (
            {"text": "Joko", "label": [[False, 4, "PER"]]},
            r"label 1: offsets must be integers, got False, 4",
        ),
        (
            {"text": "Joko", "entities": [ENTITY], "relations": ["1-2"]},
            r"relation 1: expected a relation object",
        ),
        (
            {"text": "Joko", "entities": [ENTITY], "relations": [{"from_id": 1, "to_id": 2}]},
            r"relation 1: to_id 2 names no entity of this line",
        ),
        (
            {"text": "Joko", "entities": [ENTITY], "relations": [{"from_id": 1, "to_id": 1}]},
            r"relation 1: missing relation 'type'",
        ),
    ],
)
def test_a_malformed_line_is_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, record: object, message: str
) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Fine.", "label": []}) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}:2: {message}$"):
        import_paths(repo, [path], fmt="doccano")
    assert repo.document_ids() == []
