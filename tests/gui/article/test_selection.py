"""Selecting text in the article view with keys and mouse gives code point offsets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from tests.helpers.article import find_span
from tests.helpers.user_input import SHIFT

TEXT = (
    "Hi 😀 there, Jakarta 👩🏽‍🎨 and e\u0301 café in القاهرة and 東京.\tTabbed 👋🏿 line\n"
    "Second line."
)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.set_document(TEXT, [], default_schema())
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


@pytest.mark.parametrize("word", ["there", "Jakarta", "and", "line", "東京", "Tabbed"])
def test_shift_right_selects_word_with_str_find_offsets(
    view: ArticleView, qtbot: QtBot, word: str
) -> None:
    start = TEXT.find(word)
    view.set_selection_cp(start, start)
    emitted: list[tuple[int, int]] = []
    view.selectionChangedCp.connect(lambda s, e: emitted.append((s, e)))
    for _ in word:
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selection_cp() == (start, start + len(word))
    assert emitted[-1] == (start, start + len(word))
    assert TEXT[slice(*emitted[-1])] == word


def test_shift_right_over_emoji_counts_one_code_point(view: ArticleView, qtbot: QtBot) -> None:
    start = TEXT.find("😀")
    view.set_selection_cp(start, start)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selection_cp() == (start, start + 1)


def test_ctrl_shift_right_selects_words_after_zwj_emoji(view: ArticleView, qtbot: QtBot) -> None:
    start = TEXT.find("and")  # right after 👩🏽‍🎨, a ZWJ sequence with a skin tone
    view.set_selection_cp(start, start)
    with qtbot.waitSignal(view.selectionChangedCp) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL_SHIFT)
    s, e = blocker.args
    assert (s, e) == view.selection_cp()
    assert s == start
    assert TEXT[s:e].strip() == "and"


def test_ctrl_shift_left_from_word_end(view: ArticleView, qtbot: QtBot) -> None:
    end = TEXT.find("there") + len("there")
    view.set_selection_cp(end, end)
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL_SHIFT)
    assert view.selection_cp() == (TEXT.find("there"), end)


def test_mouse_drag_selects_text_in_code_points(view: ArticleView, qtbot: QtBot) -> None:
    view.set_selection_cp(TEXT.find("Jakarta"), TEXT.find("Jakarta"))
    doc = Document(id="d", text=TEXT)
    marker = find_span(doc, "entity", "GPE", "Jakarta")
    view.add_span(marker)  # only to learn where the word is drawn
    rect = view.span_geometry(marker.id)[0].rect
    view.remove_span(marker.id)
    # without a span the line keeps no band for a tag: its glyphs sit where the caret is drawn
    y = view.cursorRect().center().y()
    left, right = QPoint(int(rect.left()) + 1, y), QPoint(int(rect.right()) - 1, y)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(viewport, QPoint(left.x() + 20, y))
    qtbot.mouseMove(viewport, right)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=right)
    start, end = view.selection_cp()
    assert start == TEXT.find("Jakarta")
    assert TEXT.find("Jakarta") < end <= TEXT.find("Jakarta") + len("Jakarta")
    assert view.selected_span_id() is None


def test_set_selection_cp_round_trips(view: ArticleView) -> None:
    start = TEXT.find("القاهرة")
    view.set_selection_cp(start, start + len("القاهرة"))
    assert view.selection_cp() == (start, start + len("القاهرة"))
    assert view.textCursor().selectedText() == "القاهرة"


def test_text_with_carriage_returns_is_refused(view: ArticleView) -> None:
    with pytest.raises(ValueError, match="Normalise"):
        view.set_document("a\r\nb", [], default_schema())
