"""The learning curve chart: each point where its share of the training documents and its
held-out F put it, labelled with its document count above it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from annotator.core.span_scores import Score, SpanScores
from annotator.gui.dialogs.learning_curve_chart import LINE_COLOR, LearningCurveChart
from annotator.training.curve import CurvePoint, LearningCurve


def point(share: float, documents: int, hits: int) -> CurvePoint:
    """A point whose held-out F is ``hits`` / 100 (precision and recall equal)."""
    return CurvePoint(share, documents, SpanScores(Score(hits, 100, 100), documents=10))


@pytest.fixture
def chart(qtbot: QtBot) -> LearningCurveChart:
    widget = LearningCurveChart()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.set_curve(
        LearningCurve(
            [point(0.25, 10, 0), point(0.5, 20, 50), point(0.75, 30, 80), point(1.0, 40, 100)],
            held_out=10,
        )
    )
    return widget


def test_points_go_right_with_the_share_and_up_with_the_score(chart: LearningCurveChart) -> None:
    plot = chart.plot_rect()
    centers = [chart.point_rect(n).center() for n in range(4)]
    assert [c.x() for c in centers] == pytest.approx(
        [plot.left() + share * plot.width() for share in (0.25, 0.5, 0.75, 1.0)]
    )
    assert centers[0].y() == pytest.approx(plot.bottom())  # F 0
    assert centers[1].y() == pytest.approx(plot.center().y())  # F 0.5
    assert centers[3].y() == pytest.approx(plot.top())  # F 1.0
    assert all(plot.adjusted(-5, -5, 5, 5).contains(chart.point_rect(n)) for n in range(4))


def test_each_point_is_labelled_above_it_with_its_documents(chart: LearningCurveChart) -> None:
    assert [chart.label_text(n) for n in range(4)] == [
        "10 docs · 0",
        "20 docs · 50",
        "30 docs · 80",
        "40 docs · 100",
    ]
    for n in range(4):
        label, dot = chart.label_rect(n), chart.point_rect(n)
        assert chart.rect().toRectF().contains(label)  # the last one too, at the right edge
        assert label.bottom() <= dot.top() and label.center().x() == pytest.approx(dot.center().x())


def test_the_points_are_painted_where_the_geometry_says(chart: LearningCurveChart) -> None:
    chart.show()
    image: QImage = chart.grab().toImage()
    for n in range(4):
        center = chart.point_rect(n).center().toPoint()
        assert QColor(image.pixel(center)) == LINE_COLOR


def test_a_wider_chart_spreads_the_points(chart: LearningCurveChart) -> None:
    before = chart.point_rect(3).center().x() - chart.point_rect(0).center().x()
    width = chart.plot_rect().width()
    chart.resize(800, 300)
    after = chart.point_rect(3).center().x() - chart.point_rect(0).center().x()
    assert chart.plot_rect().width() == width + 300
    assert after == pytest.approx(before * (width + 300) / width)
