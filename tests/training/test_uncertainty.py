"""How sure a trained pipeline is of each document: the margin between its two best valid
actions, and spancat's label scores."""

from __future__ import annotations

import random

import pytest

from annotator.core.model import Document
from annotator.store.repository import Repository
from annotator.store.work_queue import QueueOrder, neighbour_unfinished, ordered_queue
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from annotator.training.uncertainty import (
    candidate_uncertainty,
    decision_uncertainty,
    margin_score,
    score_parses,
)
from tests.helpers.name_corpus import name_bank, name_document
from tests.helpers.name_model import TRAINING_SEED, NameModel


def name_texts(count: int, *, unseen: bool, seed: int) -> list[Document]:
    """Documents of the training names (``unseen=False``: the same name bank, new sentences)
    or of names from syllables the training never saw."""
    bank = name_bank(TRAINING_SEED if not unseen else seed, unseen=unseen)
    rng = random.Random(seed)
    prefix = "unseen" if unseen else "seen"
    return [
        name_document(f"{prefix}-{n}", bank, rng, 4, status="todo").document for n in range(count)
    ]


def test_the_uncertainty_of_a_decision_is_one_at_a_tie_and_falls_with_the_margin() -> None:
    assert decision_uncertainty(0.0) == 1.0
    assert decision_uncertainty(2.0) == pytest.approx(0.2384, abs=1e-4)
    assert decision_uncertainty(1e6) == pytest.approx(0.0, abs=1e-12)  # and no overflow
    assert margin_score(0.0) == 0.5
    assert margin_score(2.0) == pytest.approx(0.8808, abs=1e-4)


def test_a_candidate_span_is_most_uncertain_at_half_and_sure_at_either_end() -> None:
    assert candidate_uncertainty(0.5) == 1.0
    assert candidate_uncertainty(0.9) == pytest.approx(0.2)
    assert candidate_uncertainty(0.1) == pytest.approx(0.2)
    assert candidate_uncertainty(0.0) == 0.0
    assert candidate_uncertainty(1.0) == 0.0


def test_scoring_parses_as_the_pipeline_does_and_unseen_names_score_lower(
    name_model: NameModel,
) -> None:
    seen = [doc.text for doc in name_texts(3, unseen=False, seed=41)]
    unseen = [doc.text for doc in name_texts(3, unseen=True, seed=42)]
    texts = [*seen, *unseen, "", "😀 👩🏽‍🎨"]
    parses = list(score_parses(name_model.nlp, texts, batch_size=4))
    expected = list(name_model.nlp.pipe(texts))
    for parse, doc in zip(parses, expected, strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in parse.doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in doc.ents
        ]
        assert set(parse.entity_scores) == {(e.start_char, e.end_char) for e in doc.ents}
        assert all(0.5 <= score <= 1.0 for score in parse.entity_scores.values())
        assert all(0.0 < u <= 1.0 for u in parse.uncertainties)
    empty = parses[len(seen) + len(unseen)]
    assert empty.uncertainties == [] and empty.uncertainty == 0.0
    least_sure_seen = max(p.uncertainty for p in parses[: len(seen)])
    most_sure_unseen = min(p.uncertainty for p in parses[len(seen) : len(seen) + len(unseen)])
    assert most_sure_unseen > least_sure_seen
    lowest_seen = min(min(p.entity_scores.values()) for p in parses[: len(seen)])
    lowest_unseen = min(min(p.entity_scores.values()) for p in parses[len(seen) : -2])
    assert lowest_unseen < lowest_seen


def test_uncertainty_order_puts_unseen_names_before_the_training_names(
    name_model: NameModel, repo: Repository
) -> None:
    """The issue's check: the queue ordered by uncertainty opens the document of unseen names
    first, although it comes after the one of training names in the list."""
    with repo.transaction():
        for doc in [*name_texts(1, unseen=False, seed=51), *name_texts(1, unseen=True, seed=52)]:
            repo.add_document(doc)
    suggester = TrainedModelSuggester(name_model.nlp, name_model.card, name_model.path)
    suggest_with_model(repo, suggester)
    assert repo.document_ids() == ["seen-0", "unseen-0"]
    order = QueueOrder("uncertainty")
    assert ordered_queue(repo, order) == ["unseen-0", "seen-0"]
    assert neighbour_unfinished(repo, None, 1, order) == "unseen-0"
    assert neighbour_unfinished(repo, "unseen-0", 1, order) == "seen-0"


def test_spancat_candidates_are_scored_by_their_best_label() -> None:
    """An untrained span finder and spancat (no NER): every candidate the finder proposes is
    one decision, and the spans kept are the ones ``nlp.pipe`` keeps."""
    import spacy
    from spacy.training import Example

    from annotator.formats.spacy_config import LayerStats, build_config

    config = build_config("en", False, {"claim": LayerStats(frozenset({"CLAIM"}), 4)})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    text = "Budi said the port will close next year."
    reference = nlp.make_doc(text)
    reference.spans["claim"] = [reference.char_span(10, 29, label="CLAIM")]
    nlp.initialize(lambda: [Example(nlp.make_doc(text), reference)])
    texts = [text, "Another sentence about ports and storms."]
    candidates = [len(doc.spans["claim"]) for doc in nlp.pipe(texts, disable=["spancat_claim"])]
    expected = list(nlp.pipe(texts))
    for parse, doc, count in zip(score_parses(nlp, texts), expected, candidates, strict=True):
        assert len(parse.uncertainties) == count
        assert all(0.0 <= u <= 1.0 for u in parse.uncertainties)
        assert [(s.start, s.end, s.label_) for s in parse.doc.spans["claim"]] == [
            (s.start, s.end, s.label_) for s in doc.spans["claim"]
        ]
    assert sum(candidates) > 0
