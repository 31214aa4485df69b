"""Adding actions to the window's menus from feature modules, without editing ``menus.py``.

Each feature module creates its actions here with a stable ``objectName`` (the key under
which a rebound shortcut is stored) and puts them into a menu found by its title, or into a
new menu placed before Help.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


def plain(text: str) -> str:
    """A menu text without mnemonics and ellipsis: "&Find…" -> "Find"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def menu(window: QMainWindow, title: str) -> QMenu:
    """The menu-bar menu called ``title`` ("&Tools"); created before Help if missing."""
    bar = window.menuBar()
    help_action = None
    for action in bar.actions():
        found = action.menu()
        if isinstance(found, QMenu) and plain(found.title()) == plain(title):
            return found
        if isinstance(found, QMenu) and plain(found.title()) == "Help":
            help_action = action
    created = QMenu(title, bar)
    if help_action is not None:
        bar.insertMenu(help_action, created)
    else:
        bar.addMenu(created)
    return created


def add_action(
    window: QMainWindow,
    target: QMenu | None,
    name: str,
    text: str,
    keys: Sequence[str] = (),
    tip: str = "",
    slot: Callable[[], object] | None = None,
) -> QAction:
    """A window-wide action named ``name`` with default ``keys``, appended to ``target``."""
    action = QAction(text, window)
    action.setObjectName(name)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # works with the menu bar hidden and while menus are closed
    if target is not None:
        target.addAction(action)
    return action


def present(dialog: QWidget) -> None:
    """Show a non-modal dialog, or bring it to the front when it is already open."""
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
