"""The training process: ``python -m annotator.training.child JOB_DIR``.

Everything heavy of a training runs here, apart from the app or the command: reading the
annotations into spaCy Docs, the training (a core for a minute), and scoring the model on the
held-out documents. In a thread of the app each would hold the GIL the GUI needs; the parent
only waits on a pipe. The project is opened again, read-only, from the environment variable
``PROJECT_ENV`` (a server connection string may hold a password: never on a command line);
``JOB_DIR/job.json`` says what to train (``training.train`` writes it).

Each line on stdout is one JSON event for the parent (``training.process``): ``phase``
(what it is doing now), ``start`` (the pipeline), ``step`` (each evaluation), ``trained``,
``done`` (the model and its card are in ``JOB_DIR/model``) or ``error`` (a message for the
user). Anything else a library prints goes to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

PROJECT_ENV = "ANNOTATOR_TRAINING_PROJECT"


def emit(event: dict[str, Any]) -> None:
    sys.__stdout__.write(json.dumps(event) + "\n")  # type: ignore[union-attr]
    sys.__stdout__.flush()  # type: ignore[union-attr]


def main() -> None:
    sys.stdout = sys.stderr  # a library's print must not break the event stream
    job_dir = Path(sys.argv[1])
    # The job is read before spaCy is imported (seconds): a broken job fails at once.
    job = json.loads((job_dir / "job.json").read_text(encoding="utf-8"))
    from annotator.core.errors import AnnotatorError
    from annotator.store.db import open_db
    from annotator.store.repository import Repository
    from annotator.training.job import run_job

    try:
        db = open_db(os.environ[PROJECT_ENV], readonly=True)
        try:
            run_job(Repository(db, str(job["viewer"])), job_dir, job, emit)
        finally:
            db.close()
    except AnnotatorError as exc:
        emit({"event": "error", "message": str(exc)})
        sys.exit(2)
    emit({"event": "done"})


if __name__ == "__main__":
    main()
