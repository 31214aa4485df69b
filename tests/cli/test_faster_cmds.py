from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.cli.faster_cmds import display_width
from annotator.store.db import open_db
from annotator.store.repository import Repository


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    sample = tmp_path / "doc.jsonl"
    sample.write_text(
        json.dumps(
            {
                "id": "emoji",
                "title": "Emoji",
                "text": "Hi 😀 Jakarta 👩🏽‍🎨 floods. Budi Santoso in JAKARTA.",
                "spans": [
                    {"layer": "entity", "label": "GPE", "start": 5, "end": 12, "text": "Jakarta"}
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", "--db", str(db), str(sample)])
    assert result.exit_code == 0, result.output
    return db


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_search_prints_aligned_concordance(project: Path) -> None:
    out = run("search", "--db", str(project), "jakarta").splitlines()
    assert len(out) == 2
    # the match column starts at the same terminal column (emoji take two columns)
    assert display_width(out[0][: out[0].index("Jakarta")]) == display_width(
        out[1][: out[1].index("JAKARTA")]
    )
    assert out[0].rstrip().endswith("emoji:5-12  GPE")
    assert out[1].rstrip().endswith("-")


def test_search_json_offsets_are_code_points(project: Path) -> None:
    lines = run("search", "--db", str(project), "--json", "--case", "Jakarta").splitlines()
    hit = json.loads(lines[0])
    assert (hit["start"], hit["end"], hit["labels"]) == (5, 12, ["GPE"])
    assert (
        run("search", "--db", str(project), "--json", "--label", "GPE", "JAKARTA").count("\n") == 1
    )
    bad = CliRunner().invoke(cli, ["search", "--db", str(project), "--regex", "("])
    assert bad.exit_code == 1 and "invalid regular expression" in bad.output


def test_preannotate_then_accept_from_the_cli(project: Path, tmp_path: Path) -> None:
    gaz = tmp_path / "g.csv"
    gaz.write_text("term,label\nJakarta,GPE\nBudi Santoso,PER\n")
    out = run("preannotate", "--db", str(project), "--gazetteer", str(gaz))
    assert "2 suggestions from gazetteer:g.csv in 1 documents" in out
    assert "  GPE: 1" in out and "  PER: 1" in out
    assert "skipped 1 identical to an existing span" in out
    listed = run("suggestions", "--db", str(project), "list").splitlines()
    assert len(listed) == 2
    out = run("suggestions", "--db", str(project), "accept", "--label", "PER")
    assert out.strip() == "accepted 1 suggestions"
    out = run("suggestions", "--db", str(project), "reject", "--doc", "emoji")
    assert out.strip() == "rejected 1 suggestions"
    repo = Repository(open_db(project))
    assert [(s.label, s.text, s.origin) for s in repo.spans("emoji")] == [
        ("GPE", "Jakarta", ""),
        ("PER", "Budi Santoso", "gazetteer:g.csv"),
    ]
    repo.db.close()


def test_preannotate_rules_and_model_with_label_map(project: Path, tmp_path: Path) -> None:
    import spacy

    rules = tmp_path / "r.toml"
    rules.write_text("[[rules]]\nlabel = 'GPE'\npattern = '[A-Z]{5,}'\n")
    out = run("preannotate", "--db", str(project), "--rules", str(rules), "--docs", "emoji")
    assert "1 suggestions from rules:r.toml" in out
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": "Budi Santoso"}, {"label": "MONEY", "pattern": "floods"}]
    )
    nlp.to_disk(tmp_path / "pipe")
    mapping = tmp_path / "map.json"
    mapping.write_text('{"PERSON": "PER"}')
    out = run(
        "preannotate",
        "--db",
        str(project),
        "--model",
        str(tmp_path / "pipe"),
        "--label-map",
        str(mapping),
    )
    assert "1 suggestions from model:pipe" in out and "  PER: 1" in out
    assert "unmapped labels skipped: MONEY (1)" in out
    bad = CliRunner().invoke(cli, ["preannotate", "--db", str(project)])
    assert bad.exit_code == 2 and "exactly one of" in bad.output


def test_stats_text_and_json(project: Path) -> None:
    out = run("stats", "--db", str(project))
    assert "documents done: 0/1" in out and "GPE" in out
    data = json.loads(run("stats", "--db", str(project), "--json"))
    assert data["spans"] == 1 and data["per_label"][0]["label"] == "GPE"
    assert data["cooccurrence_basis"] == "documents"
