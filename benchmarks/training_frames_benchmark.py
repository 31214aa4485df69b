"""Does the app stay responsive while a model trains in the background?

    python benchmarks/training_frames_benchmark.py [--documents 200] [--max-time 45]
                                                   [--steps 400] [--switch-interval MS]

The app window (``create_window``, as ``annotator gui`` builds it) shows the 5 MB article with
50,000 spans and 5,000 relations of ``app_benchmark``; the same project holds ``--documents``
done documents of generated names (21 entity spans each, ``tests.helpers.name_corpus``).
A timer scrolls the article view every 16 ms as ``view_benchmark`` does (a jump, then three
lines on; scroll bar moved, then painted) and times each step: once round the article's 200
places unrecorded (so that Qt has laid them out in every phase alike), then ``--steps`` steps
with nothing else running, then while ``train_model`` runs in a background ``Task`` (the QThread
helper every long job of the app uses; the training itself runs in its child process) until
the task ends. The steps during the training are grouped by what the child process was doing
when they ran (its progress messages): starting, reading the annotations and writing the job,
training, scoring the model on the held-out documents; the task's thread in the app only waits
on the pipe. Besides the step itself (wall time, and the GUI thread's CPU time in it: the
difference is waiting, for a core or for the GIL), the gap between two ticks of the timer
shows a stall of the GUI thread that falls between steps. ``--switch-interval`` tries another
GIL switch interval (what the GUI thread waits at most to take the GIL back from a thread of
the app's process).

Every step is checked to have painted and moved the view, and the training to have written
its model. Target: scroll step p95 < 16 ms while a training runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _probes import PaintCounter
from _training_corpus import add_done_documents
from app_benchmark import BIG, build
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.progress import CancelCheck, Progress
from annotator.gui.app import application, create_window, settle_after_startup
from annotator.gui.editing.tasks import Task
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.training.card import CARD_FILE
from annotator.training.settings import TrainSettings
from annotator.training.train import TrainResult, train_model

TICK_MS = 16
JUMPS = 200
IDLE = "no training"
PHASES = (  # the training's progress message -> what the child is doing from then on
    ("starting the training process", "child starting"),
    ("reading the annotations", "child reading the annotations"),
    ("training ", "child training"),
    ("scoring on the held-out", "child scoring"),
)


@dataclass
class Frames:
    steps: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    gaps: dict[str, list[float]] = field(default_factory=dict)

    def add(self, phase: str, step_ms: float, cpu_ms: float, gap_ms: float | None) -> None:
        self.steps.setdefault(phase, []).append(step_ms)
        self.cpu.setdefault(phase, []).append(cpu_ms)
        if gap_ms is not None:
            self.gaps.setdefault(phase, []).append(gap_ms)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


class Scroller:
    """Scrolls the window's article view on a timer and times each step by phase."""

    def __init__(self, app: QApplication, window: object, idle_steps: int, train: object) -> None:
        self.app = app
        self.view = window.view  # type: ignore[attr-defined]
        self.paints = PaintCounter(self.view.viewport())
        self.idle_steps = idle_steps
        self.train = train
        self.frames = Frames()
        self.phase = IDLE
        self.step = 0
        self.last_tick: float | None = None
        self.task: Task | None = None
        self.result: TrainResult | None = None
        self.failure = ""
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        gap = None if self.last_tick is None else (now - self.last_tick) * 1000
        bar = self.view.verticalScrollBar()
        value = (
            int(bar.maximum() * (self.step // 2 % JUMPS) / JUMPS)
            if self.step % 2 == 0
            else bar.value() + 3
        )
        before_value, before_paints = bar.value(), self.paints.paints
        started, cpu = time.perf_counter(), time.thread_time()
        bar.setValue(value)
        self.view.viewport().repaint()
        step_ms = (time.perf_counter() - started) * 1000
        cpu_ms = (time.thread_time() - cpu) * 1000
        assert self.paints.paints == before_paints + 1, "a scroll step did not paint"
        assert value == 0 or bar.value() != before_value, "a scroll step did not move the view"
        if self.step >= 2 * JUMPS:  # the first round lays the places out: not recorded
            self.frames.add(self.phase, step_ms, cpu_ms, gap)
        self.step += 1
        self.last_tick = time.perf_counter()
        if self.task is None and self.step == 2 * JUMPS + self.idle_steps:
            self.start_training()

    def start_training(self) -> None:
        self.last_tick = None
        self.task = self.train()  # type: ignore[operator]
        self.task.progressed.connect(self.on_progress)
        self.task.succeeded.connect(self.on_result)
        self.task.failed.connect(self.on_failure)
        self.task.done.connect(self.on_done)

    def on_progress(self, done: int, total: int, message: str) -> None:
        for prefix, phase in PHASES:
            if message.startswith(prefix):
                self.phase = phase

    def on_result(self, result: object) -> None:
        assert isinstance(result, TrainResult)
        self.result = result

    def on_failure(self, message: str) -> None:
        self.failure = message

    def on_done(self) -> None:
        self.timer.stop()
        self.app.quit()


def report(frames: Frames) -> None:
    print(
        f"scroll step (move + paint) every {TICK_MS} ms: wall time; the GUI thread's CPU time "
        "in it; the gap between two timer ticks"
    )
    for phase, steps in frames.steps.items():
        cpu = frames.cpu[phase]
        gaps = frames.gaps.get(phase, [])
        gap = f"; gap p95 {p95(gaps):.1f}, max {max(gaps):.1f} ms" if gaps else ""
        print(
            f"  {phase:<30} {len(steps):5} steps: p50 {statistics.median(steps):5.1f}, "
            f"p95 {p95(steps):5.1f}, max {max(steps):6.1f} ms; CPU p50 "
            f"{statistics.median(cpu):5.1f}, p95 {p95(cpu):5.1f} ms{gap}"
        )
    during = [t for phase, steps in frames.steps.items() if phase != IDLE for t in steps]
    print(
        f"  {'whole training':<30} {len(during):5} steps: p50 {statistics.median(during):5.1f} "
        f"ms, p95 {p95(during):5.1f} ms (target p95 < 16 ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--max-time", type=float, default=45.0)
    parser.add_argument("--steps", type=int, default=400, help="scroll steps without training")
    parser.add_argument(
        "--switch-interval",
        type=float,
        help="Python's GIL switch interval in ms for this run (default: Python's 5 ms)",
    )
    args = parser.parse_args()
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval / 1000)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db_path = tmp / "bench.db"
        build(db_path)
        repo = Repository(open_db(db_path))
        spans = add_done_documents(repo, args.documents)
        repo.db.close()
        print(
            f"the 5 MB article with 50,000 spans open; {args.documents} done documents with "
            f"{spans:,} entity spans to train on, --max-time {args.max_time:g}; GIL switch "
            f"interval {sys.getswitchinterval() * 1000:g} ms"
        )
        gc.collect()
        app = application()
        window = create_window(db_path, BIG, "bench", QSettings(str(tmp / "settings.ini")))
        settle_after_startup()
        window.show()
        window.resize(1000, 800)
        app.processEvents()
        model = tmp / "model"
        settings = TrainSettings(layers=("entity",), max_time=args.max_time)

        def training(repo: Repository, progress: Progress, cancel: CancelCheck) -> TrainResult:
            return train_model(
                repo, settings, model, project="bench", progress=progress, cancel=cancel
            )

        def start() -> Task:
            task = Task(db_path, training, app)
            task.start()
            return task

        scroller = Scroller(app, window, args.steps, start)
        started = time.perf_counter()
        scroller.timer.start()
        app.exec()
        elapsed = time.perf_counter() - started
        if scroller.failure or scroller.result is None:
            print(f"the training failed: {scroller.failure}", file=sys.stderr)
            return 1
        assert (model / CARD_FILE).is_file(), "the training wrote no model"
        f = scroller.result.scores.overall.f
        print(f"{elapsed:.1f} s of scrolling; the model's held-out F {f:.3f}")
        report(scroller.frames)
        window.close()
        window.workspace.repo.db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
