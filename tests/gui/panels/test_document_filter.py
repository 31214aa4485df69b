"""The document list filtered by a span label present and by annotator, kept in step with edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.main_window import MainWindow


def choose(combo, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_span_label_and_annotator_filters_follow_edits(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.doc_filter
    assert bar.visible_ids() == ["emoji", "second"]
    choose(bar.span_label, "GPE")
    assert bar.visible_ids() == []

    start = window.workspace.doc.text.index("Jakarta")  # type: ignore[union-attr]
    window.view.set_selection_cp(start, start + len("Jakarta"))
    qtbot.keyClick(window.view, Qt.Key.Key_G)
    assert bar.visible_ids() == ["emoji"]

    choose(bar.annotator, "tester")
    assert bar.visible_ids() == ["emoji"]
    choose(bar.span_label, None)
    assert bar.visible_ids() == ["emoji"]

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bar.visible_ids() == []  # tester has no span left anywhere
    choose(bar.annotator, None)
    assert bar.visible_ids() == ["emoji", "second"]
