"""brat import: every line type of brat's example corpora, kept or reported with file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core.model import Span
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.brat_corpus import write_corpus


def _brat_dir(tmp_path: Path, text: str | bytes, ann: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / "doc.txt").write_bytes(data)
    (folder / "doc.ann").write_text(ann, "utf-8")
    return folder


def test_a_discontinuous_t_is_left_out_with_the_lines_naming_it(
    repo: Repository, tmp_path: Path
) -> None:
    folder = _brat_dir(
        tmp_path,
        "Joko met Widodo today.",
        "T1\tPER 0 4\tJoko\nT2\tPER 0 4;9 15\tJoko Widodo\nA1\tnegated T2\n",
    )
    report = import_paths(repo, [folder])
    assert [s.text for s in repo.spans("doc")] == ["Joko"]
    assert [(Path(where).name, why) for where, why in report.left_out] == [
        (
            "doc.ann:2",
            "T2 is discontinuous (0 4;9 15); annotator spans are continuous: "
            "split it into separate annotations in brat",
        ),
        ("doc.ann:3", "T2 was left out (discontinuous)"),
    ]
    assert "left out 2 input line(s) the project cannot hold:" in report.lines()


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


def _by_text(repo: Repository, doc_id: str) -> dict[str, Span]:
    return {span.text: span for span in repo.spans(doc_id)}


def _left_out(report_left_out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(Path(where).name, why) for where, why in report_left_out]


def test_a_bionlp_document_keeps_events_modifications_equivalences_and_notes(
    repo: Repository, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "GE")
    report = import_paths(repo, [corpus], schema_from_conf=True)
    spans = _by_text(repo, "PMC-10-abstract")
    assert {text: span.label for text, span in spans.items()} == {
        "BMP-6": "Protein",
        "Id1": "Protein",
        "induces": "Positive_regulation",
        "phosphorylation": "Phosphorylation",
        "IL-2": "Protein",
        "interleukin-2": "Protein",
        "expression": "Gene_expression",
        "B cells": "Entity",
    }
    doc = repo.document("PMC-10-abstract")
    assert all(doc.text[s.start : s.end] == s.text for s in spans.values())
    texts = {span.id: span.text for span in spans.values()}
    assert {(r.label, texts[r.head], texts[r.tail]) for r in repo.relations(doc.id)} == {
        ("Theme", "phosphorylation", "Id1"),  # E1
        ("Theme", "induces", "phosphorylation"),  # E2's Theme is E1: its trigger
        ("Cause", "induces", "BMP-6"),
        ("Theme", "expression", "IL-2"),  # E3
        ("Equiv", "IL-2", "interleukin-2"),  # the * line
    }
    assert spans["expression"].attrs == {"Negation": True}  # M1 on E3
    assert spans["induces"].attrs == {"Confidence": "Likely"}
    assert spans["phosphorylation"].attrs == {"Speculation": True}
    assert spans["BMP-6"].note == "bone morphogenetic protein 6"
    kept = doc.meta["brat"]
    assert kept["notes"] == [{"type": "Lemma", "span": spans["induces"].id, "text": "induce"}]
    assert kept["normalizations"] == [
        {"type": "Reference", "span": spans["Id1"].id, "ref": "UniProt:P41134", "text": "Id1"}
    ]
    relation_of = {(r.label, texts[r.tail]): r.id for r in repo.relations(doc.id)}
    assert kept["events"][1] == {
        "id": "E2",
        "trigger": spans["induces"].id,
        "args": [
            {"role": "Theme", "event": "E1", "relation": relation_of["Theme", "phosphorylation"]},
            {"role": "Cause", "span": spans["BMP-6"].id, "relation": relation_of["Cause", "BMP-6"]},
        ],
    }
    assert [event["id"] for event in kept["events"]] == ["E1", "E2", "E3"]
    assert _left_out(report.left_out) == [
        (
            "PMC-10-abstract.ann:16",
            "'Protein-Component' may not join a Protein span to a Protein span",
        ),
        ("PMC-10-abstract.ann:20", "a note on R1: annotator keeps notes on spans (T and E) only"),
    ]
    lines = report.lines()
    assert (
        "note: brat event(s) imported as a trigger span with one relation per argument (3x)"
        in lines
    )
    assert "    label Gene_expression" in lines and "    relation type Theme" in lines


def test_unknown_labels_of_the_whole_input_are_listed_at_once(
    repo: Repository, tmp_path: Path
) -> None:
    folder = write_corpus(tmp_path / "GE", conf=False)
    (folder / "second.txt").write_text("Jakarta floods.", "utf-8")
    (folder / "second.ann").write_text("T1\tCity 0 7\tJakarta\n", "utf-8")
    with pytest.raises(FormatError) as error:
        import_paths(repo, [folder])
    message = str(error.value)
    assert message.startswith("6 unknown labels: 'Protein' (")
    for label, where in [
        ("Protein", "PMC-10-abstract.ann:1"),
        ("Positive_regulation", "PMC-10-abstract.ann:3"),
        ("Phosphorylation", "PMC-10-abstract.ann:4"),
        ("Gene_expression", "PMC-10-abstract.ann:7"),
        ("Entity", "PMC-10-abstract.ann:8"),
        ("City", "second.ann:1"),
    ]:
        assert f"'{label}' ({folder / where})" in message
    assert message.endswith("(a brat corpus: import --schema-from-conf)")
    assert repo.document_ids() == []


def test_lines_the_news_schema_cannot_hold_are_reported_not_refused(
    repo: Repository, tmp_path: Path
) -> None:
    folder = _brat_dir(
        tmp_path,
        "Joko met Widodo in Bogor.",
        "T1\tPER 0 4\tJoko\nT2\tGPE 19 24\tBogor\n"
        "R1\tworks_for Arg1:T1 Arg2:T2\nA1\tSpeculation T1\nA2\tnegated T2\n"
        "V1\tVerb T1\n#1\tAnnotatorNotes T2\tcity in West Java\n",
    )
    report = import_paths(repo, [folder])
    spans = _by_text(repo, "doc")
    assert spans["Bogor"].attrs == {"negated": True}
    assert spans["Bogor"].note == "city in West Java"
    assert _left_out(report.left_out) == [
        ("doc.ann:3", "relation type 'works_for' is not in the project schema"),
        ("doc.ann:4", "attribute 'Speculation' is not in the project schema for layer 'entity'"),
        ("doc.ann:6", "'V1' is not a brat line type"),
    ]


def test_fragments_in_reverse_order_give_the_same_span(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, "Joko met\nWidodo.", "T1\tPER 9 15;5 8\tWidodo met\n")
    import_paths(repo, [folder])
    (span,) = repo.spans("doc")
    assert (span.start, span.end, span.text) == (5, 15, "met\nWidodo")


def test_a_fragment_that_ends_before_it_starts_is_refused(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, "Joko Widodo\nmet Prabowo.", "T1\tPER 0 9;10 3\tJoko Wido\n")
    with pytest.raises(FormatError, match=r"doc\.ann:1: T1 has the fragment '10 3', which ends"):
        import_paths(repo, [folder])
    assert repo.document_ids() == []


def test_a_note_on_an_event_belongs_to_its_trigger(repo: Repository, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "GE")
    with (corpus / "PMC-10-abstract.ann").open("a", encoding="utf-8") as ann:
        ann.write("#4\tAnnotatorNotes E3\tnot expressed in resting cells\n")
    import_paths(repo, [corpus], schema_from_conf=True)
    assert _by_text(repo, "PMC-10-abstract")["expression"].note == "not expressed in resting cells"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T2\tPER 0\tJoko", r"expected 'T1<TAB>LABEL start end<TAB>text', got 'T2\\tPER 0\\tJoko'"),
        ("T2 PER 0 4 Joko", r"expected 'T1<TAB>LABEL start end<TAB>text', got 'T2 PER 0 4 Joko'"),
        ("T1\tPER 9 13\tBudi", r"T1 is defined twice"),
        ("T2\tPER 9 40\tBudi", r"T2 9\.\.40 is off the text \(25\)"),
        ("E1\tMeet", r"expected 'E1<TAB>TYPE:T1 ROLE:ID \.\.\.', got 'E1\\tMeet'"),
        ("E1\tMeet:T1\nE1\tMeet:T1", r"E1 is defined twice"),
        ("E1\tMeet:T9", r"refers to 'T9', which no T or E line defines"),
        ("R1\tlocated_in Arg1:T1", r"expected 'R1<TAB>LABEL Arg1:T1 Arg2:T2', got .*"),
        ("R1 located_in Arg1:T1 Arg2:T1", r"expected 'R1<TAB>LABEL Arg1:T1 Arg2:T2', got .*"),
        ("R1\tlocated_in Arg1:T1 Arg2:T7", r"refers to 'T7', which no T or E line defines"),
        ("*\tEquiv T1", r"expected '\*<TAB>TYPE T1 T2 \.\.\.', got '\*\\tEquiv T1'"),
        ("A1\tnegated", r"expected 'A1<TAB>name ID \[value\]', got 'A1\\tnegated'"),
        ("A1\tnegated T5", r"refers to 'T5', which no T or E line defines"),
        ("#1\tAnnotatorNotes\tlost", r"expected '#1<TAB>TYPE ID<TAB>note', got .*"),
        ("N1\tReference T1 Wikipedia", r"expected 'N1<TAB>TYPE ID DB:KEY<TAB>text', got .*"),
    ],
)
def test_a_malformed_ann_line_is_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, line: str, message: str
) -> None:
    folder = _brat_dir(tmp_path, "Joko met Budi in Jakarta.", f"T1\tPER 0 4\tJoko\n{line}\n")
    ann = folder / "doc.ann"
    lineno = 2 + line.count("\n")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(ann))}:{lineno}: {message}$"):
        import_paths(repo, [folder])
    assert repo.document_ids() == []


def test_an_empty_text_and_a_lone_ann_are_refused(repo: Repository, tmp_path: Path) -> None:
    folder = _brat_dir(tmp_path, " \n\n", "")
    with pytest.raises(
        FormatError, match=rf"^{re.escape(str(folder / 'doc.txt'))}: the file is empty$"
    ):
        import_paths(repo, [folder])
    (folder / "doc.txt").unlink()
    with pytest.raises(
        FormatError, match=rf"^{re.escape(str(folder / 'doc.ann'))}: no doc\.txt beside it$"
    ):
        import_paths(repo, [folder])
    assert repo.document_ids() == []
