"""Moving a selected span's edges with the keys: committed at once, one Ctrl+Z each,
validated like a new span."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL, SHIFT
from tests.helpers.window import add_span, point_of


def test_boundary_keys_move_start_and_end_and_each_undoes_alone(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    span = add_span(window, "GPE", "Jakarta")
    view.select_span(span.id)
    start = EMOJI_TEXT.find("Jakarta")

    qtbot.keyClick(view, Qt.Key.Key_Right, ALT | SHIFT)  # end one character right
    assert saved.span(span.id).text == "Jakarta "
    qtbot.keyClick(view, Qt.Key.Key_Left, ALT | SHIFT)
    assert saved.span(span.id).text == "Jakarta"
    qtbot.keyClick(view, Qt.Key.Key_Left, ALT | CTRL)  # start one word left: over ", "
    assert (saved.span(span.id).start, saved.span(span.id).text) == (
        EMOJI_TEXT.find("there"),
        "there, Jakarta",
    )
    assert window.status_bar.message() == "Saved: GPE now spans “there, Jakarta”"
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)  # start one character right
    assert saved.span(span.id).text == "here, Jakarta"
    assert view.selected_span_id() == span.id
    assert [s.text for s in view.spans()] == ["here, Jakarta"]

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.span(span.id).text == "there, Jakarta"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    moved = saved.span(span.id)
    assert (moved.start, moved.end, moved.text) == (start, start + 7, "Jakarta")
    assert [s.text for s in view.spans()] == ["Jakarta"]


def test_a_word_move_of_the_end_skips_punctuation_and_emoji(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    span = add_span(window, "PER", "there")
    view.select_span(span.id)
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT | SHIFT | CTRL)
    assert saved.span(span.id).text == "there, Jakarta"
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT | SHIFT | CTRL)  # over the emoji sequence
    assert saved.span(span.id).text == "there, Jakarta 👩🏽‍🎨 and"


def test_a_section_end_cannot_move_into_the_next_section(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    first = add_span(window, "HEADLINE", "Hi 😀 there,")
    add_span(window, "BODY", "Jakarta")
    view.select_span(first.id)
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT | SHIFT | CTRL)
    assert saved.span(first.id).text == "Hi 😀 there,"
    assert "section spans may not overlap" in window.status_bar.message()
    assert window.actions_["edit.undo"].text() == "&Undo add BODY “Jakarta”"


def test_moving_edges_without_a_selected_span_says_what_to_do(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT | SHIFT)
    assert window.status_bar.message() == (
        "Select a span (click it or press Tab), then move its edges"
    )
    assert saved.span_rows() == []


def test_dragging_the_end_edge_with_the_mouse_moves_it_in_one_undoable_edit(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    span = add_span(window, "GPE", "Jakarta")
    view.select_span(span.id)
    box = view.span_geometry(span.id)[-1].rect
    edge = QPoint(int(box.right()), int(box.center().y()))
    target = EMOJI_TEXT.find("and")  # drop just before "and": the emoji comes in
    drop = point_of(window, target) - QPoint(3, 0)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(view.viewport(), drop)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=drop)
    assert saved.span(span.id).text == "Jakarta 👩🏽‍🎨 "
    assert view.selected_span_id() == span.id
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.span(span.id).text == "Jakarta"


def test_a_press_away_from_the_edges_still_selects_text(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    span = add_span(window, "GPE", "Jakarta")
    view.select_span(span.id)
    start = point_of(window, EMOJI_TEXT.find("there"))
    end = point_of(window, EMOJI_TEXT.find("there") + 4)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert view.selection_cp()[0] == EMOJI_TEXT.find("there")
    assert saved.span(span.id).text == "Jakarta"
