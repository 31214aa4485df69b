"""Other annotators' relations in the article view: drawn only with their work shown, faint
arcs routed like own ones through the room above the lines, naming the annotator, between
ghosts or between spans the viewer holds as their own."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF, QRectF
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Relation, Span
from annotator.gui.article.arcs import Arc
from annotator.gui.article.frame import Frame
from annotator.gui.article.view import ArticleView
from tests.helpers.article import find_span

FIRST = "Retno said Jakarta and Baku signed a deal.\n"
TEXT = FIRST + "\n".join(f"Filler line {i} of the article." for i in range(80)) + "\nOslo ends.\n"
DOC = Document(id="d", text=TEXT)


def theirs(span: Span) -> Span:
    return replace(span, id=f"budi-{span.id}", annotator="budi")


CLAIM = find_span(DOC, "claim", "CLAIM", "Jakarta and Baku signed a deal")  # unattributed: own
BAKU = find_span(DOC, "entity", "GPE", "Baku")
GHOST_CLAIM = theirs(CLAIM)
RETNO = theirs(find_span(DOC, "entity", "PER", "Retno"))
JAKARTA = theirs(find_span(DOC, "entity", "GPE", "Jakarta"))
OSLO = theirs(find_span(DOC, "entity", "GPE", "Oslo"))
OWN = Relation("own", "d", "target", CLAIM.id, BAKU.id)
GHOST_RELATIONS = [
    Relation("g1", "d", "claimant", GHOST_CLAIM.id, RETNO.id, "budi"),
    Relation("g2", "d", "located_in", JAKARTA.id, OSLO.id, "budi"),  # far apart
    Relation("g3", "d", "target", CLAIM.id, BAKU.id, "budi"),  # between the viewer's spans
]


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.set_document(TEXT, [CLAIM, BAKU], default_schema())
    widget.set_relations([OWN])
    widget.ghosts.set_spans([GHOST_CLAIM, RETNO, JAKARTA, OSLO])
    widget.ghosts.set_relations(GHOST_RELATIONS)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn(arcs: list[Arc]) -> list[tuple[str, str, bool]]:
    return sorted((arc.relation_id, arc.label, arc.stub) for arc in arcs)


def text_rows(view: ArticleView) -> list[QRectF]:
    return [
        QRectF(line.left, line.top, line.line.naturalTextWidth(), line.bottom - line.top)
        for line in Frame(view, view._offsets).lines
    ]


def crosses(a: QPointF, b: QPointF, row: QRectF) -> bool:
    """Whether the axis-parallel segment a-b runs into the text rectangle ``row``."""
    lo_y, hi_y = sorted((a.y(), b.y()))
    lo_x, hi_x = sorted((a.x(), b.x()))
    return lo_y < row.bottom() and hi_y > row.top() and lo_x <= row.right() and hi_x >= row.left()


def test_others_relations_are_drawn_only_while_their_work_is_shown(view: ArticleView) -> None:
    assert view.ghost_arc_geometry() == []
    assert len(view.ghosts.relations()) == 3
    view.ghosts.set_visible(True)
    assert drawn(view.ghost_arc_geometry()) == [
        ("g1", "budi: claimant", False),
        ("g2", "budi: located_in → GPE “Oslo”", True),
        ("g3", "budi: target", False),
    ]
    assert drawn(view.arc_geometry()) == [("own", "target", False)]  # the own arc unchanged
    view.ghosts.set_visible(False)
    assert view.ghost_arc_geometry() == []


def clear_of_text(view: ArticleView, arcs: list[Arc]) -> None:
    """No segment or chip of ``arcs`` runs into a line of text or a label tag."""
    rows = text_rows(view)
    tags = [tag.rect for tag in view.tag_geometry()]
    tags += [g.tag for g in view.ghost_geometry() if g.tag is not None]
    assert arcs
    for arc in arcs:
        assert all(point.y() >= 0 for point in arc.points), arc.label
        for a, b in zip(arc.points, arc.points[1:], strict=False):
            assert not any(crosses(a, b, row) for row in rows), arc.label
        assert not any(arc.label_rect.intersects(rect) for rect in rows + tags), arc.label


@pytest.mark.parametrize("tags", [True, False])
def test_a_ghost_arc_runs_above_the_lines_clear_of_text_tags_and_own_chips(
    view: ArticleView, tags: bool
) -> None:
    view.set_relations([])  # the first line has no own arc to make room for the ghosts'
    view.set_tags_visible(tags)
    view.ghosts.set_visible(True)
    clear_of_text(view, view.ghost_arc_geometry())
    view.set_relations([OWN])
    ghosts = view.ghost_arc_geometry()
    clear_of_text(view, ghosts)
    chips = [arc.label_rect for arc in [*view.arc_geometry(), *ghosts]]
    for i, a in enumerate(chips):
        for b in chips[i + 1 :]:
            assert not a.intersects(b), (a, b)
    view.grab()  # painted with the ghost arcs on it


def test_a_ghost_relation_to_a_far_line_is_a_stub_pointing_back(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    [stub] = view.ghost_arc_geometry()
    assert (stub.relation_id, stub.label) == ("g2", "budi: located_in ← GPE “Jakarta”")
    assert stub.stub and stub.arrow
    clear_of_text(view, [stub])
    view.set_tags_visible(False)
    clear_of_text(view, view.ghost_arc_geometry())


def test_hiding_relations_or_an_ends_layer_hides_ghost_arcs(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    view.set_layer_visible("relations", False)
    assert view.ghost_arc_geometry() == [] and view.arc_geometry() == []
    view.set_layer_visible("relations", True)
    view.set_layer_visible("entities", False)  # every relation here has an entity end
    assert view.ghost_arc_geometry() == []
    view.set_layer_visible("entities", True)
    assert len(view.ghost_arc_geometry()) == 3


def test_a_new_document_drops_the_ghost_relations(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    view.set_document(TEXT, [CLAIM, BAKU], default_schema())
    assert view.ghosts.relations() == [] and view.ghost_arc_geometry() == []


def test_a_ghost_relation_between_the_viewers_own_spans_gets_its_own_arc_row(
    view: ArticleView,
) -> None:
    view.set_relations([])
    view.set_tags_visible(False)  # no band above the first line but the ghost arc's
    view.ghosts.set_spans([])
    view.ghosts.set_relations([GHOST_RELATIONS[2]])
    view.ghosts.set_visible(True)
    [arc] = view.ghost_arc_geometry()
    assert (arc.relation_id, arc.label, arc.stub) == ("g3", "budi: target", False)
    clear_of_text(view, [arc])
