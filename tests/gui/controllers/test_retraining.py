"""Background retraining: after every N documents marked done (a choice remembered per
project), the app trains again with the last settings into a new folder and the new model
refreshes the suggestions of the unfinished documents; never two trainings at once, and a
span someone made is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.controllers.training import BUSY
from annotator.gui.controllers.training_jobs import TrainingPrefs
from annotator.gui.dialogs.train_model import TrainModelDialog
from annotator.gui.main_window import MainWindow
from annotator.store.models import trained_models
from annotator.store.repository import Repository
from annotator.training.settings import TrainSettings
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from tests.helpers.saved import SavedProject
from tests.helpers.trained_project import IN_PROGRESS, LEARNED, TODO, TrainedProject
from tests.helpers.window_fixtures import make_settings

TRAINING_TIMEOUT = 120_000


@pytest.fixture
def db_path(tmp_path: Path, trained_project: TrainedProject) -> Path:
    """The window's project: a copy of the trained one."""
    return trained_project.copy_to(tmp_path / "project.db")


def retrain_every(qtbot: QtBot, window: MainWindow, documents: int) -> TrainModelDialog:
    """Switch background retraining on in the Train Model window, the last training's
    settings being ``LEARNED``."""
    window.training.prefs.remember(LEARNED, Path("project"))
    window.actions_["project.train_model"].trigger()
    dialog = window.training.dialog
    assert dialog is not None
    dialog.retrain_every.setValue(documents)
    qtbot.mouseClick(dialog.retrain, Qt.MouseButton.LeftButton)
    assert dialog.retrain.isChecked()
    return dialog


def mark_done(window: MainWindow, doc_id: str) -> None:
    window.workspace.open_document(doc_id)
    window.actions_["document.status.done"].trigger()


def pending(saved: SavedProject, doc_ids: list[str]) -> set[tuple[str, str]]:
    rows = saved.rows("SELECT doc_id, source FROM suggestions WHERE status = 'pending'")
    return {(doc_id, source) for doc_id, source in rows if doc_id in doc_ids}


def test_marking_n_documents_done_retrains_and_refreshes_the_unfinished_suggestions(
    qtbot: QtBot,
    window: MainWindow,
    repo: Repository,
    saved: SavedProject,
    trained_project: TrainedProject,
    settings_path: Path,
    db_path: Path,
) -> None:
    first = trained_project.model
    suggest_with_model(repo, TrainedModelSuggester.load(first.path), [*TODO, *IN_PROGRESS])
    old = f"model:{first.model_id}"
    assert {source for _, source in pending(saved, TODO)} == {old}
    human = {doc_id: saved.span_rows(doc_id) for doc_id in IN_PROGRESS}
    dialog = retrain_every(qtbot, window, 1)
    assert window.training.jobs.task is None  # nothing marked done yet

    with qtbot.waitSignal(window.training.retraining.retrained, timeout=TRAINING_TIMEOUT) as got:
        mark_done(window, TODO[0])
        assert window.training.jobs.title == "Retraining"
        assert window.status_bar.message() == (
            "Retraining the model in the background (1 document(s) marked done since the last "
            "training)…"
        )
        assert window.training.retraining.label.isVisibleTo(window.status_bar)
        assert dialog.task is window.training.jobs.task  # the open window follows it
        window.training.train(TrainSettings(max_time=3), Path(dialog.form.output.text()))
        assert dialog.message.text() == BUSY  # never two trainings at once
    result = got.args[0]

    records = saved.read(trained_models)
    assert [r.id for r in records] == [result.model_id, first.model_id]
    assert result.model_id.startswith("project@") and result.path.name == "project"
    assert result.path.parent != first.path.parent
    assert TODO[0] in result.card["documents"]["train"] + result.card["documents"]["held_out"]
    assert result.card["settings"]["max_steps"] == LEARNED.max_steps  # the last settings
    new = f"model:{result.model_id}"
    unfinished = [*TODO[1:], *IN_PROGRESS]
    assert {source for _, source in pending(saved, unfinished)} == {new}
    assert {doc_id for doc_id, _ in pending(saved, TODO[1:])} == set(TODO[1:])
    assert {doc_id: saved.span_rows(doc_id) for doc_id in IN_PROGRESS} == human
    assert window.status_bar.message().startswith(f"Retrained {result.model_id} (held-out F ")
    assert not window.training.retraining.label.isVisibleTo(window.status_bar)
    assert dialog.results.records[0].id == result.model_id  # the open window lists it

    remembered = TrainingPrefs(make_settings(settings_path), db_path)
    assert remembered.retrain_on() and remembered.retrain_every() == 1
    elsewhere = TrainingPrefs(make_settings(settings_path), db_path.with_name("other.db"))
    assert not elsewhere.retrain_on()


def test_documents_are_counted_once_and_only_when_marked_done(
    qtbot: QtBot, window: MainWindow
) -> None:
    retrain_every(qtbot, window, 2)
    mark_done(window, TODO[0])
    window.session.stack.undo()  # back to to do: not a document marked done
    window.session.stack.redo()
    mark_done(window, TODO[0])
    window.workspace.open_document(TODO[1])
    window.actions_["document.status.in_progress"].trigger()
    assert window.training.retraining.newly_done == {TODO[0]}
    assert window.training.jobs.task is None
