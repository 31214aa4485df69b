"""Long work off the GUI thread: the one helper every import, export or batch job uses.

A task runs ``fn(repo, progress, cancel)`` in a ``QThread`` on ITS OWN database connection
(sqlite connections belong to the thread that made them; on a server project, a
connection of its own to the server) and never touches widgets; it reports
through signals, which Qt delivers on the GUI thread. Cancelling sets a flag that the work
checks between units (``core.progress.checkpoint``); the work then raises ``Cancelled`` and its
transaction is rolled back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelCheck, Cancelled, Progress
from annotator.gui.crash import report_exception
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.repository import Repository

TaskFn = Callable[[Repository, Progress, CancelCheck], Any]


class Task(QThread):
    """One piece of background work. Exactly one of succeeded / failed / cancelled fires,
    then ``done``.

    The public signals are emitted on the GUI thread, relayed from private signals that are
    connected before the thread starts: a listener connected right after ``start()`` (before
    the event loop runs again) therefore never misses one.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()
    _worker_progress = Signal(int, int, str)
    _worker_result = Signal(str, object)

    def __init__(
        self, location: Location, fn: TaskFn, parent: QObject | None = None, viewer: str = ""
    ) -> None:
        super().__init__(parent)
        self.location = location
        self.viewer = viewer
        self.fn = fn
        self._cancel = threading.Event()
        self._worker_progress.connect(self._relay_progress)
        self._worker_result.connect(self._relay_result)
        self.finished.connect(self._relay_done)

    def cancel(self) -> None:
        """Ask the work to stop at its next checkpoint (thread-safe)."""
        self._cancel.set()

    def run(self) -> None:
        """The worker thread: never touches widgets, only emits the private signals."""
        try:
            db = open_db(self.location)
        except AnnotatorError as exc:
            self._worker_result.emit("failed", str(exc))
            return
        try:
            result = self.fn(Repository(db, self.viewer), self._progress, self._cancel.is_set)
        except Cancelled:
            self._worker_result.emit("cancelled", None)
        except AnnotatorError as exc:
            self._worker_result.emit("failed", str(exc))
        except Exception as exc:  # a bug must reach the user, not die silently in a thread
            report_exception(exc, "a background task")
            self._worker_result.emit("failed", f"unexpected error: {exc!r}")
        else:
            # The work ran to its end, so its output exists: a Cancel pressed after the last
            # checkpoint came too late, and saying "cancelled" would hide a written file.
            self._worker_result.emit("succeeded", result)
        finally:
            db.close()

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self._worker_progress.emit(done, total, message)

    def _relay_progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)

    def _relay_result(self, kind: str, payload: object) -> None:
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(str(payload))
        else:
            self.cancelled.emit()

    def _relay_done(self) -> None:
        self.done.emit()


class ProgressDialog(QProgressDialog):
    """A window-modal progress dialog bound to a task: its Cancel button cancels the task."""

    def __init__(self, task: Task, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._title = title
        self.canceled.connect(task.cancel)
        self.canceled.connect(lambda: self.setLabelText(f"{title}: cancelling…"))
        task.progressed.connect(self._update)
        task.done.connect(self.close)
        task.done.connect(self.deleteLater)

    def _update(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
        if message and not self.wasCanceled():
            self.setLabelText(f"{self._title}: {message} {done}/{total}" if total else message)


class TaskRunner(QObject):
    """Starts tasks with a progress dialog and keeps them alive until they end."""

    def __init__(self, location: Location, parent: QWidget, viewer: str = "") -> None:
        super().__init__(parent)
        self.location = location
        self.viewer = viewer
        """The annotator whose document statuses the tasks' connections read."""
        self._window = parent
        self.tasks: set[Task] = set()
        self.last_dialog: ProgressDialog | None = None

    def start(self, title: str, fn: TaskFn, *, show_progress: bool = True) -> Task:
        """Run ``fn`` in a task; ``show_progress=False`` for quiet work the user did not ask
        for (an automatic backup), which reports only through the task's signals."""
        task = Task(self.location, fn, self, self.viewer)
        if show_progress:
            self.last_dialog = ProgressDialog(task, title, self._window)
        self.tasks.add(task)
        task.done.connect(lambda: self._forget(task))
        task.start()
        return task

    def cancel_all(self, wait_ms: int = 10_000) -> None:
        """Cancel running tasks and wait for them (window closing)."""
        for task in list(self.tasks):
            task.cancel()
            task.wait(wait_ms)

    def _forget(self, task: Task) -> None:
        self.tasks.discard(task)
        task.deleteLater()
