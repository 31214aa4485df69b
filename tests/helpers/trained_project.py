"""One project with a model trained on it, made once per test run (a training takes
seconds): 30 documents done with their names marked, 3 to do without spans, 2 in progress
with spans. Tests copy the project file (``copy_to``) and use the model folder as it is.

The project file is named ``project.db`` and the model's folder ``project``, as the app names
a model of that project, so a model the app trains later is a newer version of this one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.training.settings import TrainSettings
from annotator.training.train import TrainResult, train_model
from tests.helpers.name_corpus import add_name_corpus

TODO = [f"todo-{n:03d}" for n in range(3)]
IN_PROGRESS = [f"wip-{n:03d}" for n in range(2)]
LEARNED = TrainSettings(max_time=120.0, max_steps=70)
"""Enough for this corpus (held-out F 1.0 after about 45 steps), bounded by steps rather
than seconds so that a busy machine makes the same model, only later."""


@dataclass(frozen=True)
class TrainedProject:
    db: Path
    model: TrainResult

    def copy_to(self, path: Path) -> Path:
        shutil.copyfile(self.db, path)
        return path


def name_project(repo: Repository) -> None:
    ensure_project(repo, with_samples=False)
    add_name_corpus(repo, 30, sentences=4)
    add_name_corpus(repo, 3, sentences=3, seed=11, prefix="todo", status="todo", with_spans=False)
    add_name_corpus(repo, 2, sentences=2, seed=12, prefix="wip", status="in_progress")


@pytest.fixture(scope="session")
def trained_project(tmp_path_factory: pytest.TempPathFactory) -> TrainedProject:
    folder = tmp_path_factory.mktemp("trained-project")
    db = folder / "project.db"
    repo = Repository(open_db(db))
    try:
        name_project(repo)
        model = train_model(
            repo,
            LEARNED,
            folder / "models" / "project",
            project="project.db",
            trained_by="tester",
        )
    finally:
        repo.db.close()
    return TrainedProject(db, model)
