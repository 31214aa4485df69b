"""One model trained through ``annotator train`` for the whole test run: training costs about
20 s (a child process, spaCy's start, scoring), so the tests that read a trained model, its
card, its scores or the ``models`` listing share it and never change its project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.formats.records import DocumentRecord
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.training.card import read_card
from tests.helpers.name_corpus import add_name_corpus

TRAINED_DOCUMENTS = 40
MAX_STEPS = 60
"""Steps rather than seconds bound the shared training, so its score does not depend on how
busy the machine is; 60 steps of this corpus give a held-out F near 0.95 in about 9 s."""
MAX_TIME = 60


@dataclass(frozen=True)
class TrainedNames:
    db: Path
    model: Path
    output: str
    """What ``annotator train`` printed."""
    card: dict[str, Any]
    records: list[DocumentRecord]


def name_project(path: Path, documents: int, **corpus: Any) -> list[DocumentRecord]:
    """A project file holding a generated name corpus (``add_name_corpus``'s options)."""
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    records = add_name_corpus(repo, documents, **corpus)
    repo.db.close()
    return records


@pytest.fixture(scope="session")
def trained_names(tmp_path_factory: pytest.TempPathFactory) -> TrainedNames:
    """40 documents whose names are each in one document only, trained by the command line
    with the default split (8 documents held out)."""
    folder = tmp_path_factory.mktemp("trained")
    db = folder / "names.db"
    records = name_project(db, TRAINED_DOCUMENTS, distinct_names=True)
    model = folder / "names-model"
    result = CliRunner().invoke(
        cli,
        [
            "train",
            "--db",
            str(db),
            "--out",
            str(model),
            "--max-time",
            str(MAX_TIME),
            "--max-steps",
            str(MAX_STEPS),
        ],
    )
    assert result.exit_code == 0, result.output
    card = read_card(model)
    assert card is not None
    return TrainedNames(db, model, result.stdout, card, records)
