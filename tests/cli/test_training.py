"""``annotator train`` and ``annotator train-curve``: what a user is told when there is nothing
to train on, the held-out score of a model trained on generated names, whose spans it
learned, Ctrl+C in the middle, and the learning curve."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import spacy

from annotator.cli.training import line_progress
from annotator.store.db import open_db
from annotator.store.models import trained_models
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.store.suggestions import suggestions
from tests.helpers.cli import Run
from tests.helpers.name_corpus import add_name_corpus
from tests.helpers.trained_model import TrainedNames, name_project


def models_in(db: Path) -> list[str]:
    repo = Repository(open_db(db, readonly=True))
    try:
        return [record.id for record in trained_models(repo)]
    finally:
        repo.db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), r"0 document\(s\) with status done to train on: a model needs at least 2"),
        (("--layer", "entity,sections"), r"no layer sections in this project; layers: entity,"),
        (("--eval-split", "1.5"), r"--eval-split 1.5: give the share of documents held out"),
        (("--gold", "--annotator", "ana"), r"give --gold or --annotator, not both"),
        (("--status", "finished"), r"--status finished: use one of todo, in_progress, done"),
        (("--max-time", "0"), r"--max-time 0.0: give seconds above 0"),
    ],
    ids=["no-documents", "unknown-layer", "eval-split", "gold-and-annotator", "status", "time"],
)
def test_nothing_to_train_on_or_a_bad_option_is_one_line_and_writes_nothing(
    run: Run, repo: Repository, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    add_name_corpus(repo, 3, sentences=1, status="in_progress")
    out = tmp_path / "model"

    result = run("train", "--out", str(out), *args)

    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: ")
    assert re.search(message, result.stderr), result.stderr
    assert not out.exists()
    assert trained_models(repo) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_line_is_rewritten_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)

    with line_progress() as progress:
        progress(0, 10, "training tok2vec, ner")
        progress(1, 10, "step 0 · loss 44.50 · dev score 4.9 · 9 s left at most")
        progress(1, 10, "step 0 · loss 44.50 · dev score 4.9 · 9 s left at most")

    assert screen.getvalue() == (
        "\r\x1b[Ktraining tok2vec, ner"
        "\r\x1b[Kstep 0 · loss 44.50 · dev score 4.9 · 9 s left at most\n"
    )


def test_in_a_log_the_progress_is_a_line_per_kind_and_at_most_one_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)

    with line_progress() as progress:
        progress(0, 10, "training tok2vec, ner")
        progress(1, 10, "step 0 · loss 44.50")
        progress(2, 10, "step 10 · loss 30.00")

    assert log.getvalue().splitlines() == ["training tok2vec, ner", "step 0 · loss 44.50"]


def test_a_folder_that_holds_files_is_refused_without_overwrite(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    add_name_corpus(repo, 5, sentences=1)
    out = tmp_path / "model"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")

    result = run("train", "--out", str(out))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out}: the folder exists and holds files; choose a new folder, or give "
        "--overwrite to replace it\n"
    )
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_documents_every_status_trains_on_with_status_any(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    """--status any gets past the selection that --status done refuses (the layer is one the
    documents have no spans of, so the run stops there, before any training)."""
    add_name_corpus(repo, 5, sentences=1, status="in_progress")

    result = run("train", "--out", str(tmp_path / "m"), "--status", "any", "--layer", "claim")

    assert result.stderr == (
        "Error: the 4 training document(s) have no spans of claim to learn from\n"
    )


def test_a_model_trained_on_generated_names_finds_names_it_never_saw_at_held_out_f_0_70_or_more(
    trained_names: TrainedNames,
) -> None:
    """Every name is in one document only, so the held-out score is learning from context
    ("said", "di", "works for") and spelling (PT, Group, capitals), not memory."""
    card = trained_names.card
    texts = {r.document.id: {s.text for s in r.spans} for r in trained_names.records}
    held_out = set(card["documents"]["held_out"])
    trained = set(card["documents"]["train"])
    seen = {name for doc_id in trained for name in texts[doc_id]}
    unseen = {name for doc_id in held_out for name in texts[doc_id]}

    assert len(held_out) == 8 and len(trained) == 32
    assert seen.isdisjoint(unseen)
    assert card["scores"]["overall"]["f"] >= 0.70
    assert card["scores"]["overall"]["gold"] == sum(
        len(r.spans) for r in trained_names.records if r.document.id in held_out
    )


def test_train_prints_the_per_label_table_the_model_id_and_where_the_scores_are(
    trained_names: TrainedNames,
) -> None:
    lines = trained_names.output.splitlines()
    card = trained_names.card
    scores_file = trained_names.model / "scores.json"

    assert lines[0].startswith(f"trained {card['id']}: 32 training document(s), ")
    assert lines[1] == "scores on the 8 held-out document(s):"
    assert [line.split()[0] for line in lines[3:8]] == [
        "entity/GPE",
        "entity/ORG",
        "entity/PER",
        "entity",
        "overall",
    ]
    assert lines[7].split()[-2] == f"{100 * card['scores']['overall']['f']:.1f}"
    assert lines[-2:] == [f"model: {trained_names.model}", f"scores: {scores_file}"]
    assert json.loads(scores_file.read_text(encoding="utf-8")) == card["scores"]
    assert card["id"].startswith("names-model@")


def test_the_card_records_project_documents_annotators_schema_spacy_settings_and_scores(
    trained_names: TrainedNames,
) -> None:
    card = trained_names.card

    assert card["project"] == str(trained_names.db)
    assert sorted(card["documents"]["train"] + card["documents"]["held_out"]) == [
        r.document.id for r in trained_names.records
    ]
    assert card["annotators"] == [""]
    assert card["schema"]["entity"][:3] == ["PER", "ORG", "GPE"]
    assert card["spacy_version"] == spacy.__version__
    assert card["pipeline"] == ["tok2vec", "ner"]
    assert card["settings"] == {
        "layers": ["entity"],
        "gold": False,
        "annotator": None,
        "status": "done",
        "eval_split": 0.2,
        "seed": 1,
        "max_time": 60.0,
        "max_steps": 60,
        "train_fraction": 1.0,
    }
    assert card["training"]["steps"] == 60
    assert set(card["scores"]["per_label"]["entity"]) == {"PER", "ORG", "GPE"}
    assert models_in(trained_names.db) == [card["id"]]


def test_a_model_trained_on_one_annotator_never_learns_another_annotators_labels(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    """budi marks every place of ana's documents LOC, a label ana never uses: the model
    trained with --annotator ana knows only PER, ORG and GPE, and its card names only ana."""
    records = add_name_corpus(repo, 12, sentences=2, annotator="ana", distinct_names=True)
    budi = [
        replace(span, id=f"{span.id}-budi", label="LOC", annotator="budi")
        for record in records
        for span in record.spans
        if span.label == "GPE"
    ]
    with repo.transaction():
        repo.add_spans(budi)
        for record in records:
            set_status(repo, record.document.id, "budi", "done")
    out = tmp_path / "ana-model"

    result = run(
        "train",
        "--out",
        str(out),
        "--annotator",
        "ana",
        "--max-time",
        "30",
        "--max-steps",
        "10",
        "--json",
    )

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    card = json.loads((out / "annotator-model.json").read_text(encoding="utf-8"))
    assert report["id"] == card["id"]
    assert report["scores"] == card["scores"]
    assert report["scores_file"] == str(out / "scores.json")
    assert card["annotators"] == ["ana"]
    assert set(spacy.load(out).get_pipe("ner").labels) == {"PER", "ORG", "GPE"}
    assert set(card["scores"]["per_label"]["entity"]) <= {"PER", "ORG", "GPE"}


def test_ctrl_c_during_training_kills_it_and_leaves_no_folder_row_or_job(
    tmp_path: Path,
) -> None:
    db = tmp_path / "names.db"
    name_project(db, 12, sentences=2)
    temp = tmp_path / "temp"
    temp.mkdir()
    out = tmp_path / "models" / "names"
    out.parent.mkdir()
    command = [sys.executable, "-m", "annotator", "train", "--db", str(db), "--out", str(out)]
    child = subprocess.Popen(
        [*command, "--max-time", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert child.stderr is not None
    said = []
    for line in child.stderr:
        said.append(line)
        if line.startswith("step "):
            break
    child.send_signal(signal.SIGINT)
    rest, errors = child.communicate(timeout=60)

    assert said[-1].startswith("step 0 · loss ")
    assert child.returncode == 130
    assert errors.splitlines()[-1] == "training cancelled; nothing was written"
    assert "Traceback" not in errors
    assert rest == ""
    assert list(out.parent.iterdir()) == []
    assert list(temp.iterdir()) == []
    assert models_in(db) == []
    repo = Repository(open_db(db, readonly=True))
    assert suggestions(repo, status=None) == []
    repo.db.close()


def test_the_learning_curve_reports_each_share_and_whether_the_last_step_still_paid(
    run: Run, repo: Repository, db_path: Path
) -> None:
    add_name_corpus(repo, 16, sentences=2, distinct_names=True)

    result = run("train-curve", "--steps", "2", "--max-time", "8")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "held-out documents: 3"
    assert lines[1].split() == ["share", "documents", "P", "R", "F"]
    assert [line.split()[:3] for line in lines[2:4]] == [["50", "%", "6"], ["100", "%", "13"]]
    assert lines[4] in {
        "the last step still improved the score: more annotation of this kind pays",
        "the last step did not improve the score: more of the same annotation adds little",
    }
    assert len(lines) == 5
    assert models_in(db_path) == []
