"""Fixtures for driving the real main window offscreen against a real project database: a
SQLite file (``window``) or a project on the test PostgreSQL server (``server_window``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.article.view import ArticleView
from annotator.gui.crash import CrashHandler, install_crash_handler, setup_logging
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.seed import ensure_project
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "qsettings.ini"


def make_settings(path: Path) -> QSettings:
    """QSettings in a test's own INI file: nothing global, nothing in the user's config."""
    return QSettings(str(path), QSettings.Format.IniFormat)


def _open_window(
    qtbot: QtBot, repo: Repository, location: Location, first: str, settings_path: Path
) -> MainWindow:
    """The window on ``repo`` with a second document added, ``first`` open, keys in the text."""
    other = Document(id="second", text="Second article about Rotterdam port.", title="Second")
    with repo.transaction():
        repo.add_document(other)
    win = MainWindow(repo, location, "tester", make_settings(settings_path))
    qtbot.addWidget(win)
    win.documents.open_first_document(first)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    return win


@pytest.fixture
def window(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path, settings_path: Path
) -> Iterator[MainWindow]:
    win = _open_window(qtbot, repo, db_path, emoji_doc.id, settings_path)
    yield win
    win.runner.cancel_all()


SERVER_PASSWORD = "pw-never-shown"
"""In the server window's connection string; the test server trusts every connection, so it
is accepted and ignored, and nothing the app shows or keeps may contain it."""


@pytest.fixture
def server_location(pg_url: str) -> str:
    """The test database's connection string, with a password in it."""
    return pg_url.replace("@", f":{SERVER_PASSWORD}@", 1)


@pytest.fixture
def server_window(qtbot: QtBot, server_location: str, settings_path: Path) -> Iterator[MainWindow]:
    """The window on a project on the test PostgreSQL server, the emoji document open."""
    repo = Repository(open_db(server_location))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="emoji", text=EMOJI_TEXT, title="Emoji test", lang="en"))
    win = _open_window(qtbot, repo, server_location, "emoji", settings_path)
    yield win
    win.runner.cancel_all()
    repo.db.close()


@pytest.fixture
def server_crash_handler(server_window: MainWindow, tmp_path: Path) -> Iterator[CrashHandler]:
    """The app's crash handler on the server window, as the running app has it (tests that
    take it let exceptions in slots reach it: ``qt_no_exception_capture``)."""
    handler = install_crash_handler(setup_logging(tmp_path / "logs"))
    handler.window = server_window
    yield handler
    handler.uninstall()
    handler.window = None
    if handler.dialog is not None:
        handler.dialog.close()


@pytest.fixture(autouse=True)
def _garbage_collected_before_each_gui_test(request: pytest.FixtureRequest) -> None:
    """Collect the garbage of the tests before a GUI test (closed windows, their controllers,
    psycopg connections) before it builds its window, then freeze what survives.

    Left to the collector's own moment, that garbage was collected in the middle of a later
    test, inside a Qt call building a window or resetting a model, and a Python object that
    pointed at a destroyed C++ one crashed the run there (a ``QSignalBlocker`` the document
    list kept, see ``gui/widgets/picking_table.py``). Collected here, between tests, such an
    object cannot meet a half-built window. Before the test rather than after it: until the test's
    protocol ends pytest still holds its fixtures, so its window is garbage only by the next
    test. ``gc.freeze`` keeps each collection to the objects made since the last one: a full
    collection of the session's heap (spaCy, Qt, the imports) cost about 0.4 s per GUI test,
    about half the GUI suite's time."""
    if request.node.get_closest_marker("gui") is not None:
        gc.collect()
        gc.freeze()


@pytest.fixture
def server_saved(pg_url: str) -> SavedProject:
    """The server project as another program reads it: each read on a connection of its own."""
    return SavedProject(pg_url)


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
