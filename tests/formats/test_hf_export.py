"""Hugging Face export, loaded with ``datasets`` from disk and from parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasets import load_dataset, load_from_disk

from annotator.cli import cli
from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled, no_progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.registry import exporter
from annotator.store.repository import Repository
from tests.helpers.ml_sample import RICH_TEXT, add_document, add_rich_document, add_samples

ENTITY_TAGS = ["O"] + [f"{p}-{label}" for label in ["PER", "ORG", "GPE"] for p in "BI"]
"""The tags of the labels the samples use, in the schema's order (LOC, DATE ... are unused)."""


def export(repo: Repository, out: Path, **options: object) -> ExportReport:
    return exporter("hf")(repo, out, ExportOptions(**options), no_progress, lambda: False)  # type: ignore[arg-type]


def test_disk_and_parquet_give_the_same_rows_and_label_names(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    samples = {s.record.document.id: s for s in add_samples(repo, 20)}
    out = tmp_path / "hf"
    report = export(repo, out, split=(0.8, 0.1, 0.1), parquet=True)
    assert report.problems == [] and report.per_split == {"train": 16, "dev": 2, "test": 2}

    disk = load_from_disk(str(out))
    assert {name: len(part) for name, part in disk.items()} == {
        "train": 16,
        "validation": 2,
        "test": 2,
    }
    names = disk["train"].features["ner_tags"].feature.names
    assert names == ENTITY_TAGS
    files = {split: str(out / "parquet" / f"{split}.parquet") for split in disk}
    parquet = load_dataset("parquet", data_files=files, cache_dir=str(tmp_path / "hf-cache"))
    for split in disk:
        assert parquet[split].features["ner_tags"].feature.names == names
        assert parquet[split].to_list() == disk[split].to_list()

    for row in disk["train"]:
        sample = samples[row["id"]]
        gold = [pair for sentence in sample.gold for pair in sentence]
        assert row["tokens"] == [w for w, _ in gold]
        assert [names[i] for i in row["ner_tags"]] == [t for _, t in gold]
        assert len(row["spans"]) == len(sample.record.spans)
        assert {s["layer"] for s in row["spans"]} == {"entity", "claim", "section"}
        assert all(row["text"][s["start"] : s["end"]] == s["text"] for s in row["spans"])
        assert len(row["relations"]) == len(sample.record.relations)


def test_emoji_offsets_and_misaligned_span_report(repo: Repository, tmp_path: Path) -> None:
    text = "👩🏽‍🎨 Ana met 😀 abcdef in Osaka."
    ana, abc, osaka = text.index("Ana"), text.index("abc"), text.index("Osaka")
    assert (ana, abc) == (5, 15)  # code points: the emoji sequence is 4, the 😀 one
    add_document(
        repo,
        "emo",
        text,
        [
            ("entity", "PER", ana, ana + 3),
            ("entity", "ORG", abc, abc + 3),
            ("entity", "GPE", osaka, osaka + 5),
        ],
    )
    report = export(repo, tmp_path / "strict")
    assert [(p.doc_id, p.start, p.end, p.text) for p in report.problems] == [
        ("emo", abc, abc + 3, "abc")
    ]
    train = load_from_disk(str(tmp_path / "strict"))["train"]
    row = train[0]
    assert [s["text"] for s in row["spans"]] == ["Ana", "abc", "Osaka"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in row["spans"])
    names = train.features["ner_tags"].feature.names
    assert names == ["O", "B-PER", "I-PER", "B-GPE", "I-GPE"]  # ORG tags nothing here
    tagged = [(w, names[t]) for w, t in zip(row["tokens"], row["ner_tags"], strict=True) if t]
    assert tagged == [("Ana", "B-PER"), ("Osaka", "B-GPE")]

    export(repo, tmp_path / "expand", alignment="expand")
    train = load_from_disk(str(tmp_path / "expand"))["train"]
    row, names = train[0], train.features["ner_tags"].feature.names
    assert ("abcdef", "B-ORG") in [
        (w, names[t]) for w, t in zip(row["tokens"], row["ner_tags"], strict=True)
    ]


def test_bioes_names_are_kept(repo: Repository, tmp_path: Path) -> None:
    add_samples(repo, 2)
    export(repo, tmp_path / "out", scheme="bioes")
    names = load_from_disk(str(tmp_path / "out"))["train"].features["ner_tags"].feature.names
    assert names[:5] == ["O", "B-PER", "I-PER", "E-PER", "S-PER"]


def test_without_datasets_the_error_says_what_to_install(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "datasets", None)
    with pytest.raises(
        AnnotatorError,
        match=r"pip install datasets \(in a source checkout: pip install -e '\.\[hf\]'\)",
    ):
        export(repo, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cancel_leaves_nothing_behind(repo: Repository, tmp_path: Path) -> None:
    add_samples(repo, 4)
    with pytest.raises(Cancelled):
        exporter("hf")(repo, tmp_path / "out", ExportOptions(), no_progress, lambda: True)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_sentence_rows_carry_document_id_and_offsets_into_their_text(
    repo: Repository, tmp_path: Path
) -> None:
    add_rich_document(repo)
    report = export(repo, tmp_path / "out", hf_unit="sentence")
    rows = load_from_disk(str(tmp_path / "out"))["train"]
    assert rows["id"] == ["rich#1", "rich#2", "rich#3"] and set(rows["doc_id"]) == {"rich"}
    assert rows["text"] == [
        "Maria Santos flew to Tokyo.", "Acme Corp opened.", "Red Cross in New\nYork helps."
    ]  # fmt: skip
    for row in rows:
        assert RICH_TEXT[row["start"] : row["start"] + len(row["text"])] == row["text"]
        pieces = zip(row["token_starts"], row["token_ends"], strict=True)
        assert [row["text"][a:b] for a, b in pieces] == row["tokens"]
        assert all(row["text"][s["start"] : s["end"]] == s["text"] for s in row["spans"])
    names = rows.features["ner_tags"].feature.names
    assert names == ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE"]
    assert [names[t] for t in rows[2]["ner_tags"]] == [
        "B-ORG", "I-ORG", "O", "B-GPE", "I-GPE", "O", "O"
    ]  # fmt: skip
    assert "1 sentence break(s) not made because a span crosses them" in report.notes
    assert (
        "1 span(s) and 1 relation(s) cross a row boundary: in no row's spans/relations column"
        in report.notes
    )


def test_chunk_rows_hold_at_most_n_tokens_unless_a_span_is_longer(
    repo: Repository, tmp_path: Path
) -> None:
    add_rich_document(repo)
    report = export(repo, tmp_path / "two", hf_unit="chunk:2")
    rows = load_from_disk(str(tmp_path / "two"))["train"]
    assert all(len(tokens) <= 2 for tokens in rows["tokens"])
    assert ["New", "York"] in rows["tokens"] and "rows: one per chunk:2, 9 in all" in report.notes

    report = export(repo, tmp_path / "one", hf_unit="chunk:1")
    assert "4 row(s) longer than 1 tokens: a span was longer than that and is kept whole" in (
        report.notes
    )


def test_report_counts_what_no_column_holds_by_kind(repo: Repository, tmp_path: Path) -> None:
    add_rich_document(repo)
    report = export(repo, tmp_path / "out")
    assert (
        "not written (Hugging Face has no place for them): 1 span attribute value(s), "
        "1 span note(s), 1 document note(s), 1 document meta field(s)"
    ) in report.notes
    (row,) = load_from_disk(str(tmp_path / "out"))["train"]
    assert len(row["relations"]) == 1 and len(row["spans"]) == 6


def test_class_label_names_follow_the_schema_not_the_order_spans_were_met(
    repo: Repository, tmp_path: Path
) -> None:
    add_document(repo, "a", "Tokyo and Maria", [("entity", "GPE", 0, 5), ("entity", "PER", 10, 15)])
    export(repo, tmp_path / "out")
    names = load_from_disk(str(tmp_path / "out"))["train"].features["ner_tags"].feature.names
    assert names == ["O", "B-PER", "I-PER", "B-GPE", "I-GPE"]


@pytest.mark.parametrize("unit", ["chunk:0", "chunk:x", "paragraph"])
def test_cli_refuses_an_unknown_row_unit_in_one_line(
    db_path: Path, tmp_path: Path, unit: str
) -> None:
    args = ["export", "--db", str(db_path), "--format", "hf", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, [*args, "--hf-unit", unit])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{unit!r} is not a row unit; use document, sentence or chunk:N" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_writes_sentence_rows(db_path: Path, repo: Repository, tmp_path: Path) -> None:
    add_rich_document(repo)
    out = tmp_path / "out"
    args = ["export", "--db", str(db_path), "--format", "hf", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--hf-unit", "sentence"])
    assert result.exit_code == 0, result.output
    assert "note: rows: one per sentence, 3 in all" in result.output
    assert load_from_disk(str(out))["train"]["id"] == ["rich#1", "rich#2", "rich#3"]
