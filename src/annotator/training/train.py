"""Training a model on the project: select, convert, train in a child process, score on the
held-out documents, write the model with its provenance, record it in the project.

Nothing is written where the model goes until the training succeeded: the job runs in a
temporary folder (removed on cancel, Ctrl+C or failure) and the finished model is moved into
place through ``formats.output.staged_output``.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.errors import ValidationError
from annotator.core.model import now_iso
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.span_scores import SpanScores
from annotator.formats.export_api import (
    ExportOptions,
    left_out_by,
    left_out_documents,
    select_documents,
    split_documents,
)
from annotator.formats.output import check_target, staged_output
from annotator.formats.spacy_export import SpacyCorpus, spacy_corpus
from annotator.preannotate.model import load_pipeline
from annotator.store.models import ModelRecord, model_version, register_model
from annotator.store.repository import Repository
from annotator.training.card import CARD_FORMAT, write_card
from annotator.training.child import MODEL_FOLDER
from annotator.training.evaluate import evaluate_pipeline
from annotator.training.process import TrainingEvents, run_child
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
    """Train, score and keep a model in ``out``; raises ``Cancelled`` leaving nothing."""
    if out.is_dir() and not overwrite and any(out.iterdir()):
        raise ValidationError(
            f"{out}: the folder exists and holds files; choose a new folder, or give "
            "--overwrite to replace it"
        )
    check_target(out, folder=True, overwrite=overwrite)
    selection = select(repo, settings)
    options = settings.export_options()
    spans = _span_count(repo, selection.train, settings.layers, options)
    if spans == 0:
        raise ValidationError(
            f"the {len(selection.train)} training document(s) have no spans of "
            f"{', '.join(settings.layers)} to learn from"
        )
    progress(0, 1, "reading the annotations")
    corpus = spacy_corpus(repo, options, list(settings.layers), no_progress, cancel)
    created = now_iso()
    model_id = model_version(out.name, created)
    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        job = Path(tmp)
        trained_on = _write_job(job, corpus, settings, train_fraction)
        events = run_child(job, settings.max_time, progress, cancel, on_event)
        checkpoint(cancel)
        progress(0, len(selection.held_out), "scoring on the held-out documents")
        nlp = load_pipeline(str(job / MODEL_FOLDER))
        scores = evaluate_pipeline(
            repo, nlp, settings.layers, selection.held_out, options, progress, cancel
        )
        card = {
            "format": CARD_FORMAT,
            "id": model_id,
            "name": out.name,
            "project": project,
            "created_at": created,
            "trained_by": trained_by,
            "documents": {"train": trained_on, "held_out": selection.held_out},
            "annotators": _annotators(repo, trained_on, settings.layers, options),
            "schema": _schema(repo, settings.layers),
            "spacy_version": _spacy_version(),
            "annotator_version": __version__,
            "pipeline": events.pipeline or list(nlp.pipe_names),
            "settings": {**settings.to_dict(), "train_fraction": train_fraction},
            "training": {
                "steps": events.done.get("step"),
                "seconds": round(float(events.done.get("elapsed", 0.0)), 1),
                "best_dev_score": events.done.get("best"),
                "evaluations": len(events.evaluations),
            },
            "scores": scores.to_dict(),
        }
        write_card(job / MODEL_FOLDER, card)
        checkpoint(cancel)
        with staged_output(out, folder=True, overwrite=overwrite) as payload:
            shutil.copytree(job / MODEL_FOLDER, payload, dirs_exist_ok=True)
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
    return TrainResult(model_id, out, scores, card, events)


def _write_job(
    job: Path, corpus: SpacyCorpus, settings: TrainSettings, train_fraction: float
) -> list[str]:
    """The job's files; returns the ids of the documents it trains on."""
    from spacy.tokens import DocBin

    corpus.write(job)
    vocab = corpus_vocab()
    train_docs = list(DocBin().from_disk(job / "train.spacy").get_docs(vocab))
    if train_fraction < 1.0:
        keep = max(1, round(len(train_docs) * train_fraction))
        order = list(range(len(train_docs)))
        random.Random(settings.seed).shuffle(order)
        chosen = sorted(order[:keep])
        train_docs = [train_docs[i] for i in chosen]
        DocBin(docs=train_docs, store_user_data=True).to_disk(job / "train.spacy")
    ids = [str(d.user_data.get("annotator", {}).get("doc_id", "")) for d in train_docs]
    frequency = min(200, max(10, len(train_docs) // 4))
    job_settings = {
        "max_time": settings.max_time,
        "max_steps": settings.max_steps,
        "seed": settings.seed,
        "eval_frequency": frequency,
        "patience": 8 * frequency,
    }
    (job / "job.json").write_text(json.dumps(job_settings), encoding="utf-8")
    return ids


def corpus_vocab() -> Any:
    from spacy.vocab import Vocab

    return Vocab()


def _span_count(
    repo: Repository, doc_ids: list[str], layers: tuple[str, ...], options: ExportOptions
) -> int:
    who = ExportOptions(annotator=options.annotator, gold=options.gold)
    return sum(
        1
        for doc_id in doc_ids
        for s in repo.spans(doc_id)
        if s.layer in layers and not left_out_by(s, who)
    )


def _annotators(
    repo: Repository, doc_ids: list[str], layers: tuple[str, ...], options: ExportOptions
) -> list[str]:
    who = ExportOptions(annotator=options.annotator, gold=options.gold)
    return sorted(
        {
            s.annotator
            for doc_id in doc_ids
            for s in repo.spans(doc_id)
            if s.layer in layers and not left_out_by(s, who)
        }
    )


def _schema(repo: Repository, layers: tuple[str, ...]) -> dict[str, list[str]]:
    schema = repo.schema()
    return {layer: [label.name for label in schema.labels_of(layer)] for layer in layers}


def _spacy_version() -> str:
    import spacy

    return str(spacy.__version__)
