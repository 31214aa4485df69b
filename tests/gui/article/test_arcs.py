"""Relation arcs run through the room above the lines, carry their type and stay on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Relation, Span
from annotator.gui.article.arcs import relation_styles
from annotator.gui.article.frame import Frame
from annotator.gui.article.view import ArticleView
from tests.helpers.article import find_span

FIRST = "Retno said Jakarta and Baku signed a deal.\n"
TEXT = FIRST + "\n".join(f"Filler line {i} of the article." for i in range(80)) + "\nOslo ends.\n"
DOC = Document(id="d", text=TEXT)


@pytest.fixture
def spans() -> dict[str, Span]:
    return {
        "claim": find_span(DOC, "claim", "CLAIM", "Jakarta and Baku signed a deal"),
        "retno": find_span(DOC, "entity", "PER", "Retno"),
        "jakarta": find_span(DOC, "entity", "GPE", "Jakarta"),
        "baku": find_span(DOC, "entity", "GPE", "Baku"),
        "oslo": find_span(DOC, "entity", "GPE", "Oslo"),
    }


@pytest.fixture
def relations(spans: dict[str, Span]) -> list[Relation]:
    return [
        Relation("r1", "d", "claimant", spans["claim"].id, spans["retno"].id),
        Relation("r2", "d", "target", spans["claim"].id, spans["baku"].id),
        Relation("r3", "d", "located_in", spans["jakarta"].id, spans["oslo"].id),  # far apart
    ]


@pytest.fixture
def view(qtbot: QtBot, spans: dict[str, Span], relations: list[Relation]) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.set_document(TEXT, list(spans.values()), default_schema())
    widget.set_relations(relations)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _crosses(a: QPointF, b: QPointF, row: QRectF) -> bool:
    """Whether the axis-parallel segment a-b runs into the open text rectangle ``row``."""
    lo_y, hi_y = sorted((a.y(), b.y()))
    lo_x, hi_x = sorted((a.x(), b.x()))
    return lo_y < row.bottom() and hi_y > row.top() and lo_x <= row.right() and hi_x >= row.left()


def test_arcs_on_one_line_carry_their_type_and_point_at_the_tail(view: ArticleView) -> None:
    arcs = {arc.relation_id: arc for arc in view.arc_geometry() if not arc.stub}
    assert set(arcs) == {"r1", "r2"}
    assert arcs["r1"].label == "claimant" and arcs["r2"].label == "target"
    assert all(arc.arrow for arc in arcs.values())
    assert not arcs["r1"].label_rect.intersects(arcs["r2"].label_rect)


def test_no_arc_segment_crosses_a_line_of_text(view: ArticleView) -> None:
    rows = [
        QRectF(line.left, line.top, line.line.naturalTextWidth(), line.bottom - line.top)
        for line in Frame(view, view._offsets).lines
    ]
    arcs = view.arc_geometry()
    assert arcs
    for arc in arcs:
        for a, b in zip(arc.points, arc.points[1:], strict=False):
            assert not any(_crosses(a, b, row) for row in rows), arc.label
        assert not any(arc.label_rect.intersects(row) for row in rows), arc.label


def test_an_arc_on_the_first_line_is_inside_the_viewport(view: ArticleView) -> None:
    for arc in view.arc_geometry():
        assert all(point.y() >= 0 for point in arc.points), arc.label
        assert arc.label_rect.top() >= 0, arc.label


def test_a_relation_to_a_far_line_is_a_stub_naming_the_far_end(
    view: ArticleView, spans: dict[str, Span]
) -> None:
    stubs = [arc for arc in view.arc_geometry() if arc.stub]
    assert [arc.label for arc in stubs] == ["located_in → GPE “Oslo”"]
    view.scroll_to_cp(spans["oslo"].start)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    stubs = [arc for arc in view.arc_geometry() if arc.stub]
    assert [arc.label for arc in stubs] == ["located_in ← GPE “Jakarta”"]
    assert stubs[0].arrow


def test_selecting_or_hovering_a_span_highlights_its_arcs(
    view: ArticleView, spans: dict[str, Span], qtbot: QtBot
) -> None:
    assert view.highlighted_relations() == set()
    view.select_span(spans["retno"].id)
    assert view.highlighted_relations() == {"r1"}
    view.select_span(None)
    centre = view.span_geometry(spans["jakarta"].id)[0].rect.center().toPoint()
    qtbot.mouseMove(view.viewport(), centre)
    qtbot.waitUntil(lambda: view.highlighted_relations() == {"r3"})


def test_relation_types_get_distinct_styles() -> None:
    names = [relation.name for relation in default_schema().relations]
    styles = relation_styles(names)
    looks = {(style.color.name(), style.dash) for style in styles.values()}
    assert len(looks) == len(names)
