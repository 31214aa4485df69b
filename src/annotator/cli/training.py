"""``annotator train``, ``train-curve``, ``evaluate`` and ``models``: a spaCy pipeline learned
from the project's annotations, its scores on documents it never saw, and the models kept."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.cli.training_options import (
    selection_options,
    status_value,
    train_settings,
    whose_options,
)
from annotator.core.errors import ValidationError
from annotator.core.progress import Cancelled, Progress
from annotator.store.backend import Location
from annotator.training.settings import TrainSettings

CANCELLED = "training cancelled; nothing was written"
CANCELLED_EXIT = 130
"""The exit status of a command stopped by Ctrl+C (128 + SIGINT), as shells report it."""
LOG_INTERVAL = 1.0


@contextmanager
def line_progress() -> Iterator[Progress]:
    """The training's progress line on stderr: rewritten in place on a terminal; otherwise (a
    log, or a program that follows the command) one line per new kind of message and at most
    one a second of the same kind ("step ...", "scoring ...")."""
    stream = sys.stderr
    interactive = stream.isatty()
    last = {"message": ""}
    last_at = [0.0]

    def update(done: int, total: int, message: str = "") -> None:
        if not message or message == last["message"]:
            return
        now = time.monotonic()
        same_kind = message.split(" ", 1)[0] == last["message"].split(" ", 1)[0]
        if not interactive and same_kind and now - last_at[0] < LOG_INTERVAL:
            return
        last["message"], last_at[0] = message, now
        stream.write(f"\r\x1b[K{message}" if interactive else message + "\n")
        stream.flush()

    try:
        yield update
    finally:
        if interactive and last["message"]:
            stream.write("\n")
            stream.flush()


@contextmanager
def cancellable() -> Iterator[None]:
    """Ctrl+C (the training process is killed and its job folder removed below) ends the
    command with one line and status 130."""
    try:
        yield
    except (KeyboardInterrupt, Cancelled):
        click.echo(CANCELLED, err=True)
        sys.exit(CANCELLED_EXIT)


@click.command()
@db_option
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder the model is written to (a spaCy pipeline: spacy.load(OUT) reads it).",
)
@selection_options
@click.option(
    "--max-time",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds of training at most; the best model so far is kept.",
)
@click.option(
    "--max-steps",
    type=click.IntRange(min=1),
    default=TrainSettings.max_steps,
    show_default=True,
    help="Training steps (batches) at most.",
)
@click.option("--overwrite", is_flag=True, help="Replace the folder --out if it holds files.")
@click.option("--json", "as_json", is_flag=True, help="Print the held-out scores as JSON.")
@user_errors
def train(
    db_path: Location | None,
    out: Path,
    layers: str,
    gold: bool,
    annotator: str | None,
    status: str,
    eval_split: float,
    seed: int,
    max_time: float,
    max_steps: int,
    overwrite: bool,
    as_json: bool,
) -> None:
    """Train a spaCy pipeline on the project's annotations and score it on held-out documents.

    Entity layers without overlaps train NER; overlapping or long spans (claims, sections) train
    a span finder and spancat. The training runs in a child process with a progress line (step,
    loss, dev score, time left); Ctrl+C stops it and leaves nothing behind. The model's folder
    gets annotator-model.json (what it was trained on, by whom, with what) and scores.json (the
    per-label precision, recall and F on the held-out documents), and the project records it
    (see `annotator models`).
    """
    from annotator.store.backend import describe_location
    from annotator.training.card import SCORES_FILE
    from annotator.training.train import train_model

    settings = replace(
        train_settings(layers, gold, annotator, status, eval_split, seed, max_time),
        max_steps=max_steps,
    )
    repo = open_repository(db_path)
    with cancellable(), line_progress() as progress:
        result = train_model(
            repo,
            settings,
            out,
            project=describe_location(repo.db),
            trained_by=repo.viewer,
            overwrite=overwrite,
            progress=progress,
        )
    scores_file = out / SCORES_FILE
    if as_json:
        report = {
            "id": result.model_id,
            "path": str(out),
            "scores_file": str(scores_file),
            "scores": result.card["scores"],
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    documents = result.card["documents"]
    training = result.card["training"]
    click.echo(
        f"trained {result.model_id}: {len(documents['train'])} training document(s), "
        f"{training['steps']} steps in {training['seconds']} s"
    )
    click.echo(f"scores on the {len(documents['held_out'])} held-out document(s):")
    for line in result.scores.lines():
        click.echo(line)
    click.echo(f"model: {out}")
    click.echo(f"scores: {scores_file}")


@click.command(name="train-curve")
@db_option
@selection_options
@click.option(
    "--steps",
    type=click.IntRange(min=2),
    default=4,
    show_default=True,
    help="Trainings on 1/STEPS, 2/STEPS, ... of the training documents.",
)
@click.option(
    "--max-time",
    type=float,
    default=240.0,
    show_default=True,
    help="Seconds of training at most, shared equally by the steps.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the curve as JSON.")
@user_errors
def train_curve(
    db_path: Location | None,
    layers: str,
    gold: bool,
    annotator: str | None,
    status: str,
    eval_split: float,
    seed: int,
    steps: int,
    max_time: float,
    as_json: bool,
) -> None:
    """Whether more annotation of this kind pays: train on growing shares of the training
    documents, score each on the same held-out documents, and say whether the last step still
    improved the score. No model is kept."""
    from annotator.store.backend import describe_location
    from annotator.training.curve import learning_curve

    settings = train_settings(layers, gold, annotator, status, eval_split, seed, max_time)
    repo = open_repository(db_path)
    with cancellable(), line_progress() as progress:
        curve = learning_curve(
            repo, settings, steps, project=describe_location(repo.db), progress=progress
        )
    if as_json:
        click.echo(json.dumps({**curve.to_dict(), "verdict": curve.verdict()}, indent=2))
        return
    click.echo(f"held-out documents: {curve.held_out}")
    click.echo(f"{'share':>6} {'documents':>9} {'P':>6} {'R':>6} {'F':>6}")
    for point in curve.points:
        overall = point.scores.overall
        click.echo(
            f"{round(100 * point.share):>4} % {point.documents:>9} {100 * overall.precision:6.1f} "
            f"{100 * overall.recall:6.1f} {100 * overall.f:6.1f}"
        )
    click.echo(curve.verdict())


@click.command()
@db_option
@click.option(
    "--model",
    "model_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="A spaCy pipeline folder: one `annotator train` wrote, or any other.",
)
@click.option("--docs", default=None, help="Comma-separated document ids to score on.")
@click.option(
    "--status",
    default=None,
    help="Score on the documents with this status (any: every document). Default: the "
    "model's held-out documents when it was trained on this project, else the done ones.",
)
@whose_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def evaluate(
    db_path: Location | None,
    model_dir: Path,
    docs: str | None,
    status: str | None,
    gold: bool,
    annotator: str | None,
    as_json: bool,
) -> None:
    """Score a model against the stored annotations: precision, recall and F per label, per
    layer and overall, by exact span match (the numbers spaCy's own Scorer gives)."""
    from annotator.formats.export_api import ExportOptions
    from annotator.training.card import read_card
    from annotator.training.evaluate import evaluate_model

    if docs is not None and status is not None:
        raise click.UsageError("give --docs or --status, not both")
    if gold and annotator:
        raise ValidationError("give --gold or --annotator, not both")
    _check_pipeline_folder(model_dir)
    card = read_card(model_dir)
    repo = open_repository(db_path, readonly=True)
    options = ExportOptions(annotator=annotator, gold=gold)
    doc_ids, scored_on = _documents_to_score(repo, card, docs, status, options)
    with line_progress() as progress:
        scores = evaluate_model(repo, model_dir, doc_ids, options, progress)
    if as_json:
        report: dict[str, Any] = {
            "model": str(model_dir),
            "id": card["id"] if card else None,
            "doc_ids": doc_ids,
            **scores.to_dict(),
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"{model_dir} on {len(doc_ids)} document(s) ({scored_on}):")
    for line in scores.lines():
        click.echo(line)


def _check_pipeline_folder(model_dir: Path) -> None:
    if not model_dir.is_dir():
        raise ValidationError(f"{model_dir}: no such folder; give a spaCy pipeline folder")
    if not (model_dir / "config.cfg").is_file():
        raise ValidationError(
            f"{model_dir}: not a spaCy pipeline folder (it has no config.cfg); give the folder "
            "`annotator train` or `spacy train` wrote"
        )


def _documents_to_score(
    repo: Any, card: dict[str, Any] | None, docs: str | None, status: str | None, options: Any
) -> tuple[list[str], str]:
    """The documents ``evaluate`` scores on and how the command names them."""
    from annotator.formats.export_api import select_documents

    if docs is not None:
        ids = list(dict.fromkeys(d.strip() for d in docs.split(",") if d.strip()))
        if not ids:
            raise ValidationError("--docs: give comma-separated document ids")
        return ids, "as given"
    if status is None and card is not None:
        held_out = [str(d) for d in card.get("documents", {}).get("held_out", [])]
        if held_out and all(repo.has_document(d) for d in held_out):
            return held_out, "the model's held-out documents"
    chosen = status_value(status or "done")
    ids = select_documents(repo, replace(options, status=chosen))
    what = f"status {chosen}" if chosen else "every document"
    if not ids:
        raise ValidationError(f"no documents to score on ({what}); choose --docs or --status")
    return ids, what


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the models and their cards as JSON.")
@user_errors
def models(db_path: Location | None, as_json: bool) -> None:
    """The models trained on this project, newest first: what each learned from, by whom, its
    held-out F and where it is."""
    from annotator.store.models import trained_models

    repo = open_repository(db_path, readonly=True)
    rows = [_model_row(record) for record in trained_models(repo)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no trained models in this project (train one with `annotator train`)")
        return
    for row in rows:
        where = row["path"] if row["folder_exists"] else f"{row['path']} (folder missing)"
        f = "-" if row["held_out_f"] is None else f"{100 * row['held_out_f']:.1f}"
        click.echo(row["id"])
        click.echo(f"  created {row['created_at']} by {row['trained_by'] or '(unnamed)'}")
        click.echo(
            f"  layers {', '.join(row['layers'])}; {row['train_documents']} training, "
            f"{row['held_out_documents']} held-out documents; annotators "
            f"{', '.join(row['annotators']) or '(unnamed)'}"
        )
        click.echo(f"  held-out F {f}")
        click.echo(f"  {where}")


def _model_row(record: Any) -> dict[str, Any]:
    card = record.card
    documents = card.get("documents", {})
    overall = card.get("scores", {}).get("overall", {})
    return {
        "id": record.id,
        "created_at": record.created_at,
        "trained_by": record.annotator,
        "layers": list(card.get("settings", {}).get("layers", [])),
        "train_documents": len(documents.get("train", [])),
        "held_out_documents": len(documents.get("held_out", [])),
        "annotators": list(card.get("annotators", [])),
        "held_out_f": overall.get("f"),
        "path": record.path,
        "folder_exists": Path(record.path).is_dir(),
        "card": card,
    }
