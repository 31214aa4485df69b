"""Hugging Face export, loaded with ``datasets`` from disk and from parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from datasets import load_dataset, load_from_disk

from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled, no_progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.registry import exporter
from annotator.store.repository import Repository
from tests.helpers.ml_sample import add_document, add_samples

ENTITY_TAGS = ["O"] + [
    f"{p}-{label}"
    for label in ["PER", "ORG", "GPE", "LOC", "NORP", "EVENT", "DATE", "QUANTITY", "MISC"]
    for p in "BI"
]


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
    row = load_from_disk(str(tmp_path / "strict"))["train"][0]
    assert [s["text"] for s in row["spans"]] == ["Ana", "abc", "Osaka"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in row["spans"])
    names = ENTITY_TAGS
    tagged = [(w, names[t]) for w, t in zip(row["tokens"], row["ner_tags"], strict=True) if t]
    assert tagged == [("Ana", "B-PER"), ("Osaka", "B-GPE")]

    export(repo, tmp_path / "expand", alignment="expand")
    row = load_from_disk(str(tmp_path / "expand"))["train"][0]
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
