"""spaCy's training loop (``train_while_improving``) driven with a time budget, in the
training process. The best pipeline so far, by the dev score of the config's
``score_weights``, is saved to ``JOB_DIR/model`` at each improvement."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MODEL_FOLDER = "model"

Emit = Callable[[dict[str, Any]], None]


def train_loop(job_dir: Path, job: dict[str, Any], emit: Emit) -> dict[str, Any]:
    """Train on ``job_dir``'s DocBins and config; returns what the card records of it."""
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import (
        create_evaluation_callback,
        create_train_batches,
        train_while_improving,
    )
    from spacy.util import fix_random_seed, load_config, registry, resolve_dot_names

    max_time = float(job["max_time"])
    overrides = {
        "paths.train": str(job_dir / "train.spacy"),
        "paths.dev": str(job_dir / "dev.spacy"),
        "training.seed": int(job["seed"]),
        "training.max_steps": int(job["max_steps"]),
        "training.eval_frequency": int(job["eval_frequency"]),
        "training.patience": int(job["patience"]),
    }
    config = load_config(job_dir / "config.cfg", overrides=overrides, interpolate=False)
    fix_random_seed(int(job["seed"]))
    started = time.monotonic()
    nlp = init_nlp(config)
    config = nlp.config.interpolate()
    training = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(
        config, [training["train_corpus"], training["dev_corpus"]]
    )
    optimizer = training["optimizer"]
    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, training["batcher"], training["max_epochs"]),
        create_evaluation_callback(nlp, dev_corpus, training["score_weights"]),
        dropout=training["dropout"],
        accumulate_gradient=training["accumulate_gradient"],
        patience=training["patience"],
        max_steps=training["max_steps"],
        eval_frequency=training["eval_frequency"],
        exclude=training["frozen_components"],
        annotating_components=training["annotating_components"],
        before_update=training["before_update"],
    )
    pipeline = list(nlp.pipe_names)
    emit({"event": "start", "pipeline": pipeline, "max_time": max_time})
    out = job_dir / MODEL_FOLDER
    best = None
    step = 0
    loss = 0.0
    evaluations = 0
    for _batch, info, is_best in steps:
        step = int(info["step"])
        loss = float(sum(info["losses"].values()))
        elapsed = time.monotonic() - started
        if is_best is not None:
            evaluations += 1
            score = float(info["score"])
            if is_best:
                best = score
                if out.exists():
                    shutil.rmtree(out)
                with nlp.use_params(optimizer.averages):
                    nlp.to_disk(out)
            emit(
                {
                    "event": "step",
                    "step": step,
                    "epoch": int(info["epoch"]),
                    "loss": loss,
                    "score": score,
                    "best": best,
                    "elapsed": elapsed,
                }
            )
        if elapsed >= max_time:
            break
    if best is None:  # the budget ran out before the first evaluation: keep what there is
        with nlp.use_params(optimizer.averages):
            nlp.to_disk(out)
    summary = {
        "step": step,
        "loss": loss,
        "best": best,
        "elapsed": time.monotonic() - started,
        "evaluations": evaluations,
        "pipeline": pipeline,
    }
    emit({"event": "trained", **summary})
    return summary
