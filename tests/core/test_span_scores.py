"""Exact-match span scores at their boundaries: nothing predicted, nothing gold, the same span
twice, spans that touch, one character off, several layers."""

from __future__ import annotations

import pytest

from annotator.core.span_scores import Score, SpanKey, score_spans

PER = ("d1", "entity", "PER", 0, 12)
GPE = ("d1", "entity", "GPE", 21, 28)


def test_no_predictions_score_zero_with_every_gold_span_counted() -> None:
    scores = score_spans([PER, GPE], [], documents=1)

    assert scores.overall == Score(true_positives=0, predicted=0, gold=2)
    assert (scores.overall.precision, scores.overall.recall, scores.overall.f) == (0, 0, 0)
    assert scores.per_label[("entity", "PER")] == Score(0, 0, 1)
    assert scores.documents == 1


def test_no_gold_spans_make_every_prediction_a_false_positive() -> None:
    scores = score_spans([], [PER])

    assert scores.overall == Score(0, 1, 0)
    assert scores.overall.precision == 0.0
    assert scores.overall.recall == 0.0
    assert scores.per_label == {("entity", "PER"): Score(0, 1, 0)}


def test_nothing_at_all_scores_zero_without_dividing_by_zero() -> None:
    scores = score_spans([], [])

    assert scores.overall.f == 0.0
    assert scores.per_label == {}
    assert scores.per_layer == {}
    assert scores.lines()[-1].split() == ["overall", "0.0", "0.0", "0.0", "0"]


def test_a_span_given_twice_counts_once_on_either_side() -> None:
    scores = score_spans([PER, PER], [PER, PER, PER])

    assert scores.overall == Score(1, 1, 1)
    assert scores.overall.f == 1.0


def test_touching_spans_are_two_spans_and_each_must_match_exactly() -> None:
    left: SpanKey = ("d1", "entity", "ORG", 0, 4)
    right: SpanKey = ("d1", "entity", "ORG", 4, 9)
    joined: SpanKey = ("d1", "entity", "ORG", 0, 9)

    both = score_spans([left, right], [left, right])
    merged = score_spans([left, right], [joined])

    assert both.overall == Score(2, 2, 2)
    assert merged.overall == Score(0, 1, 2)


@pytest.mark.parametrize(
    "predicted",
    [
        ("d1", "entity", "PER", 1, 12),  # first character left out
        ("d1", "entity", "PER", 0, 11),  # last character left out
        ("d1", "entity", "PER", 0, 13),  # one character too many
        ("d1", "entity", "GPE", 0, 12),  # another label
        ("d1", "claim", "PER", 0, 12),  # another layer
        ("d2", "entity", "PER", 0, 12),  # another document
    ],
)
def test_a_span_off_by_anything_is_a_miss(predicted: SpanKey) -> None:
    scores = score_spans([PER], [predicted])

    assert scores.overall.true_positives == 0
    assert scores.overall.f == 0.0


def test_layers_are_micro_averaged_over_their_labels_and_overall_over_everything() -> None:
    claim: SpanKey = ("d1", "claim", "CLAIM", 0, 40)
    gold = [PER, GPE, claim]
    predicted = [PER, ("d1", "entity", "GPE", 20, 28), claim, ("d1", "claim", "CLAIM", 41, 50)]

    scores = score_spans(gold, predicted)

    assert scores.per_layer["entity"] == Score(1, 2, 2)
    assert scores.per_layer["claim"] == Score(1, 2, 1)
    assert scores.overall == Score(2, 4, 3)
    assert scores.per_layer["claim"].precision == 0.5
    assert scores.per_layer["claim"].recall == 1.0
    assert scores.per_layer["claim"].f == pytest.approx(2 / 3)
    assert scores.per_label[("entity", "GPE")] == Score(0, 1, 1)


def test_the_table_lists_labels_then_layers_then_overall_in_percent() -> None:
    scores = score_spans([PER, GPE], [PER])

    lines = scores.lines()

    assert lines[0].split() == ["P", "R", "F", "gold"]
    assert [line.split()[0] for line in lines[1:]] == [
        "entity/GPE",
        "entity/PER",
        "entity",
        "overall",
    ]
    assert lines[-1].split() == ["overall", "100.0", "50.0", "66.7", "2"]


def test_the_dict_groups_labels_by_layer() -> None:
    data = score_spans([PER, GPE], [PER], documents=1).to_dict()

    assert data["documents"] == 1
    assert data["overall"]["f"] == pytest.approx(2 / 3)
    assert set(data["per_label"]) == {"entity"}
    assert data["per_label"]["entity"]["PER"] == {
        "p": 1.0,
        "r": 1.0,
        "f": 1.0,
        "true_positives": 1,
        "predicted": 1,
        "gold": 1,
    }
    assert data["per_label"]["entity"]["GPE"]["r"] == 0.0
