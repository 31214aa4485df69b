"""Scoring a model against the stored annotations: per label and per layer, exact match.

Gold is what the project holds (the chosen annotator's, gold's, or anyone's spans of the
model's layers), by code point offsets; a stored span that does not fall on token
boundaries still counts as gold (the model cannot find it, and the score says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.span_scores import SpanKey, SpanScores, score_spans
from annotator.formats.export_api import ExportOptions, left_out_by
from annotator.preannotate.model import load_pipeline
from annotator.store.corpus import documents_in_order
from annotator.store.repository import Repository
from annotator.training.card import read_card
from annotator.training.predict import predict


def model_layers(nlp: Any, card: dict[str, Any] | None) -> list[str]:
    """The layers a pipeline predicts: from its card, else from its components."""
    if card is not None and card.get("settings", {}).get("layers"):
        return [str(layer) for layer in card["settings"]["layers"]]
    layers = ["entity"] if "ner" in nlp.pipe_names else []
    for name in nlp.pipe_names:
        if name.startswith("spancat"):
            layers.append(str(nlp.get_pipe(name).key))
    return layers


def evaluate_pipeline(
    repo: Repository,
    nlp: Any,
    layers: Sequence[str],
    doc_ids: Sequence[str],
    options: ExportOptions,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> SpanScores:
    """Scores of ``nlp`` on ``doc_ids`` against their stored spans of ``layers`` chosen as
    ``options`` chooses them (whose spans)."""
    wanted = set(layers)
    who = ExportOptions(annotator=options.annotator, gold=options.gold)
    gold: list[SpanKey] = []
    predicted: list[SpanKey] = []
    documents = list(documents_in_order(repo, list(doc_ids)))
    for doc in documents:
        gold += [
            (doc.id, s.layer, s.label, s.start, s.end)
            for s in repo.spans(doc.id)
            if s.layer in wanted and not left_out_by(s, who)
        ]
    total = len(documents)
    for done, (doc, spans) in enumerate(
        zip(documents, predict(nlp, (d.text for d in documents), layers), strict=True), start=1
    ):
        checkpoint(cancel)
        predicted += [(doc.id, p.layer, p.label, p.start, p.end) for p in spans]
        progress(done, total, f"scoring {doc.id}")
    return score_spans(gold, predicted, total)


def evaluate_model(
    repo: Repository,
    model_dir: Path,
    doc_ids: Sequence[str],
    options: ExportOptions,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> SpanScores:
    """``evaluate_pipeline`` for a model folder (ours or any spaCy pipeline)."""
    missing = [d for d in doc_ids if not repo.has_document(d)]
    if missing:
        raise ValidationError(f"no document with id {', '.join(map(repr, missing[:5]))}")
    card = read_card(model_dir)
    nlp = load_pipeline(str(model_dir))
    layers = model_layers(nlp, card)
    if not layers:
        raise ValidationError(
            f"{model_dir}: the pipeline finds no spans to score (it has no ner or spancat "
            f"component; its components: {', '.join(nlp.pipe_names) or 'none'})"
        )
    return evaluate_pipeline(repo, nlp, layers, doc_ids, options, progress, cancel)
