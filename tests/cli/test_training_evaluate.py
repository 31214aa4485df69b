"""``annotator evaluate``: the numbers spaCy's own Scorer gives on the same documents, for a
model of ours or any pipeline folder, and one line for what cannot be scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner, Result
from spacy.training import Example

from annotator.cli import cli
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.training.card import CARD_FILE, SCORES_FILE
from tests.helpers.cli import Run
from tests.helpers.name_corpus import add_name_corpus
from tests.helpers.trained_model import TrainedNames


def evaluate(trained: TrainedNames, *args: str) -> Result:
    return CliRunner().invoke(cli, ["evaluate", "--db", str(trained.db), *args])


def test_evaluate_gives_the_per_label_scores_of_spacys_own_scorer_on_the_same_documents(
    trained_names: TrainedNames,
) -> None:
    """The reference docs are built here from the stored spans (``Doc.char_span`` on the
    model's own tokens), the predicted ones by the model; ``nlp.evaluate`` scores them with
    ``Scorer.score_spans`` over ``doc.ents``."""
    doc_ids = trained_names.card["documents"]["held_out"] + ["names-000", "names-001"]
    nlp = spacy.load(trained_names.model)
    repo = Repository(open_db(trained_names.db, readonly=True))
    examples = []
    for doc_id in doc_ids:
        text = repo.document(doc_id).text
        reference = nlp.make_doc(text)
        ents = [reference.char_span(s.start, s.end, label=s.label) for s in repo.spans(doc_id)]
        assert None not in ents
        reference.ents = ents
        examples.append(Example(nlp.make_doc(text), reference))
    repo.db.close()
    spacy_scores = nlp.evaluate(examples)

    docs = ",".join(doc_ids)
    result = evaluate(trained_names, "--model", str(trained_names.model), "--docs", docs, "--json")

    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    assert ours["doc_ids"] == doc_ids
    assert ours["documents"] == len(doc_ids)
    per_label = ours["per_label"]["entity"]
    assert set(per_label) == set(spacy_scores["ents_per_type"])
    for label, theirs in spacy_scores["ents_per_type"].items():
        mine = per_label[label]
        assert (mine["p"], mine["r"], mine["f"]) == pytest.approx(
            (theirs["p"], theirs["r"], theirs["f"])
        ), label
    entity = ours["per_layer"]["entity"]
    assert (entity["p"], entity["r"], entity["f"]) == pytest.approx(
        (spacy_scores["ents_p"], spacy_scores["ents_r"], spacy_scores["ents_f"])
    )
    assert ours["overall"]["f"] == pytest.approx(spacy_scores["ents_f"])


def test_a_pipeline_folder_without_our_card_is_scored_on_the_layers_its_components_find(
    trained_names: TrainedNames, tmp_path: Path
) -> None:
    plain = tmp_path / "plain-pipeline"
    shutil.copytree(
        trained_names.model, plain, ignore=shutil.ignore_patterns(CARD_FILE, SCORES_FILE)
    )
    held_out = ",".join(trained_names.card["documents"]["held_out"])

    result = evaluate(trained_names, "--model", str(plain), "--docs", held_out, "--json")

    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["id"] is None
    assert scores["per_label"] == trained_names.card["scores"]["per_label"]
    assert scores["overall"] == trained_names.card["scores"]["overall"]


def test_by_default_a_model_of_ours_is_scored_on_its_held_out_documents(
    trained_names: TrainedNames,
) -> None:
    model = trained_names.model

    result = evaluate(trained_names, "--model", str(model))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{model} on 8 document(s) (the model's held-out documents):"
    assert lines[-1].split()[-2] == f"{100 * trained_names.card['scores']['overall']['f']:.1f}"


@pytest.fixture
def blank_pipeline(tmp_path: Path) -> Path:
    folder = tmp_path / "blank"
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    nlp.initialize()
    nlp.to_disk(folder)
    return folder


def test_unknown_document_ids_are_one_line(
    run: Run, repo: Repository, blank_pipeline: Path
) -> None:
    add_name_corpus(repo, 2, sentences=1)

    result = run("evaluate", "--model", str(blank_pipeline), "--docs", "names-001,nope")

    assert result.exit_code == 1
    assert result.stderr == "Error: no document with id 'nope'\n"


def test_a_folder_that_is_no_pipeline_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("evaluate", "--model", str(tmp_path))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path}: not a spaCy pipeline folder (it has no config.cfg); give the "
        "folder `annotator train` or `spacy train` wrote\n"
    )


def test_a_missing_folder_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("evaluate", "--model", str(tmp_path / "gone"))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'gone'}: no such folder; give a spaCy pipeline folder\n"
    )


def test_no_documents_of_the_status_is_one_line(
    run: Run, repo: Repository, blank_pipeline: Path
) -> None:
    add_name_corpus(repo, 2, sentences=1, status="in_progress")

    result = run("evaluate", "--model", str(blank_pipeline), "--status", "done")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no documents to score on (status done); choose --docs or --status\n"
    )


def test_docs_and_status_together_are_refused(run: Run, blank_pipeline: Path) -> None:
    result = run("evaluate", "--model", str(blank_pipeline), "--docs", "a", "--status", "done")

    assert result.exit_code == 2
    assert "give --docs or --status, not both" in result.stderr


def test_a_blank_pipeline_scores_zero_against_the_stored_spans(
    run: Run, repo: Repository, blank_pipeline: Path
) -> None:
    records = add_name_corpus(repo, 2, sentences=1)

    result = run("evaluate", "--model", str(blank_pipeline), "--json")

    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["overall"]["gold"] == sum(len(r.spans) for r in records)
    assert scores["overall"]["predicted"] == 0
    assert scores["overall"]["f"] == 0.0
