"""Prodigy JSONL: spaCy tokens, inclusive token_end, misaligned spans reported, round trips."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from annotator.core.model import Document, Span
from annotator.formats.importer import import_paths, import_records
from annotator.formats.records import DocumentRecord, FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import TEXT, export, new_repo, populate


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_tokens_and_inclusive_token_end_read_by_spacy(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "prodigy", tmp_path / "out.jsonl")
    assert not report.problems
    for task in _lines(tmp_path / "out.jsonl"):
        tokens = task["tokens"]
        doc = Doc(
            spacy.blank("en").vocab,
            words=[t["text"] for t in tokens],
            spaces=[t["ws"] for t in tokens],
        )
        assert doc.text == task["text"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for entry in task["spans"]:
            piece = doc[entry["token_start"] : entry["token_end"] + 1]
            assert (piece.start_char, piece.end_char) == (entry["start"], entry["end"])
        for rel in task.get("relations", []):
            assert rel["head"] == rel["head_span"]["token_end"]
            assert rel["child"] == rel["child_span"]["token_end"]
    first = _lines(tmp_path / "out.jsonl")[0]
    assert {r["label"] for r in first["relations"]} == {"claimant", "target"}
    assert first["meta"] == {"id": "news-1", "lang": "en"}


def test_round_trip(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "prodigy", tmp_path / "first.jsonl")
    other = new_repo(tmp_path / "other.db")
    report = import_paths(other, [tmp_path / "first.jsonl"])
    assert (report.spans, report.relations) == (9, 2)
    assert other.document("news-1").text == TEXT
    export(other, "prodigy", tmp_path / "second.jsonl")
    assert _lines(tmp_path / "first.jsonl") == _lines(tmp_path / "second.jsonl")


def _misaligned(repo: Repository) -> None:
    doc = Document("mis", "Jakartans flooded the streets.", lang="en")
    span = Span("s-mis", "mis", "entity", "GPE", 0, 7, "Jakarta")  # inside the token Jakartans
    ok = Span("s-ok", "mis", "entity", "DATE", 10, 17, "flooded")
    import_records(repo, [DocumentRecord(doc, (span, ok), (), "test")])


def test_strict_lists_a_misaligned_span(repo: Repository, tmp_path: Path) -> None:
    _misaligned(repo)
    report = export(repo, "prodigy", tmp_path / "out.jsonl")
    (problem,) = report.problems
    assert (problem.doc_id, problem.start, problem.end, problem.text) == ("mis", 0, 7, "Jakarta")
    assert report.spans == 1
    assert "not on token boundaries" in problem.reason
    assert any("mis 0..7 GPE 'Jakarta'" in line for line in report.lines())
    (task,) = _lines(tmp_path / "out.jsonl")
    assert [s["label"] for s in task["spans"]] == ["DATE"]


def test_expand_snaps_and_still_reports(repo: Repository, tmp_path: Path) -> None:
    _misaligned(repo)
    report = export(repo, "prodigy", tmp_path / "out.jsonl", alignment="expand")
    (problem,) = report.problems
    assert "snapped" in problem.reason and "'Jakartans'" in problem.reason
    (task,) = _lines(tmp_path / "out.jsonl")
    assert task["spans"][0] == {
        "start": 0,
        "end": 9,
        "token_start": 0,
        "token_end": 0,
        "label": "GPE",
    }


def test_wrong_token_end_is_refused(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    task = {
        "text": "Joko Widodo spoke",
        "tokens": [
            {"text": "Joko", "start": 0, "end": 4, "id": 0, "ws": True},
            {"text": "Widodo", "start": 5, "end": 11, "id": 1, "ws": True},
            {"text": "spoke", "start": 12, "end": 17, "id": 2, "ws": False},
        ],
        "spans": [{"start": 0, "end": 11, "token_start": 0, "token_end": 2, "label": "PER"}],
    }
    path.write_text(json.dumps(task) + "\n")
    with pytest.raises(FormatError, match=r"p\.jsonl:1: span 1: .*inclusive"):
        import_paths(repo, [path])
    assert repo.document_ids() == []


TOKENS = [
    {"text": "Joko", "start": 0, "end": 4, "id": 0, "ws": True},
    {"text": "Widodo", "start": 5, "end": 11, "id": 1, "ws": False},
]
JOKO = {"start": 0, "end": 4, "label": "PER"}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ([1, 2], r"expected a JSON object, got list"),
        ({"text": "Joko", "spans": {"start": 0}}, r"'spans' and 'tokens' must be lists"),
        ({"text": "Joko", "tokens": "Joko"}, r"'spans' and 'tokens' must be lists"),
        ({"text": 7}, r"missing or non-text field 'text'"),
        (
            {"text": "Joko\r\nWidodo", "spans": [JOKO]},
            r"the text has CR line ends or a BOM; offsets would not match the stored text\. "
            r"Convert line ends to LF first",
        ),
        ({"text": "  \n"}, r"the text is empty"),
        ({"text": "Joko", "spans": ["PER"]}, r"span 1: expected a span object"),
        (
            {"text": "Joko", "spans": [{"start": "0", "end": 4, "label": "PER"}]},
            r"span 1: field 'start' must be an integer, got '0'",
        ),
        (
            {"text": "Joko", "spans": [{"start": 0, "end": True, "label": "PER"}]},
            r"span 1: field 'end' must be an integer, got True",
        ),
        (
            {"text": "Joko", "spans": [{"start": 2, "end": 9, "label": "PER"}]},
            r"span 1: span 2\.\.9 is off the text \(4\)",
        ),
        (
            {"text": "Joko", "spans": [{"start": 2, "end": 2, "label": "PER"}]},
            r"span 1: span 2\.\.2 is off the text \(4\)",
        ),
        (
            {"text": "Joko Widodo", "spans": [{**JOKO, "text": "Jo"}]},
            r"span 1: span 0\.\.4 has text 'Jo' but the text says 'Joko'",
        ),
        (
            {
                "text": "Joko Widodo",
                "tokens": TOKENS,
                "spans": [{**JOKO, "token_start": 1, "token_end": 0}],
            },
            r"span 1: token_start 1 / token_end 0 do not match characters 0\.\.4 "
            r"\(token_end is the last token, inclusive\)",
        ),
        (
            {
                "text": "Joko Widodo",
                "tokens": TOKENS,
                "spans": [{**JOKO, "token_start": 0, "token_end": 5}],
            },
            r"span 1: token_start 0 / token_end 5 do not match characters 0\.\.4 .*",
        ),
        (
            {"text": "Joko", "spans": [JOKO], "relations": [{"head_span": JOKO}]},
            r"relation 1: expected a relation object with a 'label'",
        ),
        (
            {"text": "Joko", "spans": [JOKO], "relations": [{"label": "x", "head_span": JOKO}]},
            r"relation 1: missing 'child_span'",
        ),
        (
            {
                "text": "Joko",
                "spans": [JOKO],
                "relations": [
                    {"label": "x", "head_span": JOKO, "child_span": {**JOKO, "label": "ORG"}}
                ],
            },
            r"relation 1: child_span 0\.\.4 'ORG' is not one of the record's spans",
        ),
    ],
)
def test_a_malformed_task_is_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, record: object, message: str
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": "Fine first task."}) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}:2: {message}$"):
        import_paths(repo, [path], fmt="prodigy")
    assert repo.document_ids() == []
