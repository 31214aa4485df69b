"""brat export read back by bratly (an independent brat standoff reader), and the round trip."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from bratly import (
    AttributeAnnotation,
    EntityAnnotation,
    EventAnnotation,
    NormalizationAnnotation,
    NoteAnnotation,
    RelationAnnotation,
)
from bratly.io import read_and_load_ann_file

from annotator.core.edits import RemoveRelation
from annotator.core.model import Document, Span
from annotator.core.schema_parse import schema_from_dict
from annotator.formats.importer import import_paths, import_records
from annotator.formats.records import DocumentRecord
from annotator.store.repository import Repository
from tests.helpers.brat_corpus import write_corpus
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


def _entities(ann: Path) -> dict[str, EntityAnnotation]:
    return {a.content: a for a in _load(ann) if isinstance(a, EntityAnnotation)}


def test_a_bionlp_corpus_comes_back_with_its_events_notes_and_normalisations(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_corpus(tmp_path / "GE")], schema_from_conf=True)
    report = export(repo, "brat", tmp_path / "out")
    assert (report.documents, report.spans, report.relations) == (1, 8, 5)
    ann = tmp_path / "out" / "PMC-10-abstract.ann"
    assert ann.read_text("utf-8").split("\n")[8:15] == [
        "E1\tPhosphorylation:T3 Theme:T4",
        "E2\tPositive_regulation:T2 Theme:E1 Cause:T1",
        "E3\tGene_expression:T8 Theme:T6",
        "A1\tConfidence E2 Likely",
        "A2\tSpeculation E1",
        "A3\tNegation E3",
        "R1\tEquiv Arg1:T6 Arg2:T7",
    ]
    anns = _load(ann)  # bratly reads events whose arguments are T lines (not E2's)
    events = {
        (e.label, e.event_trigger.content, tuple((k, v.content) for k, v in e.args.items()))
        for e in anns
        if isinstance(e, EventAnnotation)
    }
    assert events == {
        ("Phosphorylation", "phosphorylation", (("Theme", "Id1"),)),
        ("Gene_expression", "expression", (("Theme", "IL-2"),)),
    }
    notes = {(n.label, n.component.content, n.value) for n in anns if isinstance(n, NoteAnnotation)}
    assert notes == {
        ("AnnotatorNotes", "BMP-6", "bone morphogenetic protein 6"),
        ("Lemma", "induces", "induce"),
    }
    (norm,) = [a for a in anns if isinstance(a, NormalizationAnnotation)]
    assert (norm.label, norm.component.content, norm.external_resource, norm.content) == (
        "Reference",
        "Id1",
        ("UniProt", "P41134"),
        "Id1",
    )
    conf = (tmp_path / "out" / "annotation.conf").read_text("utf-8")
    assert "[events]\nGene_expression\tTheme*:Protein|" in conf


def test_a_brat_round_trip_of_a_bionlp_corpus_gives_the_same_files(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_corpus(tmp_path / "GE")], schema_from_conf=True)
    export(repo, "brat", tmp_path / "first")
    other = new_repo(tmp_path / "other.db")
    report = import_paths(other, [tmp_path / "first"], schema_from_conf=True)
    assert (report.spans, report.relations, report.left_out) == (8, 5, [])
    assert other.schema().labels_of("event") == repo.schema().labels_of("event")
    export(other, "brat", tmp_path / "second")
    for name in ("PMC-10-abstract.ann", "PMC-10-abstract.txt", "annotation.conf"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_an_event_keeps_the_arguments_whose_relation_is_left(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_corpus(tmp_path / "GE")], schema_from_conf=True)
    cause = next(r for r in repo.relations("PMC-10-abstract") if r.label == "Cause")
    repo.apply(RemoveRelation(cause), "ann")
    export(repo, "brat", tmp_path / "out")
    lines = (tmp_path / "out" / "PMC-10-abstract.ann").read_text("utf-8").split("\n")
    assert "E2\tPositive_regulation:T2 Theme:E1" in lines
    assert not any(line.startswith("R") and "Cause" in line for line in lines)


def test_a_kept_note_whose_span_is_gone_is_counted(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [write_corpus(tmp_path / "GE")], schema_from_conf=True)
    report = export(repo, "brat", tmp_path / "out", layer="event")
    assert "1 brat note(s) or normalisation(s) left out: their span is not exported" in report.notes
    lines = (tmp_path / "out" / "PMC-10-abstract.ann").read_text("utf-8").split("\n")
    assert "E1\tPhosphorylation:T2" in lines  # its Theme, an entity, is not exported
    assert [line for line in lines if line.startswith("#")] == ["#1\tLemma T1\tinduce"]


def _import_text(repo: Repository, doc_id: str, text: str, needles: list[str]) -> None:
    doc = Document(doc_id, text)
    spans = []
    for n, needle in enumerate(needles):
        start = text.index(needle)
        end = start + len(needle)
        spans.append(Span(f"{doc_id}-{n}", doc_id, "entity", "PER", start, end, needle))
    import_records(repo, [DocumentRecord(doc, tuple(spans))])


def test_span_text_with_a_tab_or_line_separator_reads_back(
    repo: Repository, tmp_path: Path
) -> None:
    text = "Joko\tWidodo met Prabowo\u2028Subianto and 😀 Anies\x0cBaswedan."
    _import_text(repo, "doc", text, ["Joko\tWidodo", "Prabowo\u2028Subianto", "Anies\x0cBaswedan"])
    report = export(repo, "brat", tmp_path / "out")
    assert not report.problems
    assert (
        "3 span(s) holding a tab or line separator written as fragments split there "
        "(brat's rule for line breaks); they import back whole"
    ) in report.notes
    ann = tmp_path / "out" / "doc.ann"
    assert [line.count("\t") for line in ann.read_text("utf-8").split("\n") if line] == [2, 2, 2]
    entities = _entities(ann)
    assert sorted(entities) == ["Anies Baswedan", "Joko Widodo", "Prabowo Subianto"]
    for entity in entities.values():
        assert [text[f.start : f.end] for f in entity.fragments] == entity.content.split(" ")
    other = new_repo(tmp_path / "other.db")
    import_paths(other, [tmp_path / "out"])
    assert sorted(s.text for s in other.spans("doc")) == sorted(
        ["Joko\tWidodo", "Prabowo\u2028Subianto", "Anies\x0cBaswedan"]
    )


def test_a_span_brat_cannot_hold_is_named_in_the_report(repo: Repository, tmp_path: Path) -> None:
    _import_text(repo, "doc", "Joko Widodo\n\u2028\nmet Prabowo.", ["\n\u2028\n", "Joko"])
    report = export(repo, "brat", tmp_path / "out")
    assert [(p.text, p.reason) for p in report.problems] == [
        ("\n\u2028\n", "holds only tabs or line breaks; brat cannot hold it")
    ]
    assert list(_entities(tmp_path / "out" / "doc.ann")) == ["Joko"]


def test_a_5000_character_document_id_gets_a_safe_file_name(
    repo: Repository, tmp_path: Path
) -> None:
    long_a, long_b = "a" * 5000, "a" * 4999 + "b"
    _import_text(repo, long_a, "Joko Widodo met Prabowo.", ["Joko"])
    _import_text(repo, long_b, "Prabowo met Joko Widodo.", ["Prabowo"])
    report = export(repo, "brat", tmp_path / "out")
    assert "2 document id(s) changed into safe file names (brat reads the name)" in report.notes
    anns = sorted((tmp_path / "out").glob("*.ann"))
    assert len(anns) == 2 and all(len(ann.name) <= 104 for ann in anns)
    assert sorted(next(iter(_entities(ann))) for ann in anns) == ["Joko", "Prabowo"]


def test_a_label_name_from_before_the_name_rule_is_named_not_written(
    repo: Repository, tmp_path: Path
) -> None:
    data = repo.schema().to_dict()
    data["labels"].append({"name": "NEW PER", "layer": "entity"})
    with repo.transaction():
        repo.store_schema(schema_from_dict(data, check_names=False))
    doc = Document("doc", "Joko met Prabowo.")
    spans = (
        Span("s1", "doc", "entity", "NEW PER", 0, 4, "Joko"),
        Span("s2", "doc", "entity", "PER", 9, 16, "Prabowo"),
    )
    import_records(repo, [DocumentRecord(doc, spans)])
    report = export(repo, "brat", tmp_path / "out")
    assert [(p.text, p.reason) for p in report.problems] == [
        ("Joko", "label name 'NEW PER' cannot be a brat type")
    ]
    assert any(
        note.startswith("1 label, relation type or attribute name(s)") for note in report.notes
    )
    assert "NEW PER" not in (tmp_path / "out" / "annotation.conf").read_text("utf-8")
    assert list(_entities(tmp_path / "out" / "doc.ann")) == ["Prabowo"]
