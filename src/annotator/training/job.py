"""What the training process does around the training itself: read the chosen annotations
into spaCy DocBins, and once trained, score the model on the held-out documents and write
its card. It runs in the child (``training.child``), on its own read-only connection."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core.progress import CancelCheck, never_cancelled, no_progress
from annotator.formats.export_api import ExportOptions, left_out_by
from annotator.preannotate.model import load_pipeline
from annotator.store.repository import Repository
from annotator.training.card import CARD_FORMAT, write_card
from annotator.training.evaluate import evaluate_pipeline
from annotator.training.loop import MODEL_FOLDER, Emit, train_loop
from annotator.training.settings import TrainSettings

if TYPE_CHECKING:
    from annotator.formats.spacy_export import SpacyCorpus

JOB_FILE = "job.json"


def run_job(repo: Repository, job_dir: Path, job: dict[str, Any], emit: Emit) -> None:
    """Read, train, score and write the card into ``job_dir/model``."""
    from annotator.formats.spacy_export import spacy_corpus  # spaCy: only in the child

    settings = TrainSettings.from_dict(job["settings"])
    options = settings.export_options()
    emit({"event": "phase", "message": "reading the annotations"})
    corpus = spacy_corpus(repo, options, list(settings.layers), no_progress, never_cancelled)
    trained_on, loop = write_job_files(job_dir, corpus, settings, float(job["train_fraction"]))
    emit({"event": "phase", "message": f"training on {len(trained_on)} documents"})
    summary = train_loop(job_dir, loop, emit)
    held_out = [str(d) for d in job["held_out"]]
    emit({"event": "phase", "message": "scoring on the held-out documents"})
    nlp = load_pipeline(str(job_dir / MODEL_FOLDER))
    scores = evaluate_pipeline(repo, nlp, settings.layers, held_out, options)
    card = {
        **job["card"],
        "format": CARD_FORMAT,
        "documents": {"train": trained_on, "held_out": held_out},
        "annotators": _annotators(repo, trained_on, settings.layers, options),
        "schema": _schema(repo, settings.layers),
        "spacy_version": _spacy_version(),
        "annotator_version": __version__,
        "pipeline": summary["pipeline"],
        "settings": {**settings.to_dict(), "train_fraction": job["train_fraction"]},
        "training": {
            "steps": summary["step"],
            "seconds": round(float(summary["elapsed"]), 1),
            "best_dev_score": summary["best"],
            "evaluations": summary["evaluations"],
        },
        "scores": scores.to_dict(),
    }
    write_card(job_dir / MODEL_FOLDER, card)


def write_job_files(
    job_dir: Path,
    corpus: SpacyCorpus,
    settings: TrainSettings,
    train_fraction: float,
    cancel: CancelCheck = never_cancelled,
) -> tuple[list[str], dict[str, Any]]:
    """The DocBins and config in ``job_dir``; returns the ids of the documents trained on
    and the loop's settings (evaluations every quarter of the training documents' count in
    steps, 10 to 200; patience 8 evaluations without a better dev score)."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    corpus.write(job_dir)
    train_docs = list(DocBin().from_disk(job_dir / "train.spacy").get_docs(Vocab()))
    if train_fraction < 1.0:
        keep = max(1, round(len(train_docs) * train_fraction))
        order = list(range(len(train_docs)))
        random.Random(settings.seed).shuffle(order)
        chosen = sorted(order[:keep])
        train_docs = [train_docs[i] for i in chosen]
        DocBin(docs=train_docs, store_user_data=True).to_disk(job_dir / "train.spacy")
    ids = [str(d.user_data.get("annotator", {}).get("doc_id", "")) for d in train_docs]
    frequency = min(200, max(10, len(train_docs) // 4))
    loop = {
        "max_time": settings.max_time,
        "max_steps": settings.max_steps,
        "seed": settings.seed,
        "eval_frequency": frequency,
        "patience": 8 * frequency,
    }
    return ids, loop


def _chosen_spans(
    repo: Repository, doc_ids: list[str], layers: tuple[str, ...], options: ExportOptions
) -> list[Any]:
    who = ExportOptions(annotator=options.annotator, gold=options.gold)
    return [
        s
        for doc_id in doc_ids
        for s in repo.spans(doc_id)
        if s.layer in layers and not left_out_by(s, who)
    ]


def span_count(
    repo: Repository, doc_ids: list[str], layers: tuple[str, ...], options: ExportOptions
) -> int:
    return len(_chosen_spans(repo, doc_ids, layers, options))


def _annotators(
    repo: Repository, doc_ids: list[str], layers: tuple[str, ...], options: ExportOptions
) -> list[str]:
    return sorted({s.annotator for s in _chosen_spans(repo, doc_ids, layers, options)})


def _schema(repo: Repository, layers: tuple[str, ...]) -> dict[str, list[str]]:
    schema = repo.schema()
    return {layer: [label.name for label in schema.labels_of(layer)] for layer in layers}


def _spacy_version() -> str:
    import spacy

    return str(spacy.__version__)
