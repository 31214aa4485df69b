"""Label tags above the spans, and nested spans whose outer extent stays visible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Span
from annotator.gui.article.frame import Frame
from annotator.gui.article.view import ArticleView
from tests.helpers.article import find_span

TEXT = (
    "Kementerian Pertahanan Republik Azerbaijan said 12 soldiers died in Karabakh.\n"
    "Jakarta-Baku talks ended.\n"
    "😀😀 Two emoji first, then Baku.\n"
)
DOC = Document(id="d", text=TEXT)


@pytest.fixture
def spans() -> dict[str, Span]:
    return {
        "org": find_span(DOC, "entity", "ORG", "Kementerian Pertahanan Republik Azerbaijan"),
        "gpe": find_span(DOC, "entity", "GPE", "Azerbaijan"),
        "ministry": find_span(DOC, "entity", "ORG", "Kementerian Pertahanan"),
        "quantity": find_span(DOC, "entity", "QUANTITY", "12 soldiers"),
        "claim": find_span(DOC, "claim", "CLAIM", "12 soldiers died in Karabakh"),
        "loc": find_span(DOC, "entity", "LOC", "Karabakh"),
        "jakarta": find_span(DOC, "entity", "GPE", "Jakarta"),
        "baku": find_span(DOC, "entity", "GPE", "Baku"),  # touches Jakarta across the "-"
        "emoji": find_span(DOC, "entity", "MISC", "😀😀"),
        "last": find_span(DOC, "entity", "GPE", "Baku", 1),
    }


@pytest.fixture
def view(qtbot: QtBot, spans: dict[str, Span]) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.set_document(TEXT, list(spans.values()), default_schema())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_visible_span_has_a_tag_with_its_label(
    view: ArticleView, spans: dict[str, Span]
) -> None:
    tags = {tag.span_id: tag.label for tag in view.tag_geometry()}
    assert tags == {span.id: span.label for span in spans.values()}


def test_tags_on_one_line_do_not_overlap(view: ArticleView) -> None:
    tags = view.tag_geometry()
    overlapping = [
        (a.label, b.label)
        for i, a in enumerate(tags)
        for b in tags[i + 1 :]
        if a.rect.intersects(b.rect)
    ]
    assert overlapping == []


def test_tags_sit_in_the_room_above_the_text_not_on_the_glyphs(view: ArticleView) -> None:
    frame = Frame(view, view._offsets)
    glyph_rows = [(line.top, line.bottom) for line in frame.lines]
    for tag in view.tag_geometry():
        assert all(
            tag.rect.bottom() <= top or tag.rect.top() >= bottom for top, bottom in glyph_rows
        ), tag.label


def test_a_tag_starts_where_its_span_starts(view: ArticleView, spans: dict[str, Span]) -> None:
    tags = {tag.span_id: tag.rect for tag in view.tag_geometry()}
    for name in ("org", "gpe", "jakarta", "emoji"):
        box = view.span_geometry(spans[name].id)[0].rect
        assert tags[spans[name].id].left() == pytest.approx(box.left(), abs=0.01), name


def test_hiding_tags_brings_the_lines_back_together(view: ArticleView, qtbot: QtBot) -> None:
    spaced = view.cursorRect(view.textCursor()).height()
    second_line_top = Frame(view, view._offsets).lines[1].top
    view.set_tags_visible(False)
    assert view.tag_geometry() == []
    qtbot.waitUntil(lambda: Frame(view, view._offsets).lines[1].top < second_line_top)
    view.set_tags_visible(True)
    qtbot.waitUntil(lambda: Frame(view, view._offsets).lines[1].top == second_line_top)
    assert view.cursorRect(view.textCursor()).height() == spaced


def test_a_nested_spans_outer_extent_is_painted_around_it(
    view: ArticleView, spans: dict[str, Span]
) -> None:
    outer = view.span_geometry(spans["org"].id)[0].rect
    inner = view.span_geometry(spans["gpe"].id)[0].rect
    color = QColor(default_schema().label("ORG").color)
    edge = color.darker(160)
    image = view.viewport().grab().toImage()
    x = int(inner.center().x())
    above_inner = [image.pixelColor(x, y) for y in range(int(outer.top()), int(inner.top()))]
    below_inner = [image.pixelColor(x, y) for y in range(int(inner.bottom()), int(outer.bottom()))]
    assert any(c in (color, edge) for c in above_inner)
    assert any(c in (color, edge) for c in below_inner)


@pytest.mark.parametrize(
    ("kind", "gone"), [("entities", {"org", "gpe", "loc"}), ("claims", {"claim"})]
)
def test_a_hidden_layer_is_neither_drawn_nor_tagged_nor_clickable(
    view: ArticleView, spans: dict[str, Span], kind: str, gone: set[str]
) -> None:
    quantity = view.span_geometry(spans["quantity"].id)[0].rect.center()
    view.set_layer_visible(kind, False)
    tagged = {tag.span_id for tag in view.tag_geometry()}
    for name in gone:
        assert view.span_geometry(spans[name].id) == []
        assert spans[name].id not in tagged
    # "12 soldiers" is a QUANTITY inside a CLAIM: a click picks what is shown
    assert view.span_at(quantity) == spans["quantity" if kind == "claims" else "claim"].id
    view.set_layer_visible(kind, True)
    assert {tag.span_id for tag in view.tag_geometry()} == {s.id for s in spans.values()}
