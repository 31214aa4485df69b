"""Import format told by content, and the import command's --format / --offsets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli as main
from annotator.formats.detect import detect_format
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import export, new_repo, populate


@pytest.fixture
def exports(repo: Repository, tmp_path: Path) -> dict[str, Path]:
    populate(repo)
    out = tmp_path / "exports"
    paths = {
        "brat": out / "brat",
        "doccano": out / "doccano.jsonl",
        "labelstudio": out / "ls.json",
        "prodigy": out / "prodigy.jsonl",
        "native": out / "native.jsonl",
    }
    for fmt, path in paths.items():
        export(repo, fmt, path)
    export(repo, "doccano", out / "doccano-seq.jsonl", layer="entity")
    paths["doccano-seq"] = out / "doccano-seq.jsonl"
    return paths


def test_each_export_is_detected(exports: dict[str, Path], tmp_path: Path) -> None:
    for fmt, path in exports.items():
        assert detect_format(path) == fmt.removesuffix("-seq")
    renamed = tmp_path / "tasks.data"
    renamed.write_bytes(exports["labelstudio"].read_bytes())
    assert detect_format(renamed) == "labelstudio"  # content, not the name
    text = tmp_path / "a.txt"
    text.write_text("Hello")
    assert detect_format(text) == "plain"


def test_unknown_content_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"sentence": "hi", "tags": []}) + "\n")
    with pytest.raises(FormatError, match=r"x\.jsonl:1: cannot tell the format .*--format"):
        detect_format(path)
    broken = tmp_path / "y.jsonl"
    broken.write_text('{"text": \n')
    with pytest.raises(FormatError, match=r"y\.jsonl:1: malformed JSON"):
        detect_format(broken)
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(FormatError, match=r"without \.ann"):
        detect_format(folder)


@pytest.mark.parametrize("fmt", ["brat", "doccano", "labelstudio", "prodigy", "native"])
def test_cli_imports_each_format_detected(
    exports: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["import", "--db", str(db), str(exports[fmt])])
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s) with 9 span(s) and 2 relation(s)" in result.output
    repo = new_repo(db)
    assert repo.document_ids() == ["news-1", "news-2"]
    assert repo.spans("news-2")[0].text == "Reuters"


def test_cli_format_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"id": "d", "text": "Hi 😀Jakarta", "label": [[4, 11, "GPE"]]}) + "\n"
    )
    db = tmp_path / "cli.db"
    runner = CliRunner()
    refused = runner.invoke(main, ["import", "--db", str(db), "--format", "doccano", str(path)])
    assert refused.exit_code == 1
    assert "d.jsonl:1: label 1" in refused.output and "--offsets codepoint" in refused.output
    assert new_repo(db).document_ids() == []
    ok = runner.invoke(
        main,
        ["import", "--db", str(db), "--format", "doccano", "--offsets", "codepoint", str(path)],
    )
    assert ok.exit_code == 0, ok.output
    (span,) = new_repo(db).spans("d")
    assert span.text == "Jakarta"


def test_cli_rejects_an_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello")
    result = CliRunner().invoke(
        main, ["import", "--db", str(tmp_path / "x.db"), "--format", "conll2", str(path)]
    )
    assert result.exit_code == 2
    assert "unknown format 'conll2'" in result.output


def test_cli_mismatched_span_text_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    good = {"text": "Joko spoke", "spans": [{"start": 0, "end": 4, "label": "PER", "text": "Joko"}]}
    bad = {"text": "Ana spoke", "spans": [{"start": 0, "end": 3, "label": "PER", "text": "Ann"}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["import", "--db", str(db), "--format", "prodigy", str(path)])
    assert result.exit_code == 1
    assert "p.jsonl:2: span 1: span 0..3 has text 'Ann'" in result.output
    assert new_repo(db).document_ids() == []


def test_a_named_pipe_is_named_as_such_not_missing(tmp_path: Path) -> None:
    fifo = tmp_path / "articles.jsonl"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["import", "--db", str(tmp_path / "p.db"), str(fifo)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {fifo}: is a named pipe (FIFO), not a file; import reads files and folders\n"
    )
    with pytest.raises(FormatError, match="is a named pipe"):
        detect_format(fifo)


def test_a_dangling_link_and_a_missing_file_are_told_apart(tmp_path: Path) -> None:
    link = tmp_path / "latest.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(FormatError, match=f"^{link}: is a symbolic link to a missing file$"):
        detect_format(link)
    with pytest.raises(FormatError, match=r"^.*nowhere\.txt: no such file or folder$"):
        detect_format(tmp_path / "nowhere.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_text_file_with_a_byte_order_mark_imports_as_text(
    tmp_path: Path, codec: str
) -> None:
    text = "Banjir di Jakarta 😀\r\nWarga mengungsi."
    plain = tmp_path / "banjir.txt"
    plain.write_bytes(("\ufeff" + text).encode(codec))
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["import", "--db", str(db), str(plain)])
    assert result.exit_code == 0, result.output
    repo = new_repo(db)
    assert repo.document("banjir").text == "Banjir di Jakarta 😀\nWarga mengungsi."
    assert repo.document("banjir").encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_jsonl_file_is_named_as_utf16_not_binary(tmp_path: Path, codec: str) -> None:
    record = {"id": "kabar", "text": "Hujan di Surabaya 😀", "spans": []}
    jsonl = tmp_path / "kabar.jsonl"
    jsonl.write_bytes(("\ufeff" + json.dumps(record, ensure_ascii=False) + "\n").encode(codec))
    result = CliRunner().invoke(main, ["import", "--db", str(tmp_path / "p.db"), str(jsonl)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {jsonl}:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); "
        "JSON must be UTF-8: convert it first\n"
    )


def test_native_jsonl_with_a_first_line_over_one_mib_is_detected(
    repo: Repository, tmp_path: Path
) -> None:
    text = "Banjir melanda Jakarta. " * 52_000  # about 1.25 MB on one line
    path = tmp_path / "book.jsonl"
    first = {
        "id": "book",
        "text": text,
        "spans": [{"layer": "entity", "label": "GPE", "start": 15, "end": 22, "text": "Jakarta"}],
    }
    path.write_text(json.dumps(first) + "\n" + json.dumps({"id": "b", "text": "x"}) + "\n")
    assert len(path.read_text().split("\n", 1)[0]) > 1 << 20
    assert detect_format(path) == "native"
    report = import_paths(repo, [path])
    assert report.imported == ["book", "b"]
    assert repo.document("book").text == text
    assert [s.text for s in repo.spans("book")] == ["Jakarta"]
