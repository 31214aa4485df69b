"""Help ▸ About names the keys the user has, not the ones the app started with."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from annotator.config import log_dir
from annotator.gui.main_window import MainWindow


def test_about_shows_the_users_current_keys(window: MainWindow) -> None:
    assert window.shortcuts.assign("view.zoom_in", QKeySequence("Ctrl+Shift+K")) == ""
    assert window.shortcuts.assign("edit.redo", QKeySequence()) == ""
    window.actions_["help.about"].trigger()
    (box,) = window.findChildren(QMessageBox)
    assert box.isVisible()
    text = box.text()
    assert "<b>Ctrl+Shift+K</b>&nbsp;&nbsp;</td><td>Larger Text" in text
    assert "Ctrl+=" not in text
    assert "Redo" not in text  # no key: not listed
    assert "<b>Ctrl+Z</b>&nbsp;&nbsp;</td><td>Undo" in text
    assert "Tab / Shift+Tab" in text  # the text's own keys
    box.close()


def test_about_names_the_versions_and_the_log_folder(window: MainWindow) -> None:
    window.actions_["help.about"].trigger()
    (box,) = window.findChildren(QMessageBox)
    text = box.text()
    assert f"Qt (running): <code>{qVersion()}</code>" in text
    assert f"SQLite: <code>{sqlite3.sqlite_version}</code>" in text
    assert f"log folder: <code>{log_dir()}</code>" in text
    box.close()
