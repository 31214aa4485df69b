"""Training a model on the project: check the selection here, then read, train and score on
the held-out documents in a child process (``training.child``), keep the model with its
provenance, record it in the project.

Nothing is written where the model goes until the training succeeded: the job runs in a
temporary folder (removed on cancel, Ctrl+C or failure) and the finished model is moved into
place through ``formats.output.staged_output``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import now_iso
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.span_scores import SpanScores
from annotator.formats.export_api import left_out_documents, select_documents, split_documents
from annotator.formats.output import check_target, staged_output
from annotator.store.backend import reopen_location
from annotator.store.models import ModelRecord, model_version, register_model
from annotator.store.repository import Repository
from annotator.training.card import read_card
from annotator.training.job import JOB_FILE, span_count
from annotator.training.loop import MODEL_FOLDER
from annotator.training.process import TrainingEvents, TrainingFailed, run_child
from annotator.training.settings import TrainSettings


@dataclass(frozen=True)
class Selection:
    """The documents a run trains and scores on."""

    train: list[str]
    held_out: list[str]


@dataclass(frozen=True)
class TrainResult:
    model_id: str
    path: Path
    scores: SpanScores
    """On the held-out documents."""
    card: dict[str, Any]
    events: TrainingEvents


def select(repo: Repository, settings: TrainSettings) -> Selection:
    """The training and held-out documents, or a ValidationError saying why there are none."""
    settings.check()
    schema = repo.schema()
    unknown = [
        layer for layer in settings.layers if not any(x.name == layer for x in schema.layers)
    ]
    if unknown:
        known = ", ".join(layer.name for layer in schema.layers)
        raise ValidationError(f"no layer {', '.join(unknown)} in this project; layers: {known}")
    options = settings.export_options()
    doc_ids = select_documents(repo, options)
    splits = split_documents(doc_ids, options)
    status = f"with status {settings.status}" if settings.status else "in the project"
    if len(doc_ids) < 2 or not splits["train"] or not splits["dev"]:
        mixed = len(left_out_documents(repo, options))
        advice = (
            f"{mixed} more have spans by several annotators: choose --gold or --annotator"
            if mixed
            else "mark more documents done or choose another --status"
        )
        raise ValidationError(
            f"{len(doc_ids)} document(s) {status} to train on: a model needs at least 2 "
            f"(some to learn from, some held out to score it); {advice}"
        )
    return Selection(splits["train"], splits["dev"])


def train_model(
    repo: Repository,
    settings: TrainSettings,
    out: Path,
    *,
    project: str,
    trained_by: str = "",
    overwrite: bool = False,
    train_fraction: float = 1.0,
    register: bool = True,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> TrainResult:
    """Train, score and keep a model in ``out``; raises ``Cancelled`` leaving nothing.

    The checks run here (quick reads); the reading, training and scoring run in the child
    process (``training.child``), which opens the project again from ``repo``'s location.
    """
    if out.is_dir() and not overwrite and any(out.iterdir()):
        raise ValidationError(
            f"{out}: the folder exists and holds files; choose a new folder, or give "
            "--overwrite to replace it"
        )
    check_target(out, folder=True, overwrite=overwrite)
    selection = select(repo, settings)
    options = settings.export_options()
    if span_count(repo, selection.train, settings.layers, options) == 0:
        raise ValidationError(
            f"the {len(selection.train)} training document(s) have no spans of "
            f"{', '.join(settings.layers)} to learn from"
        )
    created = now_iso()
    model_id = model_version(out.name, created)
    job = {
        "viewer": repo.viewer,
        "settings": settings.to_dict(),
        "train_fraction": train_fraction,
        "held_out": selection.held_out,
        "card": {
            "id": model_id,
            "name": out.name,
            "project": project,
            "created_at": created,
            "trained_by": trained_by,
        },
    }
    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        job_dir = Path(tmp)
        (job_dir / JOB_FILE).write_text(json.dumps(job), encoding="utf-8")
        events = run_child(
            job_dir, reopen_location(repo.db), settings.max_time, progress, cancel, on_event
        )
        checkpoint(cancel)
        card = read_card(job_dir / MODEL_FOLDER)
        if card is None:
            raise TrainingFailed("the training process wrote no model card")
        with staged_output(out, folder=True, overwrite=overwrite) as payload:
            shutil.copytree(job_dir / MODEL_FOLDER, payload, dirs_exist_ok=True)
    if register:
        try:
            register_model(
                repo,
                ModelRecord(model_id, out.name, str(out.resolve()), trained_by, created, card),
            )
        except BaseException:
            # A model the project does not know (the server refused the row, Ctrl+C) is not
            # left behind as if it were kept.
            shutil.rmtree(out, ignore_errors=True)
            raise
    return TrainResult(model_id, out, SpanScores.from_dict(card["scores"]), card, events)
