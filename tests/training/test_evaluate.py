"""Which layers a pipeline is scored on, and what ``evaluate_model`` refuses before scoring."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotator.core.errors import ValidationError
from annotator.formats.export_api import ExportOptions
from annotator.store.repository import Repository
from annotator.training.evaluate import evaluate_model, model_layers
from tests.helpers.name_corpus import add_name_corpus


def test_the_card_names_the_layers_a_model_of_ours_was_trained_on() -> None:
    nlp = spacy.blank("en")

    assert model_layers(nlp, {"id": "m@1", "settings": {"layers": ["claim"]}}) == ["claim"]


def test_without_a_card_ner_is_the_entity_layer_and_each_spancat_its_span_group() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    nlp.add_pipe("spancat", name="spancat_claim", config={"spans_key": "claim"})

    assert model_layers(nlp, None) == ["entity", "claim"]


def test_unknown_document_ids_are_refused_before_the_model_is_loaded(
    repo: Repository, tmp_path: Path
) -> None:
    add_name_corpus(repo, 2, sentences=1)

    with pytest.raises(ValidationError, match=r"no document with id 'nope', 'gone'"):
        evaluate_model(repo, tmp_path, ["names-000", "nope", "gone"], ExportOptions())


def test_a_pipeline_that_finds_no_spans_is_refused_naming_its_components(
    repo: Repository, tmp_path: Path
) -> None:
    add_name_corpus(repo, 1, sentences=1)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "sentences")

    with pytest.raises(
        ValidationError,
        match=r"the pipeline finds no spans to score \(it has no ner or spancat component; "
        r"its components: sentencizer\)",
    ):
        evaluate_model(repo, tmp_path / "sentences", ["names-000"], ExportOptions())
