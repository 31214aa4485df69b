"""Start-up: the QApplication, the project database, the main window.

Problems a user can fix (not a database, read-only, newer version) are said up front in a
message box instead of surfacing at the first click.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.config import log_dir
from annotator.core.errors import AnnotatorError
from annotator.gui.crash import (
    CrashHandler,
    install_crash_handler,
    log,
    log_qt_messages,
    setup_logging,
)
from annotator.gui.main_window import MainWindow
from annotator.gui.memory import map_big_blocks_apart
from annotator.gui.project_location import without_password
from annotator.gui.settings import APPLICATION, ORGANIZATION, user_settings
from annotator.store.backend import Location, ProjectDb, is_server_location
from annotator.store.errors import StoreError

_crash_handler: CrashHandler | None = None
"""The running app's handler: it names the window a crash dialog belongs to."""


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        map_big_blocks_apart()
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Annotator")
    return app


def create_window(
    location: Location, doc_id: str | None, annotator: str, settings: QSettings | None = None
) -> MainWindow:
    """Open the project and build the window; raises StoreError when the database is unusable
    or the server cannot be reached."""
    from annotator.store.db import open_db

    return window_on(open_db(location), location, doc_id, annotator, settings)


def window_on(
    db: ProjectDb,
    location: Location,
    doc_id: str | None,
    annotator: str,
    settings: QSettings | None = None,
) -> MainWindow:
    """The window on an opened project (its File ▸ Open Project… replaces it by another);
    closes ``db`` and raises when the project cannot be prepared."""
    from annotator.config import default_db_path
    from annotator.seed import ensure_project
    from annotator.store.db import network_filesystem
    from annotator.store.postgres.roles import connected_annotator
    from annotator.store.repository import Repository

    server = is_server_location(location)
    annotator = connected_annotator(db) or annotator  # a secured server project: the role's
    repo = Repository(db, viewer=annotator)
    try:
        ensure_project(repo, with_samples=not server and _same_file(location, default_db_path()))
    except AnnotatorError:
        db.close()
        raise
    window = MainWindow(repo, location, annotator, settings or user_settings())
    fs = None if server else network_filesystem(Path(location))
    if fs:
        window.status_bar.warn(
            f"The database is on a network file system ({fs}); SQLite can corrupt files there. "
            "Keep it on a local disk."
        )
    window.documents.open_first_document(doc_id)
    window.history.reach_back()
    window.open_project.opened.connect(lambda opened, where: _replace_window(window, opened, where))
    return window


def _replace_window(old: MainWindow, db: ProjectDb, location: Location) -> MainWindow | None:
    """Show the project ``db`` in a new window, then close ``old``; if the new project cannot
    be prepared, ``old`` stays and says why."""
    try:
        window = window_on(db, location, None, old.workspace.annotator, old.settings)
    except AnnotatorError as exc:
        old.open_project.show_failure(str(exc))
        return None
    if _crash_handler is not None:
        _crash_handler.window = window
    window.show()
    window.backups.after_open()
    log.info("opened %s", without_password(str(location)))
    old.close()
    old.workspace.repo.db.close()
    old.deleteLater()
    return window


def settle_after_startup() -> None:
    """Collect once, then freeze what start-up built (modules, Qt wrappers, the schema).

    Those objects live as long as the app; frozen, the cycle collector stops rescanning them
    on every collection, which took about 20 ms of opening a 50,000-span document.
    """
    gc.collect()
    gc.freeze()


def run_app(location: Location, doc_id: str | None, annotator: str) -> int:
    """Run the app until its last window closes; returns the process exit status."""
    global _crash_handler
    app = application()
    _crash_handler = install_crash_handler(setup_logging(log_dir()), app)
    log_qt_messages()
    try:
        window = create_window(location, doc_id, annotator)
    except StoreError as exc:
        QMessageBox.critical(None, "Cannot open the project", str(exc))
        return 1
    _crash_handler.window = window
    log.info("annotator %s opened %s", __version__, without_password(str(location)))
    settle_after_startup()
    window.show()
    window.backups.after_open()
    code = app.exec()
    for remaining in app.topLevelWidgets():
        if isinstance(remaining, MainWindow):
            remaining.workspace.repo.db.close()
    return int(code)


def _same_file(a: Location, b: Path) -> bool:
    return Path(a).expanduser().resolve() == b.expanduser().resolve()
