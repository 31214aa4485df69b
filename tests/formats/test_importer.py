"""Importing folders and files: which files a folder contributes, what the report says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.cli import Run


def test_a_folder_import_reads_json_files_too(repo: Repository, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    tasks = [{"data": {"text": "Rain in Surabaya", "doc_id": "ls-1"}}]
    (folder / "tasks.json").write_text(json.dumps(tasks))
    (folder / "notes.txt").write_text("Floods in Jakarta")
    (folder / "labels.csv").write_text("GPE,Jakarta\n")
    report = import_paths(repo, [folder])
    assert sorted(report.imported) == ["ls-1", "notes"]
    assert (
        f"{folder}: 1 file(s) not imported (only .conll, .json, .jsonl, .txt files are read "
        "from a folder): labels.csv" in report.lines()
    )
    assert repo.document("ls-1").text == "Rain in Surabaya"


def test_a_duplicate_relation_id_names_the_id(repo: Repository, tmp_path: Path) -> None:
    spans = [
        {"id": "s1", "layer": "claim", "label": "CLAIM", "start": 0, "end": 4, "text": "Joko"},
        {"id": "s2", "layer": "entity", "label": "PER", "start": 0, "end": 4, "text": "Joko"},
    ]
    relation = {"id": "r1", "label": "claimant", "head": "s1", "tail": "s2"}
    record = {"id": "d", "text": "Joko spoke", "spans": spans, "relations": [relation, relation]}
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(
        FormatError, match=r"d\.jsonl:1: relation 2: relation id 'r1' appears twice"
    ):
        import_paths(repo, [path])
    assert repo.document_ids() == []


def test_a_cp1250_text_file_is_decoded_and_the_encoding_reported(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "zpravy.txt"
    path.write_bytes(
        "Povodně zasáhly Jakartu. Řeka stoupá, lidé odcházejí z domovů.".encode("cp1250")
    )
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "zpravy.txt: not UTF-8; decoded as cp1250 (detected)" in result.output
