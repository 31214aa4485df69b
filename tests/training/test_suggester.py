"""A trained model as a suggestion source: scored suggestions naming its version, never over
a human span, refreshed per version, and its uncertainty about each document stored."""

from __future__ import annotations

import random

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Document, make_span
from annotator.core.progress import Cancelled
from annotator.core.suggestion_edits import Suggestion
from annotator.store.models import document_uncertainty, latest_scoring_model, trained_model
from annotator.store.repository import Repository
from annotator.store.suggestions import insert_suggestions, suggestions
from annotator.training.predict import predict
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from tests.helpers.name_corpus import name_bank, name_document
from tests.helpers.name_model import TRAINING_SEED, NameModel


@pytest.fixture
def names(repo: Repository) -> Repository:
    """Two unfinished documents of the training names (new sentences), ``a`` and ``b``."""
    rng = random.Random(61)
    bank = name_bank(TRAINING_SEED)
    with repo.transaction():
        for doc_id in ("a", "b"):
            repo.add_document(name_document(doc_id, bank, rng, 3, status="todo").document)
    return repo


def suggester_of(model: NameModel) -> TrainedModelSuggester:
    return TrainedModelSuggester(model.nlp, model.card, model.path)


def older(doc: Document, model: NameModel, status: str, start: int, end: int) -> Suggestion:
    """A suggestion an earlier version of the same model made."""
    return Suggestion(
        f"old-{status}",
        doc.id,
        "entity",
        "PER",
        start,
        end,
        doc.text[start:end],
        f"model:{model.card['name']}@20200101-000000.000",
        0.9,
        status,
    )


def test_suggestions_name_the_version_carry_scores_and_the_uncertainty_is_stored(
    name_model: NameModel, names: Repository
) -> None:
    report = suggest_with_model(names, suggester_of(name_model), annotator="tester")
    stored = suggestions(names)
    assert report.total == len(stored) > 0
    model_id = name_model.card["id"]
    assert {s.source for s in stored} == {f"model:{model_id}"}
    assert all(s.score is not None and 0.5 <= s.score <= 1.0 for s in stored)
    for s in stored:
        assert names.document(s.doc_id).text[s.start : s.end] == s.text
    scores = document_uncertainty(names, model_id)
    assert set(scores) == {"a", "b"} and all(0.0 <= u <= 1.0 for u in scores.values())
    assert latest_scoring_model(names) == model_id
    record = trained_model(names, model_id)  # trained in another project: recorded here
    assert record is not None and record.path == str(name_model.path.resolve())


def test_a_suggestion_never_replaces_a_human_span(name_model: NameModel, names: Repository) -> None:
    doc = names.document("a")
    first, second = next(predict(name_model.nlp, [doc.text], ["entity"]))[:2]
    same = make_span(doc, "entity", first.label, first.start, first.end, "tester")
    other = "ORG" if second.label != "ORG" else "PER"
    overlapping = make_span(doc, "entity", other, second.start, second.end - 1, "tester")
    with names.transaction():
        names.add_spans([same, overlapping])
    report = suggest_with_model(names, suggester_of(name_model), ["a"])
    assert report.same_as_span == 1
    keys = {(s.start, s.end, s.label) for s in suggestions(names, doc_id="a")}
    assert (first.start, first.end, first.label) not in keys
    assert (second.start, second.end, second.label) in keys  # overlaps: still a suggestion
    assert names.spans("a") == [same, overlapping]


def test_refreshing_replaces_pending_suggestions_of_older_versions_but_keeps_decided_ones(
    name_model: NameModel, names: Repository
) -> None:
    doc = names.document("a")
    with names.transaction():
        insert_suggestions(
            names,
            [
                older(doc, name_model, "pending", 0, 3),
                older(doc, name_model, "rejected", 0, 4),
                older(doc, name_model, "accepted", 0, 5),
            ],
        )
        gazetteer = Suggestion("gaz", "a", "entity", "GPE", 1, 3, doc.text[1:3], "gazetteer:g")
        insert_suggestions(names, [gazetteer])
    suggest_with_model(names, suggester_of(name_model), ["a"])  # no refresh: all stay
    assert {"old-pending", "old-rejected", "old-accepted", "gaz"} <= {
        s.id for s in suggestions(names, doc_id="a", status=None)
    }
    suggest_with_model(names, suggester_of(name_model), ["a"], replace_older=True)
    kept = {s.id: s.status for s in suggestions(names, doc_id="a", status=None)}
    assert "old-pending" not in kept
    assert kept["old-rejected"] == "rejected" and kept["old-accepted"] == "accepted"
    assert kept["gaz"] == "pending"


def test_cancel_while_scoring_leaves_suggestions_and_scores_as_they_were(
    name_model: NameModel, names: Repository
) -> None:
    doc = names.document("a")
    with names.transaction():
        insert_suggestions(names, [older(doc, name_model, "pending", 0, 3)])
    with pytest.raises(Cancelled, match="nothing was written"):
        suggest_with_model(names, suggester_of(name_model), replace_older=True, cancel=lambda: True)
    assert [s.id for s in suggestions(names, status=None)] == ["old-pending"]
    assert latest_scoring_model(names) is None


def test_an_unknown_document_is_refused_before_anything_runs(
    name_model: NameModel, names: Repository
) -> None:
    with pytest.raises(ValidationError, match="no document with id 'nope'"):
        suggest_with_model(names, suggester_of(name_model), ["a", "nope"])
    assert suggestions(names) == []
