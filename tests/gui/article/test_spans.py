"""Spans in the article view: all drawn (lanes), clicked, cycled with Tab, keys, edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Span
from annotator.gui.article.view import ArticleView
from tests.helpers.article import centre_of, find_span

TEXT = (
    "HEADLINE 😀 Port of Rotterdam Authority blocks 👩🏽‍🎨 the strike\n"
    'ROTTERDAM - The Port of Rotterdam Authority said "the strike would cost '
    'tens of millions" and urged talks.\n'
    "Second paragraph with Pieter van Dam and more words at the end.\n"
)
DOC = Document(id="d", text=TEXT)


@pytest.fixture
def spans() -> dict[str, Span]:
    return {
        "head": find_span(DOC, "section", "HEADLINE", TEXT.split("\n")[0]),
        "body": find_span(DOC, "section", "BODY", TEXT.split("\n")[1]),
        "org": find_span(DOC, "entity", "ORG", "Port of Rotterdam Authority", 1),
        "loc": find_span(DOC, "entity", "LOC", "Port of Rotterdam", 1),
        "gpe": find_span(DOC, "entity", "GPE", "Rotterdam", 1),
        "gpe_after_emoji": find_span(DOC, "entity", "GPE", "Rotterdam", 0),
        "claim": find_span(DOC, "claim", "CLAIM", 'said "the strike would cost tens of millions"'),
        "quote": find_span(DOC, "claim", "QUOTE", '"the strike would cost tens of millions"'),
        "cross": find_span(DOC, "claim", "CLAIM", 'tens of millions" and urged'),
        "per": find_span(DOC, "entity", "PER", "Pieter van Dam"),
    }


@pytest.fixture
def view(qtbot: QtBot, spans: dict[str, Span]) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.set_document(TEXT, list(spans.values()), default_schema())
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def _pixel(view: ArticleView, x: float, y: float) -> QColor:
    return view.viewport().grab().toImage().pixelColor(int(x), int(y))


def _share(view: ArticleView, rect: QRectF, color: str) -> float:
    """Fraction of the pixels in ``rect`` painted in ``color``."""
    image = view.viewport().grab().toImage()
    want = QColor(color)
    points = [
        (x, y)
        for x in range(int(rect.left()) + 1, int(rect.right()))
        for y in range(int(rect.top()) + 1, int(rect.bottom()))
    ]
    return sum(image.pixelColor(x, y) == want for x, y in points) / max(len(points), 1)


def test_every_overlapping_and_nested_span_is_drawn_in_its_own_lane(
    view: ArticleView, spans: dict[str, Span]
) -> None:
    boxes = {name: view.span_geometry(span.id) for name, span in spans.items()}
    assert all(boxes.values()), [name for name, b in boxes.items() if not b]
    lanes = {name: b[0].lane for name, b in boxes.items()}
    # three nested entities: innermost lane 0, each outer one a lane further out
    assert lanes["gpe"] < lanes["loc"] < lanes["org"]
    assert lanes["gpe"] == 0
    # nested backgrounds shrink so the outer colours stay visible around the inner ones
    org, loc, gpe = (boxes[n][0].rect for n in ("org", "loc", "gpe"))
    assert org.height() > loc.height() > gpe.height()
    assert org.contains(loc.center()) and loc.contains(gpe.center())
    # overlapping claims: three distinct lanes, three distinct bars
    claim_lanes = {lanes["claim"], lanes["quote"], lanes["cross"]}
    assert len(claim_lanes) == 3
    ys = {boxes[n][0].rect.top() for n in ("claim", "quote", "cross")}
    assert len(ys) == 3


def test_entity_background_has_its_label_colour(view: ArticleView, spans: dict[str, Span]) -> None:
    rect = view.span_geometry(spans["per"].id)[0].rect
    assert _pixel(view, rect.left() + 3, rect.top() + 1) == QColor("#e28e4c")


def test_boxes_sit_on_the_text_after_emoji(view: ArticleView, spans: dict[str, Span]) -> None:
    """The box of a span after an emoji covers exactly its glyphs (cursor rects agree)."""
    from PySide6.QtGui import QTextCursor

    from annotator.gui.article.offsets import TextOffsets

    span = spans["gpe_after_emoji"]
    offsets = TextOffsets(TEXT)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_qt(span.start))
    left = view.cursorRect(cursor).left()
    cursor.setPosition(offsets.to_qt(span.end))
    right = view.cursorRect(cursor).left()
    rect = view.span_geometry(span.id)[0].rect
    assert abs(rect.left() - left) <= 1 and abs(rect.right() - right) <= 1


def test_section_bars_are_in_the_gutter(view: ArticleView, spans: dict[str, Span]) -> None:
    assert view.gutter_width() > 0
    for name in ("head", "body"):
        (box,) = view.span_geometry(spans[name].id)
        assert box.rect.left() == -view.gutter_width() and box.rect.right() <= 0
    head = view.span_geometry(spans["head"].id)[0].rect
    body = view.span_geometry(spans["body"].id)[0].rect
    assert head.bottom() <= body.top()


def test_click_selects_innermost_span_and_empty_click_clears(
    view: ArticleView, qtbot: QtBot, spans: dict[str, Span]
) -> None:
    viewport = view.viewport()
    with qtbot.waitSignal(view.spanSelected) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre_of(view, spans["gpe"].id))
    assert blocker.args == [spans["gpe"].id]
    org = view.span_geometry(spans["org"].id)[0].rect
    with qtbot.waitSignal(view.spanSelected) as blocker:
        qtbot.mouseClick(
            viewport,
            Qt.MouseButton.LeftButton,
            pos=QPoint(int(org.right()) - 4, int(org.center().y())),
        )
    assert blocker.args == [spans["org"].id]
    assert view.selected_span_id() == spans["org"].id
    with qtbot.waitSignal(view.spanSelected) as blocker:
        qtbot.mouseClick(
            viewport,
            Qt.MouseButton.LeftButton,
            pos=QPoint(viewport.width() - 5, viewport.height() - 5),
        )
    assert blocker.args == [""]
    assert view.selected_span_id() is None


def test_click_on_gutter_selects_section(
    view: ArticleView, qtbot: QtBot, spans: dict[str, Span]
) -> None:
    rect = view.span_geometry(spans["body"].id)[0].rect
    gutter_point = QPoint(view.gutter_width() - 4, int(rect.center().y()))
    gutter = view.childAt(view.contentsRect().topLeft() + gutter_point)
    assert gutter is not None and gutter is not view.viewport()
    with qtbot.waitSignal(view.spanSelected) as blocker:
        qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=gutter_point)
    assert blocker.args == [spans["body"].id]


def test_tab_and_shift_tab_walk_spans_in_document_order(view: ArticleView, qtbot: QtBot) -> None:
    order = [s.id for s in sorted(view.spans(), key=lambda s: (s.start, -s.end))]
    view.set_selection_cp(0, 0)
    seen = []
    for _ in order:
        with qtbot.waitSignal(view.spanSelected) as blocker:
            qtbot.keyClick(view, Qt.Key.Key_Tab)
        seen.append(blocker.args[0])
    assert seen == order
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span_id() == order[0]  # wraps around
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_span_id() == order[-1]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_span_id() == order[-2]
    assert view.hasFocus()


def test_tab_scrolls_the_selected_span_into_view(qtbot: QtBot) -> None:
    text = "\n".join(f"Line {i} with some words." for i in range(400)) + "\nLast Jakarta line."
    doc = Document(id="long", text=text)
    first = find_span(doc, "entity", "GPE", "Line 0")
    last = find_span(doc, "entity", "GPE", "Jakarta")
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.set_document(text, [first, last], default_schema())
    view.show()
    qtbot.waitExposed(view)
    assert view.span_geometry(last.id) == []
    view.select_span(first.id)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span_id() == last.id
    assert view.span_geometry(last.id)


@pytest.mark.parametrize(
    ("key", "modifier", "text"),
    [
        (Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier, "p"),
        (Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"),
    ],
)
def test_printable_keys_are_hotkeys(
    view: ArticleView, qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier, text: str
) -> None:
    with qtbot.waitSignal(view.hotkeyPressed) as blocker:
        qtbot.keyClick(view, key, modifier)
    assert blocker.args == [text]


def test_shifted_letter_is_a_hotkey(view: ArticleView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.hotkeyPressed) as blocker:
        qtbot.keyClicks(view, "R")
    assert blocker.args == ["R"]


def test_ctrl_keys_are_not_hotkeys(view: ArticleView, qtbot: QtBot) -> None:
    pressed: list[str] = []
    view.hotkeyPressed.connect(pressed.append)
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert pressed == []
    assert view.selection_cp() == (0, len(TEXT))  # Ctrl+A still selects all


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_requested_only_with_a_selected_span(
    view: ArticleView, qtbot: QtBot, spans: dict[str, Span], key: Qt.Key
) -> None:
    requests: list[bool] = []
    view.deleteRequested.connect(lambda: requests.append(True))
    qtbot.keyClick(view, key)
    assert requests == []
    view.select_span(spans["per"].id)
    with qtbot.waitSignal(view.deleteRequested):
        qtbot.keyClick(view, key)
    assert view.spans()  # the view never deletes by itself


def test_escape_is_reported(view: ArticleView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.escapePressed):
        qtbot.keyClick(view, Qt.Key.Key_Escape)


def test_text_selection_clears_span_selection(
    view: ArticleView, qtbot: QtBot, spans: dict[str, Span]
) -> None:
    view.select_span(spans["per"].id)
    with qtbot.waitSignal(view.spanSelected) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == [""]
    assert view.selection_cp()[1] - view.selection_cp()[0] == 1


def test_add_update_remove_span_repaint(
    view: ArticleView, qtbot: QtBot, spans: dict[str, Span]
) -> None:
    new = find_span(DOC, "entity", "PER", "Pieter")
    view.add_span(new)
    assert new.id in {s.id for s in view.spans()}
    rect = view.span_geometry(new.id)[0].rect
    qtbot.waitUntil(lambda: _share(view, rect, "#e28e4c") > 0.3)
    view.update_span(new.with_label("ORG"))
    assert {s.id: s.label for s in view.spans()}[new.id] == "ORG"
    rect = view.span_geometry(new.id)[0].rect
    qtbot.waitUntil(lambda: _share(view, rect, "#4c9cc9") > 0.3)
    view.select_span(new.id)
    with qtbot.waitSignal(view.spanSelected) as blocker:
        view.remove_span(new.id)
    assert blocker.args == [""]
    assert view.span_geometry(new.id) == []
    assert new.id not in {s.id for s in view.spans()}
    # the span it was nested in is drawn again, in its full box
    per = view.span_geometry(spans["per"].id)[0]
    assert per.lane == 0


def test_font_size_grows_boxes(view: ArticleView, spans: dict[str, Span]) -> None:
    before = view.span_geometry(spans["per"].id)[0].rect
    view.set_font_point_size(view.font().pointSizeF() * 2)
    after = view.span_geometry(spans["per"].id)[0].rect
    assert after.width() > before.width() * 1.5 and after.height() > before.height() * 1.5
