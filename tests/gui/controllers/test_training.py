"""Project ▸ Train Model…: a window that trains on the project's annotations in the
background with progress and Cancel, shows the held-out scores and each model's provenance,
draws the learning curve and lets a model suggest in the unfinished documents.

The project is a copy of one with a model already trained (``trained_project``), so the
window lists that model from the start; trainings here are a few seconds each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.config import data_dir
from annotator.core.span_scores import Score, SpanScores
from annotator.gui.dialogs.train_model import TrainModelDialog
from annotator.gui.main_window import MainWindow
from annotator.store.models import trained_models
from annotator.training.card import CARD_FILE, read_card
from annotator.training.curve import CurvePoint, LearningCurve
from tests.helpers.saved import SavedProject
from tests.helpers.trained_project import IN_PROGRESS, TODO, TrainedProject

TRAINING_TIMEOUT = 120_000


@pytest.fixture
def db_path(tmp_path: Path, trained_project: TrainedProject) -> Path:
    """The window's project: a copy of the trained one."""
    return trained_project.copy_to(tmp_path / "project.db")


def open_training(window: MainWindow) -> TrainModelDialog:
    window.actions_["project.train_model"].trigger()
    dialog = window.training.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    return dialog


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def scores_of(card: dict[str, Any]) -> SpanScores:
    """The SpanScores a card's scores were written from."""

    def score(values: dict[str, Any]) -> Score:
        return Score(values["true_positives"], values["predicted"], values["gold"])

    scores = card["scores"]
    return SpanScores(
        score(scores["overall"]),
        {layer: score(s) for layer, s in scores["per_layer"].items()},
        {
            (layer, label): score(s)
            for layer, labels in scores["per_label"].items()
            for label, s in labels.items()
        },
        scores["documents"],
    )


def printed_rows(scores: SpanScores) -> list[list[str]]:
    """The rows ``annotator train`` prints (``SpanScores.lines``), without the header."""
    return [line.rsplit(maxsplit=4) for line in scores.lines()[1:]]


def pending_sources(saved: SavedProject, doc_ids: list[str]) -> dict[str, set[str]]:
    marks = ", ".join("?" for _ in doc_ids)
    rows = saved.rows(
        f"SELECT doc_id, source FROM suggestions WHERE status = 'pending' AND doc_id IN ({marks})",
        tuple(doc_ids),
    )
    found: dict[str, set[str]] = {}
    for doc_id, source in rows:
        found.setdefault(doc_id, set()).add(source)
    return found


