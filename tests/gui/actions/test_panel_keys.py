"""Found by using the app: Alt+1 … Alt+5 must take the keyboard to a panel, not hide it.

The keys used to be the docks' toggle actions: pressing Alt+1 "to get to the documents"
hid the document list, and a panel behind another tab stayed hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from tests.helpers.user_input import ALT


def test_alt_1_goes_to_the_document_list_and_back_to_the_text(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    assert window.doc_dock.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)
    assert window.doc_dock.isVisible()
    qtbot.waitUntil(window.doc_list.hasFocus)
    qtbot.keyClick(window.doc_list, Qt.Key.Key_1, ALT)
    assert window.doc_dock.isVisible()
    qtbot.waitUntil(view.hasFocus)


def test_alt_3_shows_a_closed_span_list_with_the_keyboard_in_it(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    window.span_dock.toggleViewAction().trigger()  # closed from the View menu
    assert window.span_dock.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_3, ALT)
    qtbot.waitUntil(window.span_list.isVisible)
    qtbot.waitUntil(window.span_list.hasFocus)


def test_alt_4_opens_a_hidden_corpus_search_with_the_query_focused(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    search = window.search
    assert search.dock.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_4, ALT)
    qtbot.waitUntil(search.widget.query.hasFocus)
    action = window.findChild(QAction, "view.go_to.corpus_search")
    assert action is not None and action.text() == "Go to Corpus Search"
    assert action.shortcut().toString() == "Alt+4"
    assert window.shortcuts.entry("view.go_to.corpus_search").current()
