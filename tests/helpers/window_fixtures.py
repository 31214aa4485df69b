"""Fixtures for driving the real main window offscreen against a real project database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.store.repository import Repository


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "qsettings.ini"


def make_settings(path: Path) -> QSettings:
    """QSettings in a test's own INI file: nothing global, nothing in the user's config."""
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def window(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path, settings_path: Path
) -> Iterator[MainWindow]:
    other = Document(id="second", text="Second article about Rotterdam port.", title="Second")
    with repo.transaction():
        repo.add_document(other)
    win = MainWindow(repo, db_path, "tester", make_settings(settings_path))
    qtbot.addWidget(win)
    win.documents.open_first_document(emoji_doc.id)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    yield win
    win.runner.cancel_all()


@pytest.fixture
def view(window: MainWindow) -> ArticleView:
    """The open window's article view: the text the user selects, types keys into and sees."""
    return window.view


@pytest.fixture
def workspace(window: MainWindow) -> Workspace:
    """The open window's state: its project, schema, open document and annotator."""
    return window.workspace


@pytest.fixture
def session(window: MainWindow) -> EditSession:
    """The open window's edit session: edits performed here are committed and undoable."""
    return window.session
