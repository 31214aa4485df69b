"""Whether the learning curve says more annotation pays: the last step must beat the one
before by more than half a point of F."""

from __future__ import annotations

import pytest

from annotator.core.span_scores import Score, SpanScores
from annotator.training.curve import CurvePoint, LearningCurve


def point(share: float, documents: int, hits: int) -> CurvePoint:
    """A step whose overall score has ``hits`` of 100 gold spans right (100 predicted)."""
    return CurvePoint(share, documents, SpanScores(Score(hits, 100, 100)))


def test_a_last_step_that_gains_more_than_half_a_point_still_improves() -> None:
    curve = LearningCurve([point(0.5, 10, 70), point(1.0, 20, 80)], held_out=5)

    assert curve.still_improving
    assert curve.verdict() == (
        "the last step still improved the score: more annotation of this kind pays"
    )


@pytest.mark.parametrize("last", [80, 79])
def test_a_last_step_that_gains_nothing_or_loses_does_not_improve(last: int) -> None:
    curve = LearningCurve([point(0.5, 10, 80), point(1.0, 20, last)], held_out=5)

    assert not curve.still_improving
    assert curve.verdict().startswith("the last step did not improve the score")


def test_the_curve_as_json_holds_each_share_with_its_documents_and_scores() -> None:
    curve = LearningCurve([point(0.5, 10, 70), point(1.0, 20, 80)], held_out=5)

    data = curve.to_dict()

    assert data["held_out"] == 5
    assert data["still_improving"] is True
    assert data["points"] == [
        {"share": 0.5, "documents": 10, "f": pytest.approx(0.7), "p": 0.7, "r": 0.7},
        {"share": 1.0, "documents": 20, "f": pytest.approx(0.8), "p": 0.8, "r": 0.8},
    ]
