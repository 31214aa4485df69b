"""JSON and JSONL input: UTF-8 only, and whatever cannot round-trip as standard JSON is an
error naming the file and line, with nothing imported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.cli import Run

GOOD = json.dumps({"id": "a", "text": "Jakarta floods"})


def _jsonl(tmp_path: Path, second_line: str, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes((GOOD + "\n" + second_line + "\n").encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "b", "id": "c", "text": "x"}', r"in\.jsonl:2: duplicate key 'id'"),
        ('{"id": "b", "text": "x", "meta": {"score": NaN}}', r"in\.jsonl:2: NaN is not standard"),
        ('{"id": "b", "text": "x", "meta": {"v": -Infinity}}', r"in\.jsonl:2: -Infinity is not"),
        ('{"id": "b", "text": "x", "meta": {"v": 1e999}}', r"in\.jsonl:2: number 1e999 is too"),
        (
            '{"id": "b", "text": "x", "meta": {"n": ' + "7" * 5000 + "}}",
            r"in\.jsonl:2: an integer of 5000 digits",
        ),
        (
            '{"id": "b", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
            r"in\.jsonl:2: JSON nested too deeply",
        ),
        (
            '{"id": "b", "text": "x \\ud800 y"}',
            r"in\.jsonl:2: text 'x \\ud800 y' holds a lone surrogate",
        ),
        ('{"id": "\\udfff", "text": "x"}', r"in\.jsonl:2: .*lone surrogate"),
        ('{"id": "b", "text": "x", "meta": {"\\ud83d": 1}}', r"in\.jsonl:2: .*lone surrogate"),
    ],
    ids=[
        "duplicate-key",
        "nan",
        "infinity",
        "float-overflow",
        "huge-int",
        "deep",
        "text",
        "id",
        "meta-key",
    ],
)
def test_input_that_cannot_round_trip_names_file_and_line(
    repo: Repository, tmp_path: Path, line: str, message: str
) -> None:
    with pytest.raises(FormatError, match=message):
        import_paths(repo, [_jsonl(tmp_path, line)], fmt="native")
    assert repo.document_ids() == []


def test_a_surrogate_pair_escape_is_one_character(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_jsonl(tmp_path, '{"id": "b", "text": "Hi \\ud83d\\ude00"}')])
    assert repo.document("b").text == "Hi 😀"


def test_one_cp1250_byte_in_jsonl_is_an_error_not_a_guess(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes((GOOD + "\n").encode() + b'{"id": "b", "text": "Pl\x9ce\xf1 w Jakarcie"}\n')
    with pytest.raises(
        FormatError, match=r"in\.jsonl:2: not valid UTF-8 \(byte 0x9c at column 24\)"
    ):
        import_paths(repo, [path])
    assert repo.document_ids() == []


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "labelstudio"])
def test_every_json_format_refuses_non_utf8(repo: Repository, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "in.json"
    record = {"text": "caf\u00e9 in Jakarta", "label": [], "spans": []}
    if fmt == "labelstudio":
        body = json.dumps([{"data": {"text": "x"}}, {"data": record}], indent=1)
    else:
        body = json.dumps({"text": "x", "label": []}) + "\n" + json.dumps(record)
    path.write_bytes(body.replace("\\u00e9", "\u00e9").encode("latin-1"))
    with pytest.raises(FormatError, match=r"in\.json:\d+: not valid UTF-8 .*must be UTF-8"):
        import_paths(repo, [path], fmt=fmt)
    assert repo.document_ids() == []


def test_utf16_json_is_named_as_utf16(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes((GOOD + "\n").encode("utf-16"))
    with pytest.raises(FormatError, match=r"in\.jsonl:1: the file is UTF-16"):
        import_paths(repo, [path])


def test_label_studio_list_names_the_task_line(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    path.write_text('[\n  {"data": {"text": "a"}},\n  {"data": {"text": "b", "text": "c"}}\n]\n')
    with pytest.raises(FormatError, match=r"tasks\.json:3: duplicate key 'text'"):
        import_paths(repo, [path])


def test_cli_error_is_one_line_and_exit_one(run: Run, tmp_path: Path) -> None:
    result = run("import", str(_jsonl(tmp_path, "[" * 100_000)))
    assert result.exit_code == 1
    assert "in.jsonl:2: JSON nested too deeply to read" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "fmt", "content", "message"),
    [
        ("in.jsonl", "native", GOOD + '\n{"id": "b",\n', r":2: malformed JSON: .* \(column 12\)"),
        (
            "in.jsonl",
            "native",
            GOOD + "\n" + GOOD + " 7\n",
            r":2: malformed JSON: extra data after the value",
        ),
        ("in.jsonl", "native", " \n\n", r": the file is empty"),
        ("in.json", "labelstudio", '{"data": {"text": "x"}}', r":1: expected a JSON list of tasks"),
        (
            "in.json",
            "labelstudio",
            '[\n{"data": {"text": "x"}}\n{"data": {"text": "y"}}\n]',
            r":3: malformed JSON: expected ',' or '\]' after a task",
        ),
        (
            "in.json",
            "labelstudio",
            '[\n{"data": {"text": "x"}}\n]\n[]',
            r":3: malformed JSON: expected ',' or '\]' after a task",
        ),
    ],
    ids=["unclosed", "extra-data", "empty", "not-a-list", "missing-comma", "after-the-list"],
)
def test_malformed_files_are_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, name: str, fmt: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}{message}$"):
        import_paths(repo, [path], fmt=fmt)
    assert repo.document_ids() == []
