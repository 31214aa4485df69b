"""Project ▸ Train Model…: the window's requests turned into background work (training, the
learning curve, suggesting in the unfinished documents), one at a time, and their results
shown: the project's models with their provenance, the curve, the suggestions in the review
flow. It also owns the background retraining (``controllers/retraining.py``), which shares
the one-training-at-a-time rule and the remembered settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QWidget

from annotator.core.errors import ValidationError
from annotator.gui.controllers.retraining import Retraining
from annotator.gui.controllers.training_jobs import (
    ModelFolders,
    TrainingJobs,
    TrainingPrefs,
    curve_work,
    suggest_work,
    train_work,
)
from annotator.gui.dialogs.train_model import TrainModelDialog
from annotator.gui.editing.tasks import Task, TaskFn, TaskRunner
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.gui.widgets.present import present
from annotator.preannotate.base import PreannotateReport
from annotator.store.assignments import known_annotators
from annotator.store.models import ModelRecord, trained_models
from annotator.training.curve import LearningCurve
from annotator.training.settings import TrainSettings
from annotator.training.train import TrainResult

BUSY = "A training is running (see the progress below or in the status bar); wait for it to end."


class TrainingController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        runner: TaskRunner,
        settings: QSettings,
        project_name: str,
        refresh_suggestions: Callable[[], None],
        status_bar: StatusBar,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.status_bar, self.window = workspace, status_bar, window
        self.project = project_name
        self.refresh_suggestions = refresh_suggestions
        self.jobs = TrainingJobs(runner, self)
        self.prefs = TrainingPrefs(settings, workspace.location)
        self.folders = ModelFolders.of(project_name, workspace.project_file)
        self.retraining = Retraining(
            workspace,
            session,
            self.jobs,
            self.prefs,
            self.folders,
            project_name,
            refresh_suggestions,
            status_bar,
            self,
        )
        self.dialog: TrainModelDialog | None = None
        self._default_out: Path | None = None
        """The output folder the window proposed (a new one is proposed after each training)."""
        self.jobs.started.connect(self._follow)
        self.retraining.retrained.connect(lambda result: self.show_models(result.model_id))

    def open(self) -> None:
        first = self.dialog is None
        if self.dialog is None:
            self.dialog = TrainModelDialog(self.window)
            self.dialog.trainRequested.connect(self.train)
            self.dialog.curveRequested.connect(self.draw_curve)
            self.dialog.suggestRequested.connect(self.suggest)
            self.dialog.retrainChanged.connect(self._retrain_changed)
        dialog = self.dialog
        if not dialog.isVisible():
            repo, me = self.workspace.repo, self.workspace.annotator
            dialog.set_choices(self.workspace.schema, me, known_annotators(repo))
            last = self.prefs.last_settings()
            if first and last is not None:
                dialog.form.show_settings(last)
            if first or dialog.form.output.text() == str(self._default_out):
                self._propose_folder()
            dialog.set_retrain(self.prefs.retrain_on(), self.prefs.retrain_every())
            self.show_models()
            if self.jobs.task is not None and dialog.task is None:
                dialog.follow(self.jobs.task, self.jobs.title)
        present(dialog)

    def show_models(self, choose: str | None = None) -> None:
        if self.dialog is not None:
            self.dialog.set_models(trained_models(self.workspace.repo), choose)

    # ----- requests from the window ---------------------------------------------------------
    def train(self, settings: TrainSettings, out: Path) -> None:
        task = self._start(
            "Training", train_work(settings, out, self.project, self.workspace.annotator)
        )
        if task is not None:
            self.prefs.remember(settings, out)
            task.succeeded.connect(self._trained)

    def draw_curve(self, settings: TrainSettings, steps: int) -> None:
        task = self._start("Learning curve", curve_work(settings, steps, self.project))
        if task is not None:
            task.succeeded.connect(self._curve_drawn)

    def suggest(self, record: ModelRecord) -> None:
        task = self._start("Suggesting", suggest_work(Path(record.path), self.workspace.annotator))
        if task is not None:
            task.succeeded.connect(self._suggested)

    def _start(self, title: str, fn: TaskFn) -> Task | None:
        task = self.jobs.start(title, fn)
        if task is None and self.dialog is not None:
            self.dialog.show_message(BUSY, problem=True)
        return task

    def _follow(self, task: Task, title: str) -> None:
        if self.dialog is not None and self.dialog.task is None:
            self.dialog.follow(task, title)

    # ----- results --------------------------------------------------------------------------
    def _trained(self, result: TrainResult) -> None:
        self.show_models(result.model_id)
        text = (
            f"Trained {result.model_id}: held-out F {100 * result.scores.overall.f:.1f} on "
            f"{result.scores.documents} documents; the model is in {result.path}"
        )
        self.status_bar.info(text)
        if self.dialog is not None:
            self.dialog.show_message(text)
            if self.dialog.form.output.text() == str(self._default_out):
                self._propose_folder()

    def _curve_drawn(self, curve: LearningCurve) -> None:
        if self.dialog is not None:
            self.dialog.show_curve(curve)
            self.dialog.show_message("")

    def _suggested(self, report: PreannotateReport) -> None:
        self.refresh_suggestions()
        text = (
            f"{report.total} suggestions from {report.source} in {report.documents} unfinished "
            "document(s); Alt+A accepts, Alt+X rejects the one at the caret"
        )
        self.status_bar.info(text)
        if self.dialog is not None:
            self.dialog.show_message(text)

    def _retrain_changed(self, on: bool, every: int) -> None:
        self.prefs.set_retrain(on, every)
        if on and self.prefs.last_settings() is None and self.dialog is not None:
            try:  # no training yet: retrain with what the window shows now
                self.prefs.remember(self.dialog.form.settings(), self.dialog.form.output_folder())
            except ValidationError as exc:
                self.dialog.show_message(str(exc), problem=True)
        if on:
            self.retraining.start_when_due()

    def _propose_folder(self) -> None:
        assert self.dialog is not None
        self._default_out = self.folders.new(self.prefs.last_name())
        self.dialog.form.output.setText(str(self._default_out))
