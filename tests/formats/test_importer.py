"""The import transaction across formats: which files a folder contributes, what the report
says, unknown labels listed at once, schema additions taken back with a refused import."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.brat_corpus import write_corpus
from tests.helpers.cli import Run


def test_unknown_labels_of_several_records_are_listed_in_one_error(
    repo: Repository, tmp_path: Path
) -> None:
    lines = [
        {"id": "a", "text": "Joko in Bogor", "spans": [{"layer": "entity", "label": "PERSON",
         "start": 0, "end": 4, "text": "Joko"}]},
        {"id": "b", "text": "Rain in Bogor", "spans": [{"layer": "entity", "label": "GPE",
         "start": 8, "end": 13, "text": "Bogor"}]},
        {"id": "c", "text": "Bogor floods", "spans": [{"layer": "entity", "label": "CITY",
         "start": 0, "end": 5, "text": "Bogor"}]},
    ]  # fmt: skip
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    with pytest.raises(FormatError) as error:
        import_paths(repo, [path])
    message = str(error.value)
    assert message.startswith(
        f"2 unknown labels: 'PERSON' ({path}:1: span 1), 'CITY' ({path}:3: span 1); known labels: "
    )
    assert repo.document_ids() == []


def test_a_refused_import_takes_back_what_the_conf_added(repo: Repository, tmp_path: Path) -> None:
    before = repo.schema()
    corpus = write_corpus(tmp_path / "GE")
    with (corpus / "PMC-10-abstract.ann").open("a", encoding="utf-8") as ann:
        ann.write("R2\tEquiv Arg1:T5\n")
    with pytest.raises(FormatError, match=r"PMC-10-abstract\.ann:21: expected 'R1<TAB>LABEL"):
        import_paths(repo, [corpus], schema_from_conf=True)
    assert repo.schema() == before
    assert not repo.schema().has_label("Protein")
    assert repo.document_ids() == []


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
        f"{folder}: 1 file(s) not imported (only .conll, .json, .jsonl, .txt, .html, .htm, "
        ".warc, .warc.gz files are read from a folder): labels.csv"
    ) in report.lines()
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


def test_a_folder_without_importable_files_is_refused(repo: Repository, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.md").write_text("nothing to import")
    with pytest.raises(
        FormatError,
        match=rf"^{re.escape(str(folder))}: the folder holds no importable files "
        r"\(\.conll, \.json, \.jsonl, \.txt, \.html, \.htm, \.warc, \.warc\.gz\)$",
    ):
        import_paths(repo, [folder])
    assert repo.document_ids() == []


def test_one_document_id_twice_in_an_import_is_refused_naming_both_places(
    repo: Repository, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "d", "text": "Joko spoke."}) + "\n")
    second.write_text(json.dumps({"id": "x", "text": "Fine."}) + "\n" + first.read_text())
    with pytest.raises(
        FormatError,
        match=rf"^{re.escape(str(second))}:2: document id 'd' already came from "
        rf"{re.escape(str(first))}:1$",
    ):
        import_paths(repo, [first, second], fmt="native")
    assert repo.document_ids() == []


def test_a_document_id_the_project_holds_with_another_text_is_refused(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "Joko spoke."}) + "\n")
    import_paths(repo, [path], fmt="native")
    path.write_text(json.dumps({"id": "d", "text": "Budi spoke."}) + "\n")
    with pytest.raises(
        FormatError,
        match=rf"^{re.escape(str(path))}:1: document 'd' is already in the project with a "
        r"different text; give it another id or remove the old one$",
    ):
        import_paths(repo, [path], fmt="native")
    assert repo.document("d").text == "Joko spoke."
