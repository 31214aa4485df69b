"""Found by using the app: the span selection must stay on the span the user is working on.

Relabelling a span used to move the selection to the next span in the list (the span list
removed and re-inserted the row, and Qt moved its current row to the neighbour, which was echoed
back to the view), so the next Delete removed a span the user had not touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from tests.conftest import EMOJI_TEXT
from tests.gui.window.test_annotating import db_spans, select_by_keys


def _annotate(qtbot: QtBot, window: MainWindow, word: str, key: str) -> None:
    select_by_keys(qtbot, window, EMOJI_TEXT.find(word), len(word))
    qtbot.keyClick(window.view, key)


def test_relabel_keeps_the_span_selected_and_delete_removes_that_span(
    qtbot: QtBot, window: MainWindow, view: ArticleView, db_path: Path
) -> None:
    _annotate(qtbot, window, "there", "p")
    _annotate(qtbot, window, "Jakarta", "g")
    _annotate(qtbot, window, "café", "m")
    there = next(row[0] for row in db_spans(db_path) if row[4] == "there")

    view.select_span(there)
    qtbot.keyClick(view, "o")  # relabel PER -> ORG
    assert view.selected_span_id() == there
    inspected = window.inspector.inspector.span
    assert inspected is not None and inspected.id == there

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert sorted(row[4] for row in db_spans(db_path)) == ["Jakarta", "café"]


def test_delete_does_not_select_a_neighbour_for_the_next_delete(
    qtbot: QtBot, window: MainWindow, view: ArticleView, db_path: Path
) -> None:
    _annotate(qtbot, window, "there", "p")
    _annotate(qtbot, window, "Jakarta", "g")
    there = next(row[0] for row in db_spans(db_path) if row[4] == "there")

    view.select_span(there)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [row[4] for row in db_spans(db_path)] == ["Jakarta"]
    assert view.selected_span_id() is None
