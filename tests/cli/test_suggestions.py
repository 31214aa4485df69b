"""`annotator preannotate` and `annotator suggestions`: propose, list, accept, reject."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.cli import Place


def test_preannotate_then_accept_from_the_cli(
    project: Path, tmp_path: Path, output: Callable[..., str], on_backend: Place
) -> None:
    db = on_backend(project)
    gaz = tmp_path / "g.csv"
    gaz.write_text("term,label\nJakarta,GPE\nBudi Santoso,PER\n")
    out = output("preannotate", "--db", db, "--gazetteer", str(gaz))
    assert "2 suggestions from gazetteer:g.csv in 1 documents" in out
    assert "  GPE: 1" in out and "  PER: 1" in out
    assert "skipped 1 identical to an existing span" in out
    listed = output("suggestions", "--db", db, "list").splitlines()
    assert len(listed) == 2
    out = output("suggestions", "--db", db, "accept", "--label", "PER")
    assert out.strip() == "accepted 1 suggestions"
    out = output("suggestions", "--db", db, "reject", "--doc", "emoji")
    assert out.strip() == "rejected 1 suggestions"
    repo = Repository(open_db(db))
    assert [(s.label, s.text, s.origin) for s in repo.spans("emoji")] == [
        ("GPE", "Jakarta", ""),
        ("PER", "Budi Santoso", "gazetteer:g.csv"),
    ]
    repo.db.close()


def test_preannotate_rules_and_model_with_label_map(
    project: Path, tmp_path: Path, output: Callable[..., str]
) -> None:
    import spacy

    rules = tmp_path / "r.toml"
    rules.write_text("[[rules]]\nlabel = 'GPE'\npattern = '[A-Z]{5,}'\n")
    out = output("preannotate", "--db", str(project), "--rules", str(rules), "--docs", "emoji")
    assert "1 suggestions from rules:r.toml" in out
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": "Budi Santoso"}, {"label": "MONEY", "pattern": "floods"}]
    )
    nlp.to_disk(tmp_path / "pipe")
    mapping = tmp_path / "map.json"
    mapping.write_text('{"PERSON": "PER"}')
    out = output(
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
