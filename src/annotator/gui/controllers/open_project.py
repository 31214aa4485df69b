"""File ▸ Open Project…: another project in place of the window's.

A file opens at once. A server is reached off the GUI thread, since one that does not answer
holds the connection up to its connect timeout: a progress dialog's Cancel stops waiting
(the late connection is closed when it comes). Once the project is open, ``opened`` carries
it; the app builds the new window and closes this one (``gui.app``). A failure is shown,
naming the file or the server, and this window stays as it was.

The server projects opened are remembered (newest first) without their passwords.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.crash import report_exception
from annotator.gui.dialogs.open_project import OpenProjectDialog
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.project_location import without_password
from annotator.gui.settings import IMPORT_DIR, RECENT_SERVER_PROJECTS, read_str
from annotator.store.backend import ProjectDb, is_server_location
from annotator.store.db import open_db

RECENT_LIMIT = 10


class ProjectConnector(QThread):
    """Opens one project off the GUI thread; exactly one of ``connected`` / ``failed``."""

    connected = Signal(object, object)
    """This connector and the opened database."""
    failed = Signal(object, str)
    """This connector and why the project did not open."""

    def __init__(self, location: str, parent: QObject) -> None:
        super().__init__(parent)
        self.location = location
        self.abandoned = False
        """Set when the user stopped waiting: a late connection is closed, not used."""

    def run(self) -> None:
        try:
            db = open_db(self.location)
        except AnnotatorError as exc:
            self.failed.emit(self, str(exc))
        except Exception as exc:  # a bug must reach the user, not die silently in a thread
            report_exception(exc, "opening a project")
            self.failed.emit(self, f"unexpected error: {exc!r}")
        else:
            self.connected.emit(self, db)


def recent_servers(settings: QSettings) -> list[str]:
    """The server projects opened before, newest first (never with a password)."""
    try:
        saved = json.loads(read_str(settings, RECENT_SERVER_PROJECTS, "[]"))
    except ValueError:
        return []
    if not isinstance(saved, list):
        return []
    return [without_password(item) for item in saved if isinstance(item, str) and item]


def remember_server(settings: QSettings, location: str) -> None:
    kept = without_password(location)
    recent = [kept, *(item for item in recent_servers(settings) if item != kept)]
    settings.setValue(RECENT_SERVER_PROJECTS, json.dumps(recent[:RECENT_LIMIT]))


class OpenProject(QObject):
    opened = Signal(object, object)
    """The opened project's database and its location (a path, or a connection string)."""

    def __init__(self, status: StatusBar, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self.status = status
        self.settings = settings
        self.window = window
        self.dialog: OpenProjectDialog | None = None
        self.waiting: QProgressDialog | None = None
        self.error_box: QMessageBox | None = None
        self._connector: ProjectConnector | None = None
        window.installEventFilter(self)

    def choose(self) -> OpenProjectDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        start = read_str(self.settings, IMPORT_DIR, str(Path.home()))
        self.dialog = OpenProjectDialog(recent_servers(self.settings), start, self.window)
        self.dialog.locationChosen.connect(self.open_location)
        self.dialog.open()
        return self.dialog

    def open_location(self, location: str) -> None:
        """Open ``location``: a file here and now, a server off the GUI thread."""
        if not is_server_location(location):
            try:
                db = open_db(Path(location))
            except AnnotatorError as exc:
                self.show_failure(str(exc))
                return
            self.opened.emit(db, Path(location))
            return
        shown = without_password(location)
        connector = ProjectConnector(location, self)
        connector.connected.connect(self._connected)
        connector.failed.connect(self._failed)
        connector.finished.connect(connector.deleteLater)
        self._connector = connector
        self.waiting = QProgressDialog(f"Connecting to {shown}…", "Cancel", 0, 0, self.window)
        self.waiting.setWindowTitle("Open Project")
        self.waiting.setWindowModality(Qt.WindowModality.WindowModal)
        self.waiting.setMinimumDuration(300)
        self.waiting.setAutoClose(False)
        self.waiting.setAutoReset(False)
        self.waiting.canceled.connect(lambda: self._stop_waiting(connector, shown))
        self.waiting.setValue(0)  # starts the clock: shown if the server takes 300 ms
        self.status.info(f"Connecting to {shown}…")
        connector.start()

    def is_connecting(self) -> bool:
        return self._connector is not None

    def show_failure(self, message: str) -> None:
        """Say why the project did not open; the window keeps its own project."""
        self.status.problem(f"Cannot open the project: {message}")
        if self.error_box is not None:
            self.error_box.deleteLater()
        self.error_box = QMessageBox(
            QMessageBox.Icon.Warning, "Cannot open the project", message, parent=self.window
        )
        self.error_box.open()

    def _connected(self, connector: ProjectConnector, db: ProjectDb) -> None:
        if connector.abandoned:
            db.close()
            return
        self._done_waiting()
        remember_server(self.settings, connector.location)
        self.opened.emit(db, connector.location)

    def _failed(self, connector: ProjectConnector, message: str) -> None:
        if connector.abandoned:
            return
        self._done_waiting()
        self.show_failure(message)

    def _stop_waiting(self, connector: ProjectConnector, shown: str) -> None:
        connector.abandoned = True
        self._done_waiting()
        self.status.info(f"Stopped waiting for {shown}; this project stays open")

    def _done_waiting(self) -> None:
        self._connector = None
        if self.waiting is not None:
            waiting, self.waiting = self.waiting, None
            waiting.blockSignals(True)  # closing it must not read as Cancel
            waiting.close()
            waiting.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window waits for a connection under way (libpq's timeout bounds it),
        so no thread outlives its window."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            for connector in self.findChildren(ProjectConnector):
                connector.abandoned = True
                connector.wait()
        return False
