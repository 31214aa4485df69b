"""Training through the API: which documents it takes, why it refuses, and a cancel in the
middle of the training that leaves nothing behind."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy

from annotator.core.errors import ValidationError
from annotator.core.progress import Cancelled
from annotator.core.span_scores import score_spans
from annotator.store.errors import StoreError
from annotator.store.models import ModelRecord, trained_models
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions
from annotator.training import train
from annotator.training.card import write_card
from annotator.training.loop import MODEL_FOLDER
from annotator.training.process import TrainingEvents
from annotator.training.settings import TrainSettings
from annotator.training.train import select, train_model
from tests.helpers.name_corpus import add_name_corpus


def test_the_held_out_documents_are_the_eval_split_share_and_never_trained_on(
    repo: Repository,
) -> None:
    add_name_corpus(repo, 20, sentences=1)

    chosen = select(repo, TrainSettings(eval_split=0.25))

    assert len(chosen.held_out) == 5
    assert len(chosen.train) == 15
    assert set(chosen.train).isdisjoint(chosen.held_out)


def test_only_documents_of_the_asked_status_are_taken_and_any_status_takes_all(
    repo: Repository,
) -> None:
    add_name_corpus(repo, 6, sentences=1, prefix="done")
    add_name_corpus(repo, 4, sentences=1, prefix="open", status="in_progress")

    done = select(repo, TrainSettings(status="done"))
    every = select(repo, TrainSettings(status=None))

    assert all(d.startswith("done") for d in done.train + done.held_out)
    assert len(every.train + every.held_out) == 10


def test_a_project_without_done_documents_is_refused_saying_what_to_do(
    repo: Repository,
) -> None:
    add_name_corpus(repo, 3, sentences=1, status="in_progress")

    with pytest.raises(ValidationError, match=r"0 document\(s\) with status done to train on"):
        select(repo, TrainSettings())


def test_documents_several_annotators_made_are_counted_with_the_choice_that_takes_them(
    repo: Repository,
) -> None:
    records = add_name_corpus(repo, 3, sentences=1, annotator="ana")
    with repo.transaction():
        repo.add_spans(
            replace(span, id=f"{span.id}-budi", annotator="budi")
            for record in records
            for span in record.spans
        )

    with pytest.raises(
        ValidationError,
        match=r"0 document\(s\) with status done to train on: .*; 3 more have spans by several "
        r"annotators: choose --gold or --annotator$",
    ):
        select(repo, TrainSettings())
    assert len(select(repo, TrainSettings(annotator="budi")).held_out) == 1


def test_an_unknown_layer_is_refused_naming_the_layers_there_are(repo: Repository) -> None:
    with pytest.raises(ValidationError, match=r"no layer entities in this project; layers: entity"):
        select(repo, TrainSettings(layers=("entities",)))


def test_training_documents_without_spans_of_the_layer_are_refused(
    repo: Repository, tmp_path: Path
) -> None:
    add_name_corpus(repo, 5, sentences=1)

    with pytest.raises(ValidationError, match=r"have no spans of claim to learn from"):
        train_model(repo, TrainSettings(layers=("claim",)), tmp_path / "m", project="p")
    assert not (tmp_path / "m").exists()


def test_cancel_after_the_first_step_leaves_no_model_folder_job_folder_row_or_suggestion(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_name_corpus(repo, 12, sentences=2)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = tmp_path / "models" / "names"
    out.parent.mkdir()
    steps: list[dict[str, Any]] = []

    def on_event(event: dict[str, Any]) -> None:
        if event["event"] == "step":
            steps.append(event)

    with pytest.raises(Cancelled, match="training cancelled; no model was written"):
        train_model(
            repo,
            TrainSettings(max_time=60),
            out,
            project="p",
            cancel=lambda: bool(steps),
            on_event=on_event,
        )

    assert len(steps) == 1
    assert list(out.parent.iterdir()) == []
    assert list(temp.iterdir()) == []
    assert trained_models(repo) == []
    assert suggestions(repo, status=None) == []


def test_a_model_the_project_refuses_to_record_is_not_left_in_its_folder(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when a server project's role may not write the models table: the error reaches the
    user and the folder the model was moved to is gone again. (The training process is
    replaced by one that writes an untrained pipeline: only what follows it is under test.)"""
    add_name_corpus(repo, 6, sentences=1)
    out = tmp_path / "names"

    def untrained(job_dir: Path, *args: Any, **kwargs: Any) -> TrainingEvents:
        nlp = spacy.blank("en")
        nlp.add_pipe("ner")
        nlp.initialize()
        nlp.to_disk(job_dir / MODEL_FOLDER)
        card = {"id": "names@1", "scores": score_spans([], []).to_dict()}
        write_card(job_dir / MODEL_FOLDER, card)
        return TrainingEvents(["ner"], [], {"event": "trained", "step": 0}, finished=True)

    def refuse(repo: Repository, record: ModelRecord) -> None:
        raise StoreError("the server refused the write: permission denied for table models")

    monkeypatch.setattr(train, "run_child", untrained)
    monkeypatch.setattr(train, "register_model", refuse)

    with pytest.raises(StoreError, match="permission denied for table models"):
        train_model(repo, TrainSettings(), out, project="p")

    assert not out.exists()
    assert not list(tmp_path.glob(".names*"))
    assert trained_models(repo) == []