def test_train_runs_in_the_background_and_shows_the_held_out_scores_of_the_new_model(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    dialog = open_training(window)
    assert {name: box.isChecked() for name, box in dialog.form.layer_boxes.items()} == {
        "entity": True,
        "claim": False,
        "section": False,
    }
    assert dialog.form.status.currentData() == "done"
    out = Path(dialog.form.output.text())
    assert out.parent.parent == data_dir() / "models" / "project" and out.name == "project"
    dialog.form.max_time.setValue(3)
    messages: list[str] = []
    with qtbot.waitSignal(dialog.taskEnded, timeout=TRAINING_TIMEOUT):
        click(qtbot, dialog.train_button)
        task = window.training.jobs.task
        assert task is not None and dialog.cancel_button.isEnabled()
        assert not dialog.train_button.isEnabled()
        task.progressed.connect(lambda _d, _t, message: messages.append(message))
    assert any(m.startswith("step ") and "dev score" in m for m in messages), messages

    card = read_card(out)
    assert card is not None and (out / CARD_FILE).is_file()
    records = saved.read(trained_models)
    assert len(records) == 2 and records[0].id == card["id"]
    assert records[0].card == card and records[0].path == str(out.resolve())
    chosen = dialog.results.chosen()
    assert chosen is not None and chosen.id == card["id"]
    assert dialog.results.score_table() == printed_rows(scores_of(card))
    assert dialog.results.score_table()[-1][0] == "overall"
    steps, seconds = card["training"]["steps"], card["training"]["seconds"]
    assert f"{steps} training steps in {seconds} s on 24 documents" in dialog.results.summary.text()
    assert window.status_bar.message().startswith(f"Trained {card['id']}: held-out F ")
    assert Path(dialog.form.output.text()) != out  # a new folder for the next training
    remembered = window.training.prefs.last_settings()  # for retraining, and the next window
    assert remembered is not None and remembered.max_time == 3.0


def test_cancel_after_the_first_progress_leaves_no_folder_no_model_and_no_suggestions(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    dialog = open_training(window)
    dialog.form.max_time.setValue(60)
    out = Path(dialog.form.output.text())
    before = saved.rows("SELECT count(*) FROM suggestions")
    click(qtbot, dialog.train_button)
    task = window.training.jobs.task
    assert task is not None
    with qtbot.waitSignal(
        task.progressed,
        timeout=TRAINING_TIMEOUT,
        check_params_cb=lambda _d, _t, message: message.startswith("training "),
    ):
        pass  # the training process is running
    with qtbot.waitSignal(dialog.taskEnded, timeout=TRAINING_TIMEOUT):
        click(qtbot, dialog.cancel_button)
    assert dialog.message.text() == "Training: cancelled; nothing was kept."
    assert not out.exists() and not out.parent.exists()
    assert len(saved.read(trained_models)) == 1
    assert saved.rows("SELECT count(*) FROM suggestions") == before
    assert dialog.train_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_a_choice_without_documents_is_explained_in_the_window(
    qtbot: QtBot, window: MainWindow, saved: SavedProject
) -> None:
    dialog = open_training(window)
    dialog.form.layer_boxes["entity"].setChecked(False)
    click(qtbot, dialog.train_button)
    assert window.training.jobs.task is None
    assert dialog.message.text() == "give at least one layer to train"
    dialog.form.layer_boxes["entity"].setChecked(True)
    dialog.form.status.setCurrentIndex(dialog.form.status.findData("needs_review"))
    with qtbot.waitSignal(dialog.taskEnded, timeout=TRAINING_TIMEOUT):
        click(qtbot, dialog.train_button)
    assert dialog.message.text().startswith(
        "0 document(s) with status needs_review to train on: a model needs at least 2"
    )
    assert "c92a2a" in dialog.message.styleSheet()  # said as a problem, in the window
    assert len(saved.read(trained_models)) == 1


def test_choosing_a_model_shows_its_provenance(
    window: MainWindow, trained_project: TrainedProject
) -> None:
    dialog = open_training(window)
    model = trained_project.model
    assert [r.id for r in dialog.results.records] == [model.model_id]
    assert dialog.results.models.item(0, 2).text() == "tester"
    assert dialog.results.score_table() == printed_rows(model.scores)
    card = dialog.results.card.toPlainText().splitlines()
    assert card[0] == f"Model {model.model_id}"
    assert card[1] == f"Folder: {model.path.resolve()}"
    assert "Documents: 24 trained on, 6 held out" in card
    assert "Annotators: (unnamed spans)" in card
    trained = [line for line in card if line.startswith("Trained by tester at ")]
    assert len(trained) == 1 and " with spaCy 3." in trained[0]
    assert any(line.startswith("Schema: entity: PER, ORG, GPE, LOC") for line in card)
    assert (
        "Settings: layers entity · everyone's spans · status done · held out 20 % · seed 1 · "
        "max time 120.0 s" in card
    )


def test_the_chosen_model_suggests_in_the_unfinished_documents_for_review(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, trained_project: TrainedProject
) -> None:
    spans_before = {doc_id: saved.span_rows(doc_id) for doc_id in IN_PROGRESS}
    dialog = open_training(window)
    with qtbot.waitSignal(dialog.taskEnded, timeout=TRAINING_TIMEOUT):
        click(qtbot, dialog.results.suggest_button)
    source = f"model:{trained_project.model.model_id}"
    unfinished = [*TODO, *IN_PROGRESS, "emoji", "second"]
    found = pending_sources(saved, unfinished)
    assert set(found) >= set(TODO) and all(s == {source} for s in found.values())
    assert pending_sources(saved, ["names-000", "names-001"]) == {}  # done: left alone
    assert {doc_id: saved.span_rows(doc_id) for doc_id in IN_PROGRESS} == spans_before
    assert f"suggestions from {source} in 7 unfinished document(s)" in dialog.message.text()
    window.workspace.open_document(TODO[0])
    assert window.suggestions.model.rowCount() > 0  # shown for review with Alt+A / Alt+X


def test_the_learning_curve_runs_in_the_background_and_is_drawn_with_its_verdict(
    qtbot: QtBot, window: MainWindow, trained_project: TrainedProject
) -> None:
    dialog = open_training(window)
    dialog.tabs.setCurrentIndex(1)
    dialog.curve_steps.setValue(2)
    with qtbot.waitSignal(dialog.taskEnded, timeout=TRAINING_TIMEOUT):
        click(qtbot, dialog.curve_button)
        assert window.training.jobs.title == "Learning curve"
        assert dialog.progress_text.text() == "Learning curve…"
        click(qtbot, dialog.cancel_button)  # each step is a training: tested in training/
    assert dialog.message.text() == "Learning curve: cancelled; nothing was kept."
    assert dialog.chart.curve is None

    scores = trained_project.model.scores
    weaker = SpanScores(Score(30, 60, 72), documents=6)
    curve = LearningCurve([CurvePoint(0.5, 12, weaker), CurvePoint(1.0, 24, scores)], 6)
    dialog.show_curve(curve)
    assert dialog.chart.label_text(0) == "12 docs · 45"
    assert dialog.chart.label_text(1) == f"24 docs · {100 * scores.overall.f:.0f}"
    assert dialog.verdict.text() == (
        f"Scored on 6 held-out documents. 12 docs: F 45.5, 24 docs: F "
        f"{100 * scores.overall.f:.1f}.\nThe last step still improved the score: more "
        "annotation of this kind pays."
    )
