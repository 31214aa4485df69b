"""Background retraining: after every N documents newly marked done (the choice is remembered
per project), train again with the last settings into a new folder, then let the new model
refresh the suggestions of the unfinished documents.

Status edits are heard as the work queue hears them, on the edit session's ``applied``. A
training already running (from the Train Model window or an earlier retraining) is waited
for: the count is checked again when it ends, so two never run at once. The new model's
suggestions replace only its earlier versions' pending ones; a span someone made is never
touched (a suggestion is only ever a suggestion until accepted).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.edits import Changes, Edit
from annotator.gui.controllers.training_jobs import (
    ModelFolders,
    TrainingJobs,
    TrainingPrefs,
    marked_done,
    retrain_work,
)
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.preannotate.base import PreannotateReport
from annotator.training.settings import TrainSettings
from annotator.training.train import TrainResult


class Retraining(QObject):
    retrained = Signal(object)
    """The TrainResult of a background retraining (its suggestions are stored by then)."""

    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        jobs: TrainingJobs,
        prefs: TrainingPrefs,
        folders: ModelFolders,
        project: str,
        refresh_suggestions: Callable[[], None],
        status_bar: StatusBar,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.jobs, self.prefs, self.folders = workspace, jobs, prefs, folders
        self.project, self.refresh_suggestions, self.status_bar = (
            project,
            refresh_suggestions,
            status_bar,
        )
        self.newly_done: set[str] = set()
        """Documents marked done since the last retraining started (while it is switched on)."""
        self.label = QLabel(status_bar)
        self.label.setObjectName("RetrainingProgress")
        self.label.setContentsMargins(8, 0, 8, 0)
        self.label.hide()
        status_bar.addPermanentWidget(self.label)
        session.applied.connect(self._edit_applied)
        jobs.idle.connect(self.start_when_due)

    def _edit_applied(self, edit: Edit | None, _changes: Changes, _message: str) -> None:
        if self.prefs.retrain_on():
            self.newly_done.update(marked_done(edit))
            self.start_when_due()

    def start_when_due(self) -> None:
        """Start a retraining once enough documents were marked done and nothing trains."""
        if not self.prefs.retrain_on() or len(self.newly_done) < self.prefs.retrain_every():
            return
        if self.jobs.busy():
            return  # checked again when the running work ends (jobs.idle)
        settings = self.prefs.last_settings() or TrainSettings()
        out = self.folders.new(self.prefs.last_name())
        count = len(self.newly_done)
        task = self.jobs.start(
            "Retraining", retrain_work(settings, out, self.project, self.workspace.annotator)
        )
        if task is None:
            return
        self.newly_done.clear()
        self.status_bar.info(
            f"Retraining the model in the background ({count} document(s) marked done since "
            "the last training)…"
        )
        self.label.setText("Retraining…")
        self.label.show()
        task.progressed.connect(
            lambda _done, _total, message: self.label.setText(f"Retraining: {message}")
        )
        task.succeeded.connect(self._retrained)
        task.failed.connect(
            lambda message: self.status_bar.problem(f"Retraining failed: {message}")
        )
        task.cancelled.connect(
            lambda: self.status_bar.info("Retraining cancelled; nothing was kept")
        )
        task.done.connect(self.label.hide)

    def _retrained(self, outcome: tuple[TrainResult, PreannotateReport]) -> None:
        result, report = outcome
        self.label.hide()
        self.refresh_suggestions()
        self.status_bar.info(
            f"Retrained {result.model_id} (held-out F {100 * result.scores.overall.f:.1f}); "
            f"{report.total} new suggestions in {report.documents} unfinished document(s)"
        )
        self.retrained.emit(result)
