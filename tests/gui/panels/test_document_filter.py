"""The document list filtered by a span label present and by annotator, kept in step with edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace


def choose(combo, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_span_label_and_annotator_filters_follow_edits(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace
) -> None:
    bar = window.doc_filter
    assert bar.visible_ids() == ["emoji", "second"]
    choose(bar.span_label, "GPE")
    assert bar.visible_ids() == []

    doc = workspace.doc
    assert doc is not None
    start = doc.text.index("Jakarta")
    view.set_selection_cp(start, start + len("Jakarta"))
    qtbot.keyClick(view, Qt.Key.Key_G)
    assert bar.visible_ids() == ["emoji"]

    choose(bar.annotator, "tester")
    assert bar.visible_ids() == ["emoji"]
    choose(bar.span_label, None)
    assert bar.visible_ids() == ["emoji"]

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bar.visible_ids() == []  # tester has no span left anywhere
    choose(bar.annotator, None)
    assert bar.visible_ids() == ["emoji", "second"]


def test_a_project_without_spans_offers_every_annotator_and_then_the_first_one(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace
) -> None:
    bar = window.doc_filter
    assert bar.annotator.currentText() == "Any annotator"
    doc = workspace.doc
    assert doc is not None
    view.set_selection_cp(0, 2)
    qtbot.keyClick(view, Qt.Key.Key_G)
    assert [bar.annotator.itemText(i) for i in range(bar.annotator.count())] == [
        "Any annotator",
        "tester",
    ]


def test_the_filters_show_their_whole_text_in_the_default_window(window: MainWindow) -> None:
    window.resize(1280, 800)
    bar = window.doc_filter
    for combo in (bar.status, bar.label, bar.order):
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            _options(combo),
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= room.width(), (
            combo.accessibleName()
        )


def _options(combo: QComboBox) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return option
