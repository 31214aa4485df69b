"""What the Train Model window and the background retraining share: the one training that
may run at a time, what the app remembers per project (last settings, retraining choice),
where models go by default, and the work each task does on its own connection."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from annotator.config import data_dir
from annotator.core.edits import Batch, Edit, UpdateDocument
from annotator.core.progress import CancelCheck, Progress
from annotator.gui.editing.tasks import Task, TaskFn, TaskRunner
from annotator.gui.project_location import without_password
from annotator.gui.settings import TRAINING, read_bool, read_int, read_str
from annotator.preannotate.base import PreannotateReport
from annotator.store.backend import Location
from annotator.store.repository import Repository
from annotator.store.statuses import DONE
from annotator.store.work_queue import queue_document_ids
from annotator.training.curve import LearningCurve, learning_curve
from annotator.training.settings import TrainSettings
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from annotator.training.train import TrainResult, train_model

DEFAULT_RETRAIN_EVERY = 10


class TrainingJobs(QObject):
    """Starts model work (training, learning curve, retraining, suggesting) one at a time:
    ``start`` returns None while another runs."""

    started = Signal(object, str)
    """The task and its title."""
    idle = Signal()
    """The running work ended; another may start."""

    def __init__(self, runner: TaskRunner, parent: QObject) -> None:
        super().__init__(parent)
        self.runner = runner
        self.task: Task | None = None
        self.title = ""

    def busy(self) -> bool:
        return self.task is not None

    def start(self, title: str, fn: TaskFn) -> Task | None:
        if self.task is not None:
            return None
        task = self.runner.start(title, fn, show_progress=False)
        self.task, self.title = task, title
        task.done.connect(self._done)
        self.started.emit(task, title)
        return task

    def _done(self) -> None:
        self.task, self.title = None, ""
        self.idle.emit()


def project_id(location: Location) -> str:
    """A project's key among the remembered settings: its location, password left out."""
    where = without_password(str(location))
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]


class TrainingPrefs:
    """What the app remembers per project: the last training settings and model name, and
    whether (after how many documents marked done) to retrain in the background."""

    def __init__(self, settings: QSettings, location: Location) -> None:
        self.settings = settings
        self.group = f"{TRAINING}/{project_id(location)}"

    def retrain_on(self) -> bool:
        return read_bool(self.settings, f"{self.group}/retrain", False)

    def retrain_every(self) -> int:
        return max(1, read_int(self.settings, f"{self.group}/retrain_every", DEFAULT_RETRAIN_EVERY))

    def set_retrain(self, on: bool, every: int) -> None:
        self.settings.setValue(f"{self.group}/retrain", on)
        self.settings.setValue(f"{self.group}/retrain_every", every)

    def remember(self, settings: TrainSettings, out: Path) -> None:
        self.settings.setValue(f"{self.group}/last_settings", json.dumps(settings.to_dict()))
        self.settings.setValue(f"{self.group}/last_name", out.name)

    def last_settings(self) -> TrainSettings | None:
        text = read_str(self.settings, f"{self.group}/last_settings")
        try:
            values = json.loads(text) if text else None
            if not isinstance(values, dict):
                return None
            return TrainSettings(
                layers=tuple(str(layer) for layer in values["layers"]),
                gold=bool(values["gold"]),
                annotator=values["annotator"],
                status=values["status"],
                eval_split=float(values["eval_split"]),
                seed=int(values["seed"]),
                max_time=float(values["max_time"]),
                max_steps=int(values["max_steps"]),
            )
        except (ValueError, KeyError, TypeError):
            return None  # a hand-edited or older entry: the defaults apply

    def last_name(self) -> str:
        return read_str(self.settings, f"{self.group}/last_name")


@dataclass(frozen=True)
class ModelFolders:
    """Where models go by default: ``<data dir>/models/<project>/<time>/<name>``. The name
    (the project's, unless a training chose another) stays the same from one training to the
    next, so that a retrained model's suggestions replace its earlier versions' (a
    suggestion's source is ``model:NAME@VERSION``)."""

    project: str

    @classmethod
    def of(cls, project_name: str, project_file: Path | None) -> ModelFolders:
        name = project_file.stem if project_file is not None else project_name
        return cls(re.sub(r"[^\w.-]+", "-", name).strip("-.") or "project")

    def new(self, name: str = "") -> Path:
        """A folder that does not exist yet."""
        parent = data_dir() / "models" / self.project
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder, n = parent / stamp, 2
        while folder.exists():
            folder, n = parent / f"{stamp}-{n}", n + 1
        return folder / (name or self.project)


def marked_done(edit: Edit | None) -> list[str]:
    """The documents an edit moved to done (an undo moving them back is not one)."""
    if isinstance(edit, Batch):
        return [doc_id for inner in edit.edits for doc_id in marked_done(inner)]
    if (
        isinstance(edit, UpdateDocument)
        and edit.after.get("status") == DONE
        and edit.before.get("status") != DONE
    ):
        return [edit.doc_id]
    return []


def unfinished_documents(repo: Repository) -> list[str]:
    """The documents of the viewer's queue not done yet, in list order."""
    queue = set(queue_document_ids(repo))
    return [d.id for d in repo.documents() if d.status != DONE and d.id in queue]


def train_work(settings: TrainSettings, out: Path, project: str, trained_by: str) -> TaskFn:
    def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> TrainResult:
        return train_model(
            repo,
            settings,
            out,
            project=project,
            trained_by=trained_by,
            progress=progress,
            cancel=cancel,
        )

    return work


def curve_work(settings: TrainSettings, steps: int, project: str) -> TaskFn:
    def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> LearningCurve:
        return learning_curve(
            repo, settings, steps, project=project, progress=progress, cancel=cancel
        )

    return work


def suggest_work(model_dir: Path, annotator: str) -> TaskFn:
    """The model's suggestions in the unfinished documents, its older versions' pending ones
    replaced; spans and decided suggestions are never touched."""

    def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> PreannotateReport:
        progress(0, 1, "loading the model")
        suggester = TrainedModelSuggester.load(model_dir)
        return suggest_with_model(
            repo,
            suggester,
            unfinished_documents(repo),
            annotator=annotator,
            replace_older=True,
            progress=progress,
            cancel=cancel,
        )

    return work


def retrain_work(
    settings: TrainSettings, out: Path, project: str, trained_by: str
) -> Callable[[Repository, Progress, CancelCheck], tuple[TrainResult, PreannotateReport]]:
    """Train, then let the new model refresh the unfinished documents' suggestions."""
    train, suggest = train_work(settings, out, project, trained_by), suggest_work(out, trained_by)

    def work(
        repo: Repository, progress: Progress, cancel: CancelCheck
    ) -> tuple[TrainResult, PreannotateReport]:
        result = train(repo, progress, cancel)
        return result, suggest(repo, progress, cancel)

    return work
