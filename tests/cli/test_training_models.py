"""``annotator models``: each trained model with what it learned from and where it is."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.models import ModelRecord, register_model
from annotator.store.repository import Repository
from tests.helpers.cli import Run
from tests.helpers.trained_model import TrainedNames


def test_models_lists_a_trained_model_with_its_provenance_and_held_out_f(
    trained_names: TrainedNames,
) -> None:
    card = trained_names.card

    text = CliRunner().invoke(cli, ["models", "--db", str(trained_names.db)])
    data = CliRunner().invoke(cli, ["models", "--db", str(trained_names.db), "--json"])

    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines() == [
        card["id"],
        f"  created {card['created_at']} by {card['trained_by'] or '(unnamed)'}",
        "  layers entity; 32 training, 8 held-out documents; annotators (unnamed)",
        f"  held-out F {100 * card['scores']['overall']['f']:.1f}",
        f"  {trained_names.model.resolve()}",
    ]
    [row] = json.loads(data.stdout)
    assert row["id"] == card["id"]
    assert row["train_documents"] == 32
    assert row["held_out_documents"] == 8
    assert row["held_out_f"] == card["scores"]["overall"]["f"]
    assert row["folder_exists"] is True
    assert row["card"] == card


def test_a_model_whose_folder_is_gone_is_listed_as_missing(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    gone = tmp_path / "moved-away"
    card = {
        "id": "old@20260101-000000.000",
        "settings": {"layers": ["entity", "claim"]},
        "documents": {"train": ["a", "b", "c"], "held_out": ["d"]},
        "annotators": ["ana", "budi"],
        "scores": {"overall": {"f": 0.5}},
    }
    register_model(repo, ModelRecord(card["id"], "old", str(gone), "citra", "2026-01-01", card))

    result = run("models")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "old@20260101-000000.000",
        "  created 2026-01-01 by citra",
        "  layers entity, claim; 3 training, 1 held-out documents; annotators ana, budi",
        "  held-out F 50.0",
        f"  {gone} (folder missing)",
    ]


def test_a_project_without_models_says_so(run: Run, repo: Repository) -> None:
    result = run("models")

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "no trained models in this project (train one with `annotator train`)\n"
    )
