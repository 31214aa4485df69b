"""brat export read back by bratly (an independent brat standoff reader), and brat import."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from bratly import AttributeAnnotation, EntityAnnotation, NoteAnnotation, RelationAnnotation
from bratly.io import read_and_load_ann_file

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import BODY, TEXT, export, new_repo, populate


def _load(ann: Path) -> list:
    collection = read_and_load_ann_file(
        str(ann), no_duplicates=False, sorting=False, renumerotize=False
    )
    assert collection is not None
    return collection.annotations


def test_every_t_line_text_equals_the_txt_slice(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "brat", tmp_path / "brat")
    assert (report.documents, report.spans, report.relations) == (2, 9, 2)
    assert not report.problems
    for ann in sorted((tmp_path / "brat").glob("*.ann")):
        text = ann.with_suffix(".txt").read_text("utf-8")
        assert "\r" not in ann.with_suffix(".txt").read_bytes().decode("utf-8")
        entities = [a for a in _load(ann) if isinstance(a, EntityAnnotation)]
        assert entities
        for entity in entities:
            pieces = [text[f.start : f.end] for f in entity.fragments]
            assert " ".join(pieces) == entity.content


def test_relations_attributes_and_notes_reach_brat(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "brat", tmp_path / "brat")
    anns = _load(tmp_path / "brat" / "news-1.ann")
    by_label = {a.label: a for a in anns if isinstance(a, EntityAnnotation)}
    body = by_label["BODY"]
    assert len(body.fragments) == 2  # brat's own way to store a span across a line break
    assert body.content == BODY.replace("\n", " ")
    relations = {
        (r.label, r.argument1[1].content, r.argument2[1].content)
        for r in anns
        if isinstance(r, RelationAnnotation)
    }
    assert relations == {
        ("claimant", "Jakarta must move", "Joko Widodo"),
        ("target", "Jakarta must move", "Jakarta"),
    }
    attrs = {
        (a.label, a.component.content, tuple(a.values or ()))
        for a in anns
        if isinstance(a, AttributeAnnotation)
    }
    assert attrs == {
        ("checkworthy", "Jakarta must move", ()),
        ("verifiability", "Jakarta must move", ("contested",)),
        ("negated", "Jakarta", ()),
    }
    notes = [n for n in anns if isinstance(n, NoteAnnotation)]
    assert [(n.label, n.value) for n in notes] == [("AnnotatorNotes", "President of Indonesia")]


def test_annotation_conf_comes_from_the_schema(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "brat", tmp_path / "brat")
    conf = (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    sections = [line for line in conf.splitlines() if line.startswith("[")]
    assert sections == ["[entities]", "[relations]", "[events]", "[attributes]"]
    assert "!claim\n\tCLAIM\n\tQUOTE\n" in conf
    assert "claimant\tArg1:CLAIM|QUOTE, Arg2:PER|ORG|GPE" in conf
    assert "verifiability\tArg:CLAIM|QUOTE, Value:verifiable|unverifiable|contested" in conf
    visual = (tmp_path / "brat" / "visual.conf").read_text("utf-8")
    assert "PER\tbgColor:#e28e4c" in visual


def test_brat_import_then_export_gives_the_same_files(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    export(repo, "brat", tmp_path / "first")
    other = new_repo(tmp_path / "other.db")
    report = import_paths(other, [tmp_path / "first"])
    assert (len(report.imported), report.spans, report.relations) == (2, 9, 2)
    assert other.document("news-1").text == TEXT
    export(other, "brat", tmp_path / "second")
    compare = filecmp.dircmp(tmp_path / "first", tmp_path / "second")
    assert sorted(compare.left_list) == sorted(compare.right_list)
    for name in compare.left_list:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    claim = next(s for s in other.spans("news-1") if s.label == "CLAIM")
    assert claim.attrs == {"checkworthy": True, "verifiability": "contested"}


def _brat_dir(tmp_path: Path, text: str | bytes, ann: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / "doc.txt").write_bytes(data)
    (folder / "doc.ann").write_text(ann, "utf-8")
    return folder


def test_a_discontinuous_t_is_refused_naming_it(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(
        tmp_path, "Joko met Widodo today.", "T1\tPER 0 4\tJoko\nT2\tPER 0 4;9 15\tJoko Widodo\n"
    )
    with pytest.raises(FormatError) as error:
        import_paths(repo, [folder])
    message = str(error.value)
    assert "doc.ann:2" in message and "T2" in message and "discontinuous" in message
    assert repo.document_ids() == []


def test_a_t_text_that_differs_from_the_txt_is_refused(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, "Joko met Widodo.", "T1\tPER 0 4\tJoko\nT2\tPER 9 15\tWidodx\n")
    with pytest.raises(FormatError, match=r"doc\.ann:2: T2 has text 'Widodx'"):
        import_paths(repo, [folder])
    assert repo.document_ids() == []


def test_an_unknown_label_lists_the_known_ones(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, "Joko met Widodo.", "T1\tPerson 0 4\tJoko\n")
    with pytest.raises(FormatError, match=r"doc\.ann:1: unknown label 'Person'; known labels: PER"):
        import_paths(repo, [folder])


def test_a_non_utf8_file_is_refused_naming_its_line(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, "Joko met Widodo.", "T1\tPER 0 4\tJoko\n")
    (folder / "doc.txt").write_bytes("Joko\nmet Widodo in Bogor.".encode("cp1252") + b"\xff\n")
    with pytest.raises(FormatError, match=r"doc\.txt:2: not UTF-8"):
        import_paths(repo, [folder])
    (folder / "doc.txt").write_text("Joko met Widodo.", "utf-8")
    (folder / "doc.ann").write_bytes(b"T1\tPER 0 4\tJoko\nT2\tPER 9 15\tWid\xf6do\n")
    with pytest.raises(FormatError, match=r"doc\.ann:2: not UTF-8"):
        import_paths(repo, [folder])


def test_crlf_and_bom_text_offsets_are_mapped(repo: Repository, tmp_path: Path) -> None:
    raw = "\ufeffLine one\r\nJoko 😀 Widodo\r\n"
    joko = raw.index("Joko")
    folder = _brat_dir(tmp_path, raw, f"T1\tPER {joko} {joko + 4}\tJoko\n")
    import_paths(repo, [folder])
    (span,) = repo.spans("doc")
    assert repo.document("doc").text[span.start : span.end] == "Joko"
    assert repo.document("doc").text == "Line one\nJoko 😀 Widodo\n"


def test_cancelled_export_leaves_nothing(repo: Repository, tmp_path: Path) -> None:
    from annotator.core.progress import Cancelled
    from annotator.formats.export_api import ExportOptions
    from annotator.formats.registry import exporter

    populate(repo)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    exports = tmp_path / "exports"
    exports.mkdir()
    with pytest.raises(Cancelled):
        exporter("brat")(repo, exports / "out", ExportOptions(), lambda *a: None, cancel)
    assert list(exports.iterdir()) == []


def test_split_writes_one_collection_per_part(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    report = export(repo, "brat", tmp_path / "out", split=(0.5, 0.5, 0.0))
    assert report.per_split == {"train": 1, "dev": 1, "test": 0}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dev", "test", "train"]
    assert len(list((tmp_path / "out").rglob("*.ann"))) == 2
