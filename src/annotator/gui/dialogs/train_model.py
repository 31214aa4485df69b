"""Project ▸ Train Model…: a window (not modal) to train a model on the project's annotations,
follow the training with a progress bar and Cancel, see what the model learned, draw the
learning curve, let a model suggest, and choose background retraining.

The window asks; the controller starts the work (one training at a time, off the GUI thread)
and hands the task back through ``follow``, whose progress and Cancel the window shows. The
window never reads or writes the database.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import ValidationError
from annotator.core.schema import Schema
from annotator.gui.dialogs.learning_curve_chart import LearningCurveChart
from annotator.gui.dialogs.train_results import TrainResults
from annotator.gui.dialogs.train_settings import TrainSettingsForm
from annotator.gui.editing.tasks import Task
from annotator.store.models import ModelRecord
from annotator.training.curve import LearningCurve
from annotator.training.settings import TrainSettings

PROBLEM_STYLE = "color: #c92a2a;"


class TrainModelDialog(QDialog):
    trainRequested = Signal(object, object)
    """TrainSettings and the output folder (a Path)."""
    curveRequested = Signal(object, int)
    """TrainSettings and the number of steps."""
    suggestRequested = Signal(object)
    """The ModelRecord whose model should suggest in the unfinished documents."""
    retrainChanged = Signal(bool, int)
    """Background retraining switched on or off, and after how many documents."""
    taskEnded = Signal()
    """The followed task ended (succeeded, failed or cancelled)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Train Model")
        self.setModal(False)
        self.task: Task | None = None
        self.form = TrainSettingsForm()
        self.train_button = QPushButton("&Train")
        self.train_button.setDefault(True)
        self.train_button.setToolTip(
            "Train on the chosen documents in the background and score on the held-out ones"
        )
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the running work; nothing is kept")
        self.progress = QProgressBar()
        self.progress_text = QLabel()
        self.progress_text.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.retrain = QCheckBox("&Retrain after every")
        self.retrain_every = QSpinBox()
        self.retrain_every.setRange(1, 10_000)
        self.retrain_every.setValue(10)
        self.retrain_every.setSuffix(" documents marked done")
        self.retrain.setToolTip(
            "Train again in the background with the last settings into a new folder, then "
            "refresh the suggestions of the unfinished documents"
        )

        self.results = TrainResults()
        self.curve_steps = QSpinBox()
        self.curve_steps.setRange(2, 10)
        self.curve_steps.setValue(4)
        self.curve_steps.setPrefix("in ")
        self.curve_steps.setSuffix(" steps")
        self.curve_button = QPushButton("Draw &Learning Curve")
        self.curve_button.setToolTip(
            "Train on growing shares of the training documents (the max time is shared "
            "between the steps) and score each on the same held-out documents"
        )
        self.chart = LearningCurveChart()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        curve_tab = QWidget()
        curve_layout = QVBoxLayout(curve_tab)
        curve_row = QHBoxLayout()
        curve_row.addWidget(self.curve_button)
        curve_row.addWidget(self.curve_steps)
        curve_row.addStretch(1)
        curve_layout.addLayout(curve_row)
        curve_layout.addWidget(self.chart, 1)
        curve_layout.addWidget(self.verdict)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.results, "&Models")
        self.tabs.addTab(curve_tab, "Learning &Curve")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.progress_text)
        left_layout.addWidget(self.message)
        left_layout.addStretch(1)
        retrain_row = QHBoxLayout()
        retrain_row.addWidget(self.retrain)
        retrain_row.addWidget(self.retrain_every, 1)
        left_layout.addLayout(retrain_row)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        close = QPushButton("Close")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.train_button.clicked.connect(self._train)
        self.cancel_button.clicked.connect(self.cancel)
        self.curve_button.clicked.connect(self._curve)
        self.results.suggest_button.clicked.connect(self._suggest)
        self.retrain.toggled.connect(self._retrain_changed)
        self.retrain_every.valueChanged.connect(self._retrain_changed)
        close.clicked.connect(self.close)
        self._set_running(False)
        self.resize(1080, 660)

    # ----- what the controller puts in ------------------------------------------------------
    def set_choices(self, schema: Schema, me: str, annotators: list[str]) -> None:
        self.form.set_choices(schema, me, annotators)

    def set_models(self, records: list[ModelRecord], choose: str | None = None) -> None:
        self.results.set_models(records, choose)

    def set_retrain(self, on: bool, every: int) -> None:
        """Show the remembered retraining choice (without announcing it as a change)."""
        for widget in (self.retrain, self.retrain_every):
            widget.blockSignals(True)
        self.retrain.setChecked(on)
        self.retrain_every.setValue(every)
        for widget in (self.retrain, self.retrain_every):
            widget.blockSignals(False)

    def show_message(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)

    def show_curve(self, curve: LearningCurve) -> None:
        self.chart.set_curve(curve)
        points = ", ".join(
            f"{p.documents} docs: F {100 * p.scores.overall.f:.1f}" for p in curve.points
        )
        self.verdict.setText(
            f"Scored on {curve.held_out} held-out documents. {points}.\n"
            f"{curve.verdict()[0].upper()}{curve.verdict()[1:]}."
        )

    def follow(self, task: Task, title: str) -> None:
        """Show ``task``'s progress, let Cancel stop it, say how it ended."""
        self.task = task
        self._set_running(True)
        self.progress.setRange(0, 0)
        self.progress_text.setText(f"{title}…")
        self.show_message("")
        task.progressed.connect(self._progressed)
        task.failed.connect(lambda message: self.show_message(message, problem=True))
        task.cancelled.connect(lambda: self.show_message(f"{title}: cancelled; nothing was kept."))
        task.done.connect(self._ended)

    # ----- the user's choices ---------------------------------------------------------------
    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_text.setText("Cancelling…")

    def _settings(self) -> TrainSettings | None:
        try:
            return self.form.settings()
        except ValidationError as exc:
            self.show_message(str(exc), problem=True)
            return None

    def _train(self) -> None:
        settings = self._settings()
        if settings is None:
            return
        try:
            out = self.form.output_folder()
        except ValidationError as exc:
            self.show_message(str(exc), problem=True)
            return
        self.trainRequested.emit(settings, out)

    def _curve(self) -> None:
        settings = self._settings()
        if settings is not None:
            self.curveRequested.emit(settings, self.curve_steps.value())

    def _suggest(self) -> None:
        record = self.results.chosen()
        if record is not None:
            self.suggestRequested.emit(record)

    def _retrain_changed(self) -> None:
        self.retrainChanged.emit(self.retrain.isChecked(), self.retrain_every.value())

    # ----- following a task -----------------------------------------------------------------
    def _set_running(self, running: bool) -> None:
        self.form.set_enabled(not running)
        for button in (self.train_button, self.curve_button):
            button.setEnabled(not running)
        self.results.set_busy(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, max(1, total)))
        if message:
            self.progress_text.setText(message)

    def _ended(self) -> None:
        self.task = None
        self.progress_text.setText("")
        self._set_running(False)
        self.taskEnded.emit()
