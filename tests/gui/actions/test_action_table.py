"""The action table: explicit stable ids, menus in declared order, keys kept across renames."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from annotator.gui.actions import table
from annotator.gui.actions.table import ACTIONS, FORMER_IDS, MENUS, plain
from annotator.gui.controllers.text_size import DEFAULT_FONT_SIZE
from annotator.gui.main_window import MainWindow
from annotator.store.repository import Repository
from tests.helpers.user_input import CTRL, SHIFT
from tests.helpers.window_fixtures import make_settings

ID = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


def menu_items(menu: QMenu) -> list[str]:
    """A menu as the user reads it: action texts, "-" for a line, "<title>" for a submenu."""
    items: list[str] = []
    for action in menu.actions():
        sub = action.menu()
        if action.isSeparator():
            items.append("-")
        elif isinstance(sub, QMenu):
            items.append(f"<{plain(sub.title())}>")
        else:
            items.append(plain(action.text()))
    return items


def top_menus(window: MainWindow) -> dict[str, QMenu]:
    found: dict[str, QMenu] = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        found[plain(menu.title())] = menu
    return found


def open_window(qtbot: QtBot, repo: Repository, db_path: Path, settings_path: Path) -> MainWindow:
    window = MainWindow(repo, db_path, "tester", make_settings(settings_path))
    qtbot.addWidget(window)
    window.documents.open_first_document()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    return window


def test_every_window_action_has_its_explicit_table_id_and_a_handler(
    window: MainWindow,
) -> None:
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))
    assert all(ID.match(action_id) for action_id in ids)
    # Every action in the menus and on the window is a table action, named by its id.
    in_menus: list[QAction] = []
    pending = list(top_menus(window).values())
    while pending:
        menu = pending.pop()
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                pending.append(sub)
            elif not action.isSeparator():
                in_menus.append(action)
    on_window = [a for a in window.actions() if a.text() and not a.isSeparator()]
    assert {a.objectName() for a in in_menus} == set(ids)
    assert {a.objectName() for a in on_window} == set(ids)
    assert {e.name for e in window.shortcuts.entries()} == set(ids)
    assert window.actions_.unbound() == []
    # Former names lead to ids that exist and are never ids themselves.
    assert set(FORMER_IDS.values()) <= set(ids)
    assert not set(FORMER_IDS) & set(ids)


def test_menus_appear_in_the_tables_order(window: MainWindow) -> None:
    menus = top_menus(window)
    assert list(menus) == [plain(m.title) for m in MENUS if not m.parent]
    assert menu_items(menus["View"]) == [
        "Larger Text",
        "Smaller Text",
        "Reset Text Size",
        "Focus Mode",
        "Label Tags",
        "<Show>",
        "-",
        "Documents",
        "Labels",
        "Spans",
        "Inspector",
        "Document",
        "Corpus Search",
        "Suggestions",
        "History",
        "Compare Annotators",
        "-",
        "Inspect Selected Span",
        "Edit Document Labels and Note",
        "-",
        "Go to Documents",
        "Go to Labels",
        "Go to Spans",
        "Go to Corpus Search",
        "Go to Suggestions",
    ]
    assert menu_items(menus["Document"]) == [
        "Next Document",
        "Previous Document",
        "-",
        "<Status>",
        "-",
        "Next Unfinished",
        "Previous Unfinished",
        "Mark Done and Next",
    ]
    assert menu_items(menus["Help"]) == ["Keyboard Shortcuts", "-", "About Annotator", "About Qt"]


def test_an_items_order_in_the_table_decides_its_place(
    qtbot: QtBot,
    repo: Repository,
    db_path: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reordered = tuple(
        dataclasses.replace(spec, order=-1) if spec.id == "edit.find_previous" else spec
        for spec in ACTIONS
    )
    monkeypatch.setattr(table, "ACTIONS", reordered)
    window = open_window(qtbot, repo, db_path, settings_path)
    edit = menu_items(top_menus(window)["Edit"])
    assert edit[edit.index("-", edit.index("Snap to Words")) + 1 :] == [
        "Find Previous",
        "Find",
        "Find Next",
        "Annotate All Occurrences",
    ]


def test_renaming_an_action_keeps_the_users_rebound_key(
    qtbot: QtBot,
    window: MainWindow,
    repo: Repository,
    db_path: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.shortcuts.assign("view.zoom_in", QKeySequence("Ctrl+Shift+K")) == ""
    window.close()
    renamed = tuple(
        dataclasses.replace(spec, text="&Bigger Text") if spec.id == "view.zoom_in" else spec
        for spec in ACTIONS
    )
    monkeypatch.setattr(table, "ACTIONS", renamed)

    again = open_window(qtbot, repo, db_path, settings_path)
    bigger = again.actions_["view.zoom_in"]
    assert bigger.text() == "&Bigger Text"
    assert bigger.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert "Bigger Text" in menu_items(top_menus(again)["View"])
    qtbot.keyClick(again.view, Qt.Key.Key_K, CTRL | SHIFT)
    assert again.view.font().pointSizeF() == DEFAULT_FONT_SIZE + 1


def test_keys_saved_under_former_names_move_to_the_ids_once(
    qtbot: QtBot, repo: Repository, db_path: Path, settings_path: Path
) -> None:
    old = make_settings(settings_path)  # as the registry wrote them before ids were explicit
    old.setValue("shortcuts/view.larger_text", "Ctrl+Shift+K")
    old.setValue("shortcuts/document.status.to_do", "")
    old.setValue("shortcuts/help.about_annotator", "Ctrl+Shift+H")
    old.setValue("shortcuts/edit.find", "Ctrl+Shift+J")  # its id is its former name
    old.sync()

    window = open_window(qtbot, repo, db_path, settings_path)
    entry = window.shortcuts.entry
    assert entry("view.zoom_in").current() == [QKeySequence("Ctrl+Shift+K")]
    assert entry("document.status.todo").current() == []
    assert entry("help.about").current() == [QKeySequence("Ctrl+Shift+H")]
    assert entry("edit.find").current() == [QKeySequence("Ctrl+Shift+J")]
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL | SHIFT)
    assert window.view.font().pointSizeF() == DEFAULT_FONT_SIZE + 1

    saved = make_settings(settings_path)
    assert saved.value("shortcuts/view.zoom_in") == "Ctrl+Shift+K"
    assert saved.value("shortcuts/document.status.todo") == ""
    assert not saved.contains("shortcuts/view.larger_text")
    assert not saved.contains("shortcuts/document.status.to_do")
    window.close()

    # Once: a later rebinding under the id is not undone by the next start.
    saved.setValue("shortcuts/view.zoom_in", "Ctrl+Shift+M")
    saved.sync()
    again = open_window(qtbot, repo, db_path, settings_path)
    assert again.shortcuts.entry("view.zoom_in").current() == [QKeySequence("Ctrl+Shift+M")]


def test_a_binding_saved_under_the_id_wins_over_one_under_the_former_name(
    qtbot: QtBot, repo: Repository, db_path: Path, settings_path: Path
) -> None:
    both = make_settings(settings_path)
    both.setValue("shortcuts/view.larger_text", "Ctrl+Shift+K")
    both.setValue("shortcuts/view.zoom_in", "Ctrl+Shift+M")
    both.sync()
    window = open_window(qtbot, repo, db_path, settings_path)
    assert window.shortcuts.entry("view.zoom_in").current() == [QKeySequence("Ctrl+Shift+M")]
    assert not make_settings(settings_path).contains("shortcuts/view.larger_text")
