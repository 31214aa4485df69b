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
from annotator.gui.crash import install_crash_handler, log, log_qt_messages, setup_logging
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import APPLICATION, ORGANIZATION, user_settings
from annotator.store.errors import StoreError


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Annotator")
    return app


def create_window(
    db_path: Path, doc_id: str | None, annotator: str, settings: QSettings | None = None
) -> MainWindow:
    """Open the project and build the window; raises StoreError when the database is unusable."""
    from annotator.config import default_db_path
    from annotator.seed import ensure_project
    from annotator.store.db import network_filesystem, open_db
    from annotator.store.postgres.roles import connected_annotator
    from annotator.store.repository import Repository

    db = open_db(db_path)
    annotator = connected_annotator(db) or annotator  # a secured server project: the role's
    repo = Repository(db, viewer=annotator)
    ensure_project(repo, with_samples=_same_file(db_path, default_db_path()))
    window = MainWindow(repo, db_path, annotator, settings or user_settings())
    fs = network_filesystem(db_path)
    if fs:
        window.status_bar.warn(
            f"The database is on a network file system ({fs}); SQLite can corrupt files there. "
            "Keep it on a local disk."
        )
    window.documents.open_first_document(doc_id)
    window.history.reach_back()
    return window


def settle_after_startup() -> None:
    """Collect once, then freeze what start-up built (modules, Qt wrappers, the schema).

    Those objects live as long as the app; frozen, the cycle collector stops rescanning them
    on every collection, which took about 20 ms of opening a 50,000-span document.
    """
    gc.collect()
    gc.freeze()


def run_app(db_path: Path, doc_id: str | None, annotator: str) -> int:
    """Run the app until its window closes; returns the process exit status."""
    app = application()
    handler = install_crash_handler(setup_logging(log_dir()), app)
    log_qt_messages()
    try:
        window = create_window(db_path, doc_id, annotator)
    except StoreError as exc:
        QMessageBox.critical(None, "Cannot open the project", str(exc))
        return 1
    handler.window = window
    log.info("annotator %s opened %s", __version__, db_path)
    settle_after_startup()
    window.show()
    window.backups.after_open()
    code = app.exec()
    window.workspace.repo.db.close()
    return int(code)


def _same_file(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()
