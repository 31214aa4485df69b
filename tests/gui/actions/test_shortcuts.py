"""Shortcuts: shown in menus and tooltips, listed on F1, rebound in the dialog, persisted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.user_input import ALT, CTRL, SHIFT
from tests.helpers.window_fixtures import make_settings

NATIVE = QKeySequence.SequenceFormat.NativeText


def rebind(qtbot: QtBot, window: MainWindow, name: str, key: Qt.Key, mods) -> str:
    """Open Settings ▸ Keyboard Shortcuts with its key, click the action's cell, press keys."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL | ALT)
    dialog = window.tools.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    edit = dialog.edits[name]
    dialog.table.scrollTo(dialog.table.model().index(dialog.row_of(name), 1))
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit.focusWidget() or edit, key, mods)
    return dialog.message.text()


def test_actions_show_their_shortcut_in_the_tooltip_and_never_clash(window: MainWindow) -> None:
    entries = {e.name: e for e in window.shortcuts.entries()}
    for name in (
        "edit.find",
        "edit.annotate_all",
        "tools.corpus_search",
        "tools.preannotate_all",
        "tools.suggestion_accept",
        "document.mark_done_next",
        "document.next_unfinished",
        "tools.statistics",
        "help.keyboard_shortcuts",
        "settings.keyboard_shortcuts",
        "edit.undo",
        "document.status.done",
    ):
        action = entries[name].action
        keys = action.shortcut().toString(NATIVE)
        assert keys, name
        assert action.toolTip().endswith(f"({keys})") or f"({keys}," in action.toolTip()
        assert action.objectName() == name
    names = [e.name for e in entries.values()]
    assert len(names) == len(set(names))
    # no key is bound twice, or to a menu's Alt+letter, or to a key the text view needs
    assert window.shortcuts.clashes() == []


def test_rebinding_shows_on_f1_and_survives_a_new_window(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    workspace: Workspace,
    settings_path: Path,
    db_path: Path,
) -> None:
    said = rebind(qtbot, window, "edit.find", Qt.Key.Key_K, CTRL | SHIFT)
    assert said == "Edit ▸ Find is now Ctrl+Shift+K"
    find = window.shortcuts.entry("edit.find").action
    assert find.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert find.toolTip() == "Find in this document (Ctrl+Shift+K)"
    assert make_settings(settings_path).value("shortcuts/edit.find") == "Ctrl+Shift+K"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K, CTRL | SHIFT)  # the new key works
    assert window.find_in_text.bar.isVisible()
    qtbot.keyClick(window.find_in_text.bar.edit, Qt.Key.Key_Escape)

    qtbot.keyClick(view, Qt.Key.Key_F1)
    sheet = window.tools.cheat_sheet
    assert sheet is not None and sheet.isVisible()
    rows = sheet.rows()
    assert ("Edit", "Ctrl+Shift+K", "Find") in rows
    assert ("Labels (select text, press the key)", "p", "PER (entity)") in rows
    assert any(keys == "Tab / Shift+Tab" for _, keys, _ in rows)
    assert "Ctrl+Shift+K" in sheet.text() and "Ctrl+F\t" not in sheet.text()

    again = MainWindow(workspace.repo, db_path, "tester", make_settings(settings_path))
    qtbot.addWidget(again)
    assert again.shortcuts.entry("edit.find").action.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert again.shortcuts.entry("edit.find").default == (QKeySequence("Ctrl+F"),)


def test_conflicts_are_refused_with_the_reason_and_defaults_come_back(
    qtbot: QtBot, window: MainWindow, settings_path: Path
) -> None:
    said = rebind(qtbot, window, "edit.find", Qt.Key.Key_Z, CTRL)
    assert said == "Not changed: “Ctrl+Z” is already used by Edit ▸ Undo; change that one first"
    dialog = window.tools.shortcuts_dialog
    assert dialog is not None
    assert dialog.edits["edit.find"].keySequence() == QKeySequence("Ctrl+F")
    assert window.shortcuts.entry("edit.find").action.shortcut() == QKeySequence("Ctrl+F")

    said = rebind(qtbot, window, "edit.find", Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier)
    assert "label hotkey" in said and "PER" in said
    said = rebind(qtbot, window, "edit.find", Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert "reserved" in said and "Delete the selected span" in said

    said = rebind(qtbot, window, "tools.statistics", Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier)
    assert said.endswith("is now F9")
    qtbot.mouseClick(dialog.reset_all_button, Qt.MouseButton.LeftButton)
    stats = window.shortcuts.entry("tools.statistics").action
    assert stats.shortcut() == QKeySequence("Ctrl+Shift+T")
    assert make_settings(settings_path).value("shortcuts/tools.statistics") is None


def test_none_removes_a_shortcut_and_default_restores_it(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, settings_path: Path
) -> None:
    window.tools.show_shortcuts_dialog()
    dialog = window.tools.shortcuts_dialog
    assert dialog is not None
    dialog.clear("document.next_unfinished")
    action = window.shortcuts.entry("document.next_unfinished").action
    assert action.shortcut().isEmpty()
    assert make_settings(settings_path).value("shortcuts/document.next_unfinished") == ""
    again = MainWindow(workspace.repo, workspace.location, "t", make_settings(settings_path))
    qtbot.addWidget(again)
    assert again.shortcuts.entry("document.next_unfinished").action.shortcut().isEmpty()
    dialog.reset("document.next_unfinished")
    assert action.shortcut() == QKeySequence("Alt+N")


def test_the_dialog_lists_the_keys_the_text_handles_for_delete_and_relations(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL | ALT)
    dialog = window.tools.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()

    def default_of(name: str) -> str:
        item = dialog.table.item(dialog.row_of(name), dialog.DEFAULT)
        return item.text() if item is not None else ""

    assert default_of("edit.delete_span") == "Delete, Backspace in the text"
    assert default_of("edit.add_relation") == "R in the text"
    assert default_of("edit.find") == QKeySequence("Ctrl+F").toString(NATIVE)
    dialog.reject()
