"""The training process: ``python -m annotator.training.child JOB_DIR``.

It runs apart from the app and the command (a spaCy training holds a core for a minute; in a
thread it would hold the GIL the GUI needs too). ``JOB_DIR`` holds ``config.cfg``,
``train.spacy``, ``dev.spacy`` and ``job.json`` (``max_time`` seconds, ``max_steps``,
``seed``). The loop is spaCy's own (``train_while_improving``) driven here, so that it can stop
at the time budget. The best pipeline so far, by the dev score of the config's
``score_weights``, is saved to ``JOB_DIR/model`` at each improvement.

Each line on stdout is one JSON event for the parent (``training.protocol``); anything else a
library prints goes to stderr.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

MODEL_FOLDER = "model"


def emit(event: dict[str, Any]) -> None:
    sys.__stdout__.write(json.dumps(event) + "\n")  # type: ignore[union-attr]
    sys.__stdout__.flush()  # type: ignore[union-attr]


def train(job_dir: Path) -> None:
    # The job is read before spaCy is imported (seconds): a broken job fails at once.
    job = json.loads((job_dir / "job.json").read_text(encoding="utf-8"))
    import shutil

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
    emit({"event": "start", "pipeline": list(nlp.pipe_names), "max_time": max_time})
    out = job_dir / MODEL_FOLDER
    best = None
    step = 0
    loss = 0.0
    for _batch, info, is_best in steps:
        step = int(info["step"])
        loss = float(sum(info["losses"].values()))
        elapsed = time.monotonic() - started
        if is_best is not None:
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
    emit({"event": "done", "step": step, "loss": loss, "best": best,
          "elapsed": time.monotonic() - started})  # fmt: skip


def main() -> None:
    sys.stdout = sys.stderr  # a library's print must not break the event stream
    train(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
