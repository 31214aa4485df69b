"""Relations, suggestions and find hits are drawn without hiding the real spans."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Relation
from annotator.gui.article.painter import FIND, RELATION
from annotator.gui.article.view import ArticleView
from tests.helpers.article import find_span

LINE = "The ministry 😀 said the Port of Rotterdam Authority had fired first, FNV said.\n"
TEXT = LINE * 3 + "\n".join(f"Filler line {i}." for i in range(300)) + "\nLast FNV line.\n"
DOC = Document(id="d", text=TEXT)


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _count(view: ArticleView, color: QColor) -> int:
    image = view.viewport().grab().toImage()
    return sum(
        image.pixelColor(x, y).rgb() == color.rgb()
        for x in range(0, image.width(), 1)
        for y in range(0, image.height(), 2)
    )


def test_relation_is_drawn_and_its_ends_highlighted_when_selected(
    view: ArticleView, qtbot: QtBot
) -> None:
    claim = find_span(DOC, "claim", "CLAIM", "the Port of Rotterdam Authority had fired first")
    org = find_span(DOC, "entity", "ORG", "Port of Rotterdam Authority")
    view.set_document(TEXT, [claim, org], default_schema())
    assert _count(view, RELATION) == 0
    view.set_relations([Relation("r1", "d", "target", claim.id, org.id)])
    view.select_span(claim.id)
    qtbot.waitUntil(lambda: _count(view, RELATION) > 20)
    # the tail end gets an outline in the relation colour just outside its box
    box = view.span_geometry(org.id)[0].rect
    image = view.viewport().grab().toImage()
    edge = [image.pixelColor(int(box.center().x()), int(box.bottom()) + d) for d in (0, 1, 2)]
    assert QColor(RELATION) in edge


def test_suggestion_is_dashed_over_a_real_span_that_stays_drawn(view: ArticleView) -> None:
    real = find_span(DOC, "entity", "ORG", "Port of Rotterdam Authority")
    suggestion = find_span(DOC, "entity", "LOC", "Rotterdam")
    view.set_document(TEXT, [real], default_schema())
    view.set_suggestions([suggestion])
    (sbox,) = view.span_geometry(suggestion.id)
    (rbox,) = view.span_geometry(real.id)
    assert rbox.rect.contains(sbox.rect.center())
    assert [s.id for s in view.spans()] == [real.id]  # suggestions are not spans


def test_find_hits_outlined_marked_on_scroll_bar_and_current_scrolled_to(
    view: ArticleView, qtbot: QtBot
) -> None:
    view.set_document(TEXT, [], default_schema())
    hits = []
    start = TEXT.find("FNV")
    while start >= 0:
        hits.append((start, start + 3))
        start = TEXT.find("FNV", start + 1)
    assert len(hits) == 4
    view.set_find_hits(hits, current=0)
    qtbot.waitUntil(lambda: _count(view, FIND) > 10)
    marks = view.scroll_marks()
    assert len(marks) == 4 and marks[-1] > 0.9
    view.set_find_hits(hits, current=3)  # the last hit is far below: scrolled into view
    marker = find_span(DOC, "entity", "ORG", "FNV", 3)
    view.add_span(marker)
    assert view.span_geometry(marker.id)
