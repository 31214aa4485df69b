"""Whose spans an export holds: gold, one annotator, everyone, or (no choice) only documents
one annotator made, the others named in the report. Every format goes through the same
selection; gold exports are loaded back with spaCy and read by spaCy's CoNLL converter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2
from spacy.tokens import DocBin
from spacy.training.converters import conll_ner_to_docs

from annotator.core.errors import ValidationError
from annotator.core.model import Span
from annotator.core.progress import no_progress
from annotator.core.team import GOLD
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.registry import FORMATS, export_formats, exporter
from annotator.formats.spacy_export import USER_DATA_KEY
from annotator.store.repository import Repository
from tests.helpers.curated_team import TEAM_TEXT, add_team_documents

CHOOSING = [
    name
    for name in export_formats()
    if "annotator" in FORMATS[name].options and not FORMATS[name].separates_annotators
]
LEFT_OUT = [
    "mixed (spans by ana, budi): choose --gold, --annotator or --all-annotators",
    "curated (spans by @gold, ana, budi): choose --gold, --annotator or --all-annotators",
]


@pytest.fixture
def team(repo: Repository) -> Repository:
    add_team_documents(repo)
    return repo


def export(repo: Repository, fmt: str, out: Path, **options: Any) -> ExportReport:
    return exporter(fmt)(repo, out, ExportOptions(**options), no_progress, lambda: False)


def out_path(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / f"out-{fmt}{FORMATS[fmt].suffix}"


def doccano(repo: Repository, tmp_path: Path, **options: Any) -> dict[str, list[str]]:
    """Document id -> the exported ``LABEL text`` pairs (doccano, code point offsets; the
    relation shape when relations are exported)."""
    out = tmp_path / "d.jsonl"
    export(repo, "doccano", out, offsets="codepoint", **options)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    found: dict[str, list[str]] = {}
    for line in lines:
        spans = (
            line["label"]
            if "label" in line
            else [(e["start_offset"], e["end_offset"], e["label"]) for e in line["entities"]]
        )
        found[line["id"]] = [f"{label} {line['text'][s:e]}" for s, e, label in spans]
    return found


@pytest.mark.parametrize("fmt", CHOOSING)
def test_without_a_choice_documents_of_several_annotators_are_left_out_and_named(
    team: Repository, tmp_path: Path, fmt: str
) -> None:
    report = export(team, fmt, out_path(tmp_path, fmt))

    assert report.documents == 1
    assert report.left_out == LEFT_OUT
    assert f"  left out: {LEFT_OUT[0]}" in report.lines()


def test_label_studio_keeps_each_annotators_spans_in_their_own_annotation(
    team: Repository, tmp_path: Path
) -> None:
    out = tmp_path / "ls.json"
    report = export(team, "labelstudio", out)
    assert report.documents == 3 and report.left_out == []
    tasks = {t["data"]["doc_id"]: t for t in json.loads(out.read_text("utf-8"))}
    assert sorted(a["completed_by"] for a in tasks["mixed"]["annotations"]) == ["ana", "budi"]


def test_native_holds_every_document_whatever_the_choice(team: Repository, tmp_path: Path) -> None:
    report = export(team, "native", tmp_path / "all.jsonl")
    assert report.documents == 3 and report.spans == 10 and report.left_out == []


def test_unnamed_spans_do_not_make_a_document_mixed(team: Repository, tmp_path: Path) -> None:
    start = TEAM_TEXT.index("Monday")
    with team.transaction():
        team.add_spans([Span("u1", "solo", "entity", "DATE", start, start + 6, "Monday")])
    assert doccano(team, tmp_path) == {"solo": ["PER Budi Santoso", "GPE Jakarta", "DATE Monday"]}


def test_gold_exports_curated_documents_with_their_gold_only(
    team: Repository, tmp_path: Path
) -> None:
    assert doccano(team, tmp_path, gold=True) == {"curated": ["PER Budi Santoso", "GPE Jakarta 🇮🇩"]}
    out = tmp_path / "ls.json"
    export(team, "labelstudio", out, gold=True)
    (task,) = json.loads(out.read_text("utf-8"))
    (annotation,) = task["annotations"]
    assert annotation["completed_by"] == GOLD
    assert len([r for r in annotation["result"] if r["type"] == "relation"]) == 1


def test_annotator_exports_that_annotators_spans_and_reads_their_status(
    team: Repository, tmp_path: Path
) -> None:
    assert doccano(team, tmp_path, annotator="budi") == {
        "solo": [],
        "mixed": ["PER Budi Santoso", "LOC Jakarta"],
        "curated": ["PER Budi Santoso"],
    }
    # budi marked only "curated" done ("mixed" is in progress), whatever the viewer's status
    assert list(doccano(team, tmp_path, annotator="budi", status="done")) == ["curated"]


def test_all_annotators_exports_everything_together(team: Repository, tmp_path: Path) -> None:
    exported = doccano(team, tmp_path, all_annotators=True)
    assert exported["mixed"] == [
        "PER Budi Santoso",
        "PER Budi Santoso",
        "GPE Jakarta",
        "LOC Jakarta",
    ]
    assert len(exported["curated"]) == 4


@pytest.mark.parametrize(
    ("options", "flags"),
    [
        ({"gold": True, "annotator": "ana"}, "--gold and --annotator"),
        ({"annotator": "ana", "all_annotators": True}, "--annotator and --all-annotators"),
        ({"gold": True, "all_annotators": True}, "--gold and --all-annotators"),
    ],
)
def test_two_choices_are_refused_and_nothing_is_written(
    team: Repository, tmp_path: Path, options: dict[str, Any], flags: str
) -> None:
    out = tmp_path / "brat"
    with pytest.raises(
        ValidationError,
        match=f"^{flags} exclude each other; choose --gold, --annotator or --all-annotators$",
    ):
        export(team, "brat", out, **options)
    assert not out.exists()


def test_spacy_loads_the_gold_export(team: Repository, tmp_path: Path) -> None:
    out = tmp_path / "spacy"
    report = export(team, "spacy", out, gold=True)

    assert report.problems == [] and report.left_out == []
    (doc,) = DocBin().from_disk(out / "train.spacy").get_docs(spacy.blank("en").vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Budi Santoso", "PER"),
        ("Jakarta 🇮🇩", "GPE"),
    ]
    data = doc.user_data[USER_DATA_KEY]
    assert data["doc_id"] == "curated"
    (relation,) = data["relations"]
    by_id = {s.id_: s.text for s in doc.spans["entity"]}
    assert (relation["label"], by_id[relation["head"]], by_id[relation["tail"]]) == (
        "located_in",
        "Budi Santoso",
        "Jakarta 🇮🇩",
    )


def test_conll_gold_export_reads_back_with_spacy_and_seqeval(
    team: Repository, tmp_path: Path
) -> None:
    out = tmp_path / "conll"
    export(team, "conll", out, gold=True)
    text = (out / "train.conll").read_text("utf-8")

    (doc,) = conll_ner_to_docs(text, n_sents=10)
    # a CoNLL line is a token: spaCy's tokenizer made two of the flag's regional indicators
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Budi Santoso", "PER"),
        ("Jakarta 🇮 🇩", "GPE"),
    ]
    tags = [line.split(" ")[-1] for line in text.splitlines() if line and "-DOCSTART-" not in line]
    scores = classification_report(
        [tags], [tags], mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    assert {label: int(scores[label]["support"]) for label in ("GPE", "PER")} == {
        "GPE": 1,
        "PER": 1,
    }


def test_only_documents_of_the_asked_status_are_named_as_left_out(
    team: Repository, tmp_path: Path
) -> None:
    viewer = Repository(team.db, viewer="ana")  # ana marked "mixed" and "curated" done
    report = export(viewer, "brat", tmp_path / "done", status="done")
    assert report.documents == 0 and report.left_out == LEFT_OUT
    report = export(viewer, "brat", tmp_path / "todo", status="todo")
    assert report.documents == 1 and report.left_out == []
