"""A small NER model trained once per test run on generated names (``name_corpus``), for the
tests of what a trained model suggests and how sure it is. Training takes seconds, so the
model is shared by every test that asks for ``name_model``; those tests are in the ``slow``
list (tests/helpers/markers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.training.settings import TrainSettings
from annotator.training.train import train_model
from tests.helpers.name_corpus import add_name_corpus

TRAINING_SEED = 3
"""The name bank the model learns from: ``add_name_corpus(..., seed=TRAINING_SEED)`` repeats
its names."""


@dataclass(frozen=True)
class NameModel:
    path: Path
    """The model folder (with ``annotator-model.json``)."""
    project: Path
    """The project it was trained in (its model is registered there)."""
    nlp: Any
    """The pipeline, loaded once."""
    card: dict[str, Any]


@pytest.fixture(scope="session")
def name_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NameModel]:
    import spacy

    folder = tmp_path_factory.mktemp("name-model")
    project = folder / "trained.db"
    repo = Repository(open_db(project))
    ensure_project(repo, with_samples=False)
    add_name_corpus(repo, 40, sentences=4, seed=TRAINING_SEED)
    # A step budget, not a time one: the same model however loaded the machine is.
    settings = TrainSettings(max_time=120.0, max_steps=60)
    result = train_model(repo, settings, folder / "names", project="trained")
    repo.db.close()
    yield NameModel(result.path, project, spacy.load(result.path), result.card)
