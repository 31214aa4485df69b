"""`annotator preannotate` and `annotator suggestions`: propose, list, accept, reject."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.cli import Place
from tests.helpers.name_corpus import name_bank, name_document
from tests.helpers.name_model import TRAINING_SEED, NameModel


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


def test_preannotate_with_a_trained_model_then_docs_puts_unseen_names_first(
    name_model: NameModel, repo: Repository, db_path: Path, output: Callable[..., str]
) -> None:
    """The issue's check from the command line: after the model has scored them, the document
    of names it never saw is listed before the one of its training names."""
    bank, rng = name_bank(TRAINING_SEED), random.Random(71)
    seen = name_document("seen", bank, rng, 3, status="todo").document
    unseen_bank = name_bank(72, unseen=True)
    unseen = name_document("unseen", unseen_bank, rng, 3, status="todo").document
    done = name_document("done", bank, rng, 3, status="done").document
    with repo.transaction():
        for doc in (done, seen, unseen):
            repo.add_document(doc)
    db = str(db_path)
    out = output("preannotate", "--db", db, "--model", str(name_model.path))
    model_id = name_model.card["id"]
    assert f"suggestions from model:{model_id} in 3 documents" in out
    assert "stored its uncertainty about 3 documents" in out
    listed = output("docs", "--db", db, "--order", "uncertainty").splitlines()
    assert "uncert." in listed[0]
    assert [line.split()[0] for line in listed[1:]] == ["unseen", "seen", "done"]
    pending = output("suggestions", "--db", db, "list").splitlines()
    assert len(pending) > 0
    output("preannotate", "--db", db, "--model", str(name_model.path), "--refresh")
    assert len(output("suggestions", "--db", db, "list").splitlines()) == len(pending)
    assert (
        "--refresh goes with"
        in CliRunner()
        .invoke(cli, ["preannotate", "--db", db, "--gazetteer", str(db_path), "--refresh"])
        .output
    )
