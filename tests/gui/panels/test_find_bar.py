from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.gui.panels.find_bar import FindBar

# the offscreen platform warns when a top-level widget is shown; nothing to do with us

TEXT = "Hi 😀 Jakarta 👩🏽‍🎨 and jakarta; Jakartanya 😀 JAKARTA."


def occurrences(needle: str) -> list[tuple[int, int]]:
    out, at = [], TEXT.find(needle)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = TEXT.find(needle, at + 1)
    return out


def make_bar(qtbot) -> FindBar:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_text(TEXT)
    bar.show()
    return bar


def test_typing_finds_hits_in_code_points(qtbot) -> None:
    bar = make_bar(qtbot)
    with qtbot.waitSignal(bar.hitsChanged) as blocker:
        bar.edit.insert("😀")  # QTest cannot type non-ASCII keys; paste-like insert
    assert blocker.args == [occurrences("😀"), 0]
    assert bar.count.text() == "1 of 2"


def test_options_next_previous_and_wrap(qtbot) -> None:
    bar = make_bar(qtbot)
    qtbot.keyClicks(bar.edit, "jakarta")
    assert len(bar.hits()) == 4
    qtbot.mouseClick(bar.case, Qt.MouseButton.LeftButton)
    assert bar.hits() == occurrences("jakarta")
    qtbot.mouseClick(bar.case, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.word, Qt.MouseButton.LeftButton)
    assert [TEXT[s:e] for s, e in bar.hits()] == ["Jakarta", "jakarta", "JAKARTA"]
    with qtbot.waitSignal(bar.currentHitChanged) as blocker:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert blocker.args == list(occurrences("jakarta")[0])
    assert bar.current_index() == 1 and bar.count.text() == "2 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == 2  # wrapped to the last
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.current_index() == 0


def test_regex_and_invalid_regex(qtbot) -> None:
    bar = make_bar(qtbot)
    qtbot.mouseClick(bar.regex, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.case, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.edit, "[A-Z]{7}")
    assert bar.hits() == occurrences("JAKARTA")
    qtbot.keyClicks(bar.edit, "(")
    assert bar.hits() == [] and bar.count.text() == "invalid pattern"


def test_escape_closes_and_clears_hits(qtbot) -> None:
    bar = make_bar(qtbot)
    qtbot.keyClicks(bar.edit, "jakarta")
    with qtbot.waitSignals([bar.hitsChanged, bar.closed]):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
