"""Run a pre-annotation (gazetteer, rules, a spaCy pipeline or a model trained in the
project) off the GUI thread.

The worker opens its own connection (sqlite connections belong to one thread), reports
progress through signals and stops at the next document when Cancel is pressed; a
cancelled run writes nothing. The dialog never touches the database itself.

A folder with ``annotator-model.json`` holds a model trained here: its suggestions name the
model's version (``model:NAME@VERSION``) and replace the pending ones of its earlier versions.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled
from annotator.preannotate import PreannotateReport, run_preannotation
from annotator.preannotate.base import Suggester
from annotator.preannotate.gazetteer import Gazetteer
from annotator.preannotate.model import ModelSuggester
from annotator.preannotate.rules import RuleSet
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.models import ModelRecord
from annotator.store.repository import Repository
from annotator.training.card import CARD_FILE
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model

KINDS = (
    "Gazetteer (CSV/TSV/TOML)",
    "Regex rules (TOML/JSON)",
    "spaCy pipeline",
    "Model trained in this project",
)
PIPELINE, TRAINED = 2, 3


class PreannotateWorker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    """The PreannotateReport of a completed run."""
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        location: Location,
        kind: int,
        source: str,
        label_map: str,
        doc_ids: list[str] | None,
        annotator: str,
    ) -> None:
        super().__init__()
        self.location, self.kind, self.source = location, kind, source
        self.label_map, self.doc_ids, self.annotator = label_map, doc_ids, annotator
        self.stop = threading.Event()

    def _suggester(self, repo: Repository) -> Suggester:
        schema = repo.schema()
        if self.kind == 0:
            return Gazetteer.from_file(Path(self.source), schema)
        if self.kind == 1:
            return RuleSet.from_file(Path(self.source), schema)
        if self.kind == TRAINED or (Path(self.source) / CARD_FILE).is_file():
            return TrainedModelSuggester.load(Path(self.source))
        mapping = Path(self.label_map) if self.label_map else None
        return ModelSuggester.load(self.source, schema, mapping)

    def _run(self, repo: Repository) -> PreannotateReport:
        suggester = self._suggester(repo)
        progress = lambda done, total, message="": self.progressed.emit(done, total, message)  # noqa: E731
        if isinstance(suggester, TrainedModelSuggester):
            return suggest_with_model(
                repo,
                suggester,
                self.doc_ids,
                annotator=self.annotator,
                replace_older=True,
                progress=progress,
                cancel=self.stop.is_set,
            )
        return run_preannotation(
            repo,
            suggester,
            self.doc_ids,
            annotator=self.annotator,
            progress=progress,
            cancel=self.stop.is_set,
        )

    @Slot()
    def run(self) -> None:
        try:  # a server that cannot be reached is a failure the dialog shows
            repo = Repository(open_db(self.location))
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        try:
            report = self._run(repo)
        except Cancelled:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        else:
            self.finished.emit(report)
        finally:
            repo.db.close()


class PreannotateDialog(QDialog):
    runFinished = Signal(object)
    """The PreannotateReport; the window then refreshes the suggestions it shows."""

    def __init__(
        self,
        location: Location,
        annotator: str,
        doc_ids: list[str] | None = None,
        parent: QWidget | None = None,
        models: Sequence[ModelRecord] = (),
    ) -> None:
        """``models``: the project's trained models, offered as a source."""
        super().__init__(parent)
        self.setWindowTitle("Pre-annotate")
        self.setMinimumWidth(620)  # the path and label-map fields and their hints fit
        self.location, self.annotator, self.doc_ids = location, annotator, doc_ids
        self._thread: QThread | None = None
        self._worker: PreannotateWorker | None = None
        self.kind = QComboBox(self)
        self.kind.addItems(KINDS)
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("file, or installed pipeline name / folder")
        self.browse = QPushButton("Browse…", self)
        self.trained = QComboBox(self)
        for record in models:
            f = record.card.get("scores", {}).get("overall", {}).get("f")
            score = f" · held-out F {100 * float(f):.1f}" if f is not None else ""
            self.trained.addItem(f"{record.id}{score}", record.path)
        if not models:
            self.trained.addItem("No model trained in this project yet (Project ▸ Train Model…)")
        self.label_map = QLineEdit(self)
        self.label_map.setPlaceholderText("optional: TOML/JSON map of model labels")
        self.progress = QProgressBar(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.run_button = QPushButton("Run", self)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the run; nothing is written (Esc)")
        self.close_button = QPushButton("Close", self)

        scope = "this document" if doc_ids else "all documents"
        form = QFormLayout()
        form.addRow("Source", self.kind)
        line = QHBoxLayout()
        line.addWidget(self.source, 1)
        line.addWidget(self.browse)
        form.addRow("File / pipeline", line)
        form.addRow("Trained model", self.trained)
        form.addRow("Label map", self.label_map)
        form.addRow("Documents", QLabel(scope))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.run_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.browse.clicked.connect(self._browse)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.trained.currentIndexChanged.connect(self._trained_chosen)
        self._kind_changed(0)
        self._set_running(False)

    def _kind_changed(self, index: int) -> None:
        self.label_map.setEnabled(index == PIPELINE)
        self.trained.setEnabled(index == TRAINED and self.trained.itemData(0) is not None)
        if index == TRAINED:
            self._trained_chosen()

    def _trained_chosen(self) -> None:
        if self.kind.currentIndex() == TRAINED:
            self.source.setText(str(self.trained.currentData() or ""))

    def _browse(self) -> None:
        if self.kind.currentIndex() in (PIPELINE, TRAINED):
            path = QFileDialog.getExistingDirectory(self, "spaCy pipeline folder")
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, "Source file", "", "Term lists and rules (*.csv *.tsv *.toml *.json)"
            )
        if path:
            self.source.setText(path)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        for widget in (self.kind, self.source, self.browse):
            widget.setEnabled(not running)
        self.trained.setEnabled(
            not running
            and self.kind.currentIndex() == TRAINED
            and self.trained.itemData(0) is not None
        )

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self.is_running() or not self.source.text().strip():
            if not self.source.text().strip():
                self.message.setText("Choose a file or a pipeline first.")
            return
        self.message.setText("Running…")
        self.progress.setValue(0)
        worker = PreannotateWorker(
            self.location,
            self.kind.currentIndex(),
            self.source.text().strip(),
            self.label_map.text().strip(),
            self.doc_ids,
            self.annotator,
        )
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progressed)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            # direct: QThread.quit is thread-safe, and closeEvent may be waiting on it
            signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._thread_done)
        self._thread, self._worker = thread, worker
        self._set_running(True)
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.stop.set()
            self.message.setText("Cancelling…")

    def reject(self) -> None:
        """Esc cancels a run first; it closes the dialog only when nothing runs."""
        if self.is_running():
            self.cancel()
        else:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing during a run cancels it and waits for the worker (nothing is written)."""
        if self._thread is not None:
            self.cancel()
            self._thread.wait()
        super().closeEvent(event)

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _finished(self, report: PreannotateReport) -> None:
        self.progress.setValue(self.progress.maximum())
        self.message.setText("\n".join(report.lines()))
        self.runFinished.emit(report)

    def _failed(self, message: str) -> None:
        self.message.setText(f"Error: {message}")

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.message.setText("Cancelled; nothing was written.")

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self._set_running(False)
