"""Found by using the app: the span selection must stay on the span the user is working on.

Relabelling a span used to move the selection to the next span in the list (the span list
removed and re-inserted the row, and Qt moved its current row to the neighbour, which was echoed
back to the view), so the next Delete removed a span the user had not touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import select_by_keys


def _annotate(qtbot: QtBot, window: MainWindow, word: str, key: str) -> None:
    select_by_keys(qtbot, window, EMOJI_TEXT.find(word), len(word))
    qtbot.keyClick(window.view, key)


def test_relabel_keeps_the_span_selected_and_delete_removes_that_span(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    _annotate(qtbot, window, "there", "p")
    _annotate(qtbot, window, "Jakarta", "g")
    _annotate(qtbot, window, "café", "m")
    there = next(row[0] for row in saved.span_rows() if row[4] == "there")

    view.select_span(there)
    qtbot.keyClick(view, "o")  # relabel PER -> ORG
    assert view.selected_span_id() == there
    inspected = window.inspector.inspector.span
    assert inspected is not None and inspected.id == there

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert sorted(row[4] for row in saved.span_rows()) == ["Jakarta", "café"]


def test_delete_does_not_select_a_neighbour_for_the_next_delete(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    _annotate(qtbot, window, "there", "p")
    _annotate(qtbot, window, "Jakarta", "g")
    there = next(row[0] for row in saved.span_rows() if row[4] == "there")

    view.select_span(there)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [row[4] for row in saved.span_rows()] == ["Jakarta"]
    assert view.selected_span_id() is None
