"""Find in the open document (Ctrl+F) in the real window: offsets are code points."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.user_input import CTRL, SHIFT


def str_find_all(text: str, word: str) -> list[tuple[int, int]]:
    hits, start = [], text.find(word)
    while start >= 0:
        hits.append((start, start + len(word)))
        start = text.find(word, start + len(word))
    return hits


def marks(window: MainWindow) -> list[float]:
    return window.view.scroll_marks()


def test_ctrl_f_finds_words_after_emoji_with_code_point_offsets(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    bar = window.find_in_text.bar
    assert bar.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.edit.hasFocus()

    qtbot.keyClicks(bar.edit, "line")
    expected = str_find_all(EMOJI_TEXT, "line")
    assert len(expected) == 2 and expected[0][0] > EMOJI_TEXT.find("😀")
    assert bar.hits() == expected
    assert marks(window) == [start / len(EMOJI_TEXT) for start, _ in expected]
    # the current hit is the view's selection: a label key would annotate exactly it
    assert view.selection_cp() == expected[0]
    assert bar.count.text() == "1 of 2"

    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selection_cp() == expected[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)
    assert view.selection_cp() == expected[0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert view.selection_cp() == expected[1] and bar.count.text() == "2 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == "1 of 2"

    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden() and marks(window) == []
    assert view.hasFocus()
    qtbot.keyClick(view, "p")  # the hit stays selected: label it
    assert [(s.label, s.text) for s in view.spans()] == [("PER", "line")]


def test_options_regex_case_whole_word_and_prefill(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    bar = window.find_in_text.bar
    start = EMOJI_TEXT.find("café")
    view.set_selection_cp(start, start + 4)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert bar.edit.text() == "café"
    assert bar.hits() == [(start, start + 4)]

    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "LINE")
    assert len(bar.hits()) == 2
    qtbot.mouseClick(bar.case, Qt.MouseButton.LeftButton)
    assert bar.hits() == [] and bar.count.text() == "no results"
    qtbot.mouseClick(bar.case, Qt.MouseButton.LeftButton)

    bar.edit.clear()
    qtbot.mouseClick(bar.regex, Qt.MouseButton.LeftButton)
    bar.edit.setText("[東京]+")
    tokyo = EMOJI_TEXT.find("東京")
    assert bar.hits() == [(tokyo, tokyo + 2)]
    bar.edit.clear()
    bar.edit.setText("(")  # QTest cannot type "(" (qasciikey asserts)
    assert bar.count.text() == "invalid pattern" and marks(window) == []

    qtbot.mouseClick(bar.regex, Qt.MouseButton.LeftButton)
    bar.edit.clear()
    qtbot.mouseClick(bar.word, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.edit, "Tab")  # "Tabbed" is not the whole word
    assert bar.hits() == []


def test_find_follows_the_opened_document_and_f3_opens_the_bar(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace
) -> None:
    bar = window.find_in_text.bar
    qtbot.keyClick(view, Qt.Key.Key_F3)  # no query yet: F3 opens the bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "Rotterdam")
    assert bar.hits() == []
    workspace.open_document("second")
    text = workspace.repo.document("second").text
    assert bar.hits() == str_find_all(text, "Rotterdam")
    assert view.selection_cp() == bar.hits()[0]
