"""Running ``training.child`` in its own process and following it.

The parent reads the child's JSON events line by line (a thread reads the pipe, so that a
cancel is seen within a fraction of a second even while the child is silent), turns them into
progress ("step 200 · loss 3.1 · dev F 81.0 · 42 s left"), and on cancel or Ctrl+C kills the
child: the caller then removes the job folder, so nothing half-written stays behind.
The child gets one thread for its maths libraries: a training must leave a core to the app.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelCheck, Cancelled, Progress
from annotator.store.backend import Location
from annotator.training.child import PROJECT_ENV

_POLL = 0.1
_SINGLE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class TrainingFailed(AnnotatorError):
    """The training process stopped with an error; the message is its last words."""


@dataclass
class TrainingEvents:
    """What the child said: its pipeline, each evaluation, and how it ended."""

    pipeline: list[str] = field(default_factory=list)
    evaluations: list[dict[str, Any]] = field(default_factory=list)
    done: dict[str, Any] = field(default_factory=dict)
    """The ``trained`` event: steps, seconds, best dev score."""
    finished: bool = False
    """The model and its card are written (the ``done`` event)."""


def progress_line(event: dict[str, Any], max_time: float) -> str:
    """One evaluation as the progress line reads it."""
    left = max(0.0, max_time - float(event["elapsed"]))
    return (
        f"step {event['step']} · loss {event['loss']:.2f} · dev score "
        f"{100 * float(event['score']):.1f} · {left:.0f} s left at most"
    )


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def run_child(
    job_dir: Path,
    project: Location,
    max_time: float,
    progress: Progress,
    cancel: CancelCheck,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> TrainingEvents:
    """Run the job in ``job_dir`` on ``project`` in a child process; raise ``Cancelled``
    (child killed) or ``TrainingFailed``. Progress counts whole seconds of the time budget."""
    env = dict(
        os.environ,
        **dict.fromkeys(_SINGLE_THREAD, "1"),
        PYTHONUNBUFFERED="1",
        **{PROJECT_ENV: str(project)},
    )
    stderr_path = job_dir / "child.log"
    with stderr_path.open("w", encoding="utf-8") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "annotator.training.child", str(job_dir)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        try:
            return _follow(child, max_time, progress, cancel, on_event, stderr_path)
        except BaseException:
            child.kill()
            child.wait()
            raise


def _follow(
    child: subprocess.Popen[str],
    max_time: float,
    progress: Progress,
    cancel: CancelCheck,
    on_event: Callable[[dict[str, Any]], None] | None,
    stderr_path: Path,
) -> TrainingEvents:
    assert child.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(child.stdout, lines), daemon=True).start()
    events = TrainingEvents()
    error = ""
    total = max(1, round(max_time))
    progress(0, total, "starting the training process")
    while True:
        if cancel():
            raise Cancelled("training cancelled; no model was written")
        try:
            line = lines.get(timeout=_POLL)
        except queue.Empty:
            continue
        if line is None:
            break
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        kind = event.get("event")
        if kind == "phase":
            progress(0, total, str(event["message"]))
        elif kind == "error":
            error = str(event["message"])
        elif kind == "start":
            events.pipeline = list(event.get("pipeline", []))
            progress(0, total, f"training {', '.join(events.pipeline)}")
        elif kind == "step":
            events.evaluations.append(event)
            progress(min(total, round(event["elapsed"])), total, progress_line(event, max_time))
        elif kind == "trained":
            events.done = event
        elif kind == "done":
            events.finished = True
        if on_event is not None:
            on_event(event)
    code = child.wait()
    if error:
        raise TrainingFailed(error)
    if code != 0 or not events.finished:
        raise TrainingFailed(f"the training process failed: {_last_words(stderr_path)}")
    progress(total, total, "training finished")
    return events


def _last_words(path: Path) -> str:
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace")
             .splitlines() if line.strip()]  # fmt: skip
    return lines[-1] if lines else "no message (it was killed?)"
