"""CoNLL export scored by seqeval against gold tags, read by spaCy's converter, imported back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2
from spacy.training.converters import conll_ner_to_docs

from annotator.cli import cli
from annotator.core.progress import no_progress
from annotator.formats.conll_import import read_conll
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.importer import import_paths
from annotator.formats.records import DocumentRecord, FormatError
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.conll2003 import SENTENCES, write_excerpt
from tests.helpers.ml_sample import add_document, add_rich_document, add_samples


def export(repo: Repository, out: Path, **options: object) -> ExportReport:
    return exporter("conll")(repo, out, ExportOptions(**options), no_progress, lambda: False)  # type: ignore[arg-type]


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag), -DOCSTART- lines left out; a plain reader, not ours."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("-DOCSTART-"):
            columns = line.split(" ")
            assert len(columns) == 4 and columns[1:3] == ["-X-", "_"], line
            current.append((columns[0], columns[3]))
    return sentences + ([current] if current else [])


def test_iob2_export_scores_one_against_gold_and_spacy_convert_reads_it(
    repo: Repository, tmp_path: Path
) -> None:
    samples = add_samples(repo, 20)
    out = tmp_path / "conll"
    report = export(repo, out)
    assert report.problems == [] and report.documents == 20
    assert report.spans == sum(
        len(s) for smp in samples for s in [[t for t in smp.record.spans if t.layer == "entity"]]
    )
    text = (out / "train.conll").read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n") and text.count("-DOCSTART- -X- O O\n") == 20

    got = read_sentences(out / "train.conll")
    gold = [sentence for s in samples for sentence in s.gold]
    assert [[w for w, _ in s] for s in got] == [[w for w, _ in s] for s in gold]
    y_true = [[t for _, t in s] for s in gold]
    y_pred = [[t for _, t in s] for s in got]
    assert f1_score(y_true, y_pred, mode="strict", scheme=IOB2) == 1.0
    assert y_pred == y_true

    docs = list(conll_ner_to_docs(text, no_print=True))
    assert len(docs) == 20
    want = [t.text for t in samples[0].record.spans if t.layer == "entity"]
    assert [e.text for e in docs[0].ents] == want


def test_bioes_scheme_and_import_round_trip(repo: Repository, tmp_path: Path) -> None:
    samples = add_samples(repo, 4)
    out = tmp_path / "conll"
    export(repo, out, scheme="bioes")
    tags = {t for s in read_sentences(out / "train.conll") for _, t in s}
    assert {"S-GPE", "B-PER", "E-PER"} <= tags and not any(t.startswith("L-") for t in tags)

    records = [r for r in read_conll(out / "train.conll") if isinstance(r, DocumentRecord)]
    assert [r.document.id for r in records] == ["train-1", "train-2", "train-3", "train-4"]
    for record, sample in zip(records, samples, strict=True):
        text = record.document.text
        assert all(text[s.start : s.end] == s.text for s in record.spans)
        assert [(s.label, s.text) for s in record.spans] == [
            (s.label, s.text) for s in sample.record.spans if s.layer == "entity"
        ]


def test_import_reads_iob1_and_rebuilds_text_with_offsets(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "old.conll"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n"
        "call NN I-NP O\n. . O O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n"
        "-DOCSTART- -X- -X- O\n\nIn O\nNew I-LOC\nYork I-LOC\nBoston B-LOC\n",
        encoding="utf-8",
    )
    report = import_paths(repo, [path])
    assert report.imported == ["old-1", "old-2"] and report.spans == 5
    assert repo.document("old-1").text == "EU rejects German call .\nPeter Blackburn"
    assert [(s.label, s.text) for s in repo.spans("old-1")] == [
        ("ORG", "EU"),
        ("MISC", "German"),
        ("PER", "Peter Blackburn"),
    ]
    assert [(s.label, s.text, s.start) for s in repo.spans("old-2")] == [
        ("LOC", "New York", 3),
        ("LOC", "Boston", 12),
    ]


def test_import_refuses_broken_tags_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("A B-PER\nB O\nC E-PER\n", encoding="utf-8")
    (error,) = list(read_conll(path))
    assert isinstance(error, FormatError) and f"{path}:2:" in str(error)
    path.write_text("A X-PER\n", encoding="utf-8")
    (error,) = list(read_conll(path))
    assert isinstance(error, FormatError) and "'X-PER'" in str(error)


def test_overlap_policy_keeps_longest_and_lists_the_rest(repo: Repository, tmp_path: Path) -> None:
    add_document(
        repo,
        "ov",
        "New York City Hall opened in 😀 Osaka.",
        [("entity", "GPE", 0, 13), ("entity", "ORG", 9, 18), ("entity", "GPE", 31, 36)],
    )
    report = export(repo, tmp_path / "out")
    (problem,) = report.problems
    assert (problem.text, problem.label) == ("City Hall", "ORG")
    assert "overlaps GPE 0..13 'New York City'" in problem.reason
    assert report.spans == 2
    rows = read_sentences(tmp_path / "out" / "train.conll")[0]
    assert rows[:5] == [
        ("New", "B-GPE"),
        ("York", "I-GPE"),
        ("City", "I-GPE"),
        ("Hall", "O"),
        ("opened", "O"),
    ]
    assert ("Osaka", "B-GPE") in rows and ("😀", "O") in rows


def test_strict_lists_a_misaligned_span_and_expand_snaps_it(
    repo: Repository, tmp_path: Path
) -> None:
    add_document(repo, "mis", "abcdef is here", [("entity", "ORG", 0, 3)])
    strict = export(repo, tmp_path / "strict")
    assert [(p.doc_id, p.start, p.end, p.text) for p in strict.problems] == [("mis", 0, 3, "abc")]
    assert read_sentences(tmp_path / "strict" / "train.conll")[0][0] == ("abcdef", "O")
    expand = export(repo, tmp_path / "expand", alignment="expand")
    assert expand.problems == []
    assert read_sentences(tmp_path / "expand" / "train.conll")[0][0] == ("abcdef", "B-ORG")


def test_cli_export_prints_the_report(db_path: Path, tmp_path: Path) -> None:
    repo = Repository(open_db(db_path))
    ensure_project(repo, with_samples=False)
    add_document(
        repo, "mis", "abcdef and Jakarta", [("entity", "ORG", 0, 3), ("entity", "GPE", 11, 18)]
    )
    repo.db.close()
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--db",
            str(db_path),
            "--format",
            "conll",
            "--out",
            str(out),
            "--split",
            "1,0,0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "conll: wrote 1 document(s), 1 span(s)" in result.output
    assert "mis 0..3 ORG 'abc'" in result.output
    assert (out / "train.conll").read_text(encoding="utf-8").count("B-GPE") == 1


@pytest.mark.parametrize("layer", ["claim"])
def test_other_layer_exports_its_own_labels(repo: Repository, tmp_path: Path, layer: str) -> None:
    add_samples(repo, 2)
    export(repo, tmp_path / "out", layer=layer)
    tags = {t for s in read_sentences(tmp_path / "out" / "train.conll") for _, t in s}
    assert tags == {"O", "B-CLAIM", "I-CLAIM"}


def test_conll_2003_tokens_and_tags_come_back_unchanged(repo: Repository, tmp_path: Path) -> None:
    report = import_paths(repo, [write_excerpt(tmp_path / "eng.conll")])
    assert report.imported == ["eng-1"]
    out = tmp_path / "conll"
    assert export(repo, out).problems == []

    got = read_sentences(out / "train.conll")
    assert got == SENTENCES
    assert ("1996-08-30", "O") in got[-1] and ("all-rounder", "O") in got[3]
    y_true = [[t for _, t in s] for s in SENTENCES]
    assert f1_score(y_true, [[t for _, t in s] for s in got], mode="strict", scheme=IOB2) == 1.0
    (doc,) = conll_ner_to_docs((out / "train.conll").read_text(encoding="utf-8"), no_print=True)
    assert [t.text for t in doc] == [w for s in SENTENCES for w, _ in s]
    assert [e.text for e in doc.ents][:3] == ["EU", "German", "British"]


def test_report_counts_relations_attributes_and_notes_it_cannot_hold(
    repo: Repository, tmp_path: Path
) -> None:
    add_rich_document(repo)
    report = export(repo, tmp_path / "entity")
    assert (
        "not written (CoNLL has no place for them): 1 span note(s), 1 document note(s), "
        "1 document meta field(s), 1 relation(s)"
    ) in report.notes
    report = export(repo, tmp_path / "claim", layer="claim")
    assert any("1 span attribute value(s)" in note for note in report.notes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Joko B-PER\nWidodo\n", r"2: expected a token and a tag, got 'Widodo'"),
        ("Joko B-PER\nmet X-PER\n", r"2: tag 'X-PER' is not O or B-/I-/E-/S-/L-/U- plus a label"),
        ("Joko B-\n", r"1: tag 'B-' is not O or B-/I-/E-/S-/L-/U- plus a label"),
        ("Joko PER\n", r"1: tag 'PER' is not O or B-/I-/E-/S-/L-/U- plus a label"),
        (
            "Joko S-PER\nmet O\nWidodo E-PER\n",
            r"3: tag 'E-PER' does not continue an entity \(the tags are not valid IOB1, IOB2 "
            r"or BIOES here\)",
        ),
    ],
)
def test_broken_lines_and_tags_are_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}:{message}$"):
        import_paths(repo, [path], fmt="conll")
    assert repo.document_ids() == []
