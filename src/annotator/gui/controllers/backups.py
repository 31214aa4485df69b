"""Automatic backups while the app runs, and File ▸ Backups… (list, back up now, restore).

Backups run in a background task (SQLite's backup API in steps, on the task's own
connection), so editing goes on while one is taken. Automatic ones: when the project opens
(``after_open``), and every ``BACKUP_MINUTES`` minutes in which something was edited.
A restore needs the project to itself: it closes the window's connection, lets
``store.backups.restore_backup`` take SQLite's exclusive lock (refused if another program has
the project open), then reopens the project and shows it anew; undo history is cleared, since
it describes edits of the replaced content.

Backups are of project files: on a project on a PostgreSQL server none is taken and
File ▸ Backups… is disabled, its tip saying that the server's own backups apply.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.config import backup_folder
from annotator.core.errors import AnnotatorError
from annotator.gui.dialogs.backups import BackupRow, BackupsDialog, size_text
from annotator.gui.editing.tasks import Task, TaskRunner
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.project_location import SERVER_BACKUPS
from annotator.gui.settings import BACKUP_MINUTES, read_int
from annotator.gui.state import Workspace
from annotator.store.backups import (
    BackupInfo,
    BackupPolicy,
    backup_contents,
    list_backups,
    restore_backup,
    take_backup,
)
from annotator.store.db import open_db
from annotator.store.errors import StoreError


class Backups(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        runner: TaskRunner,
        status: StatusBar,
        settings: QSettings,
        reload_documents: Callable[[], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.session = session
        self.runner = runner
        self.status = status
        self.reload_documents = reload_documents
        self.window = window
        self.policy = BackupPolicy()
        self.dialog: BackupsDialog | None = None
        self._edited = False
        self.applies = workspace.project_file is not None
        """Whether the project is a file this controller can back up."""
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, read_int(settings, BACKUP_MINUTES, 30)) * 60_000)
        self.timer.timeout.connect(self._periodic)
        if self.applies:
            self.timer.start()
        session.applied.connect(self._note_edit)

    @property
    def folder(self) -> Path:
        return backup_folder(self._file())

    def explain_unavailable(self, action: QAction) -> None:
        """Disable File ▸ Backups… on a server project, saying why in its tips."""
        if not self.applies:
            action.setEnabled(False)
            action.setToolTip(SERVER_BACKUPS)
            action.setStatusTip(SERVER_BACKUPS)

    def after_open(self) -> Task | None:
        """The backup taken when the app opens a project file (none on a server)."""
        return self.back_up("on-open", quiet=True) if self.applies else None

    def back_up(self, reason: str, quiet: bool = False) -> Task:
        db_path, folder, policy = self._file(), self.folder, self.policy
        task = self.runner.start(
            "Backing up",
            lambda _repo, progress, cancel: take_backup(
                db_path, folder, reason, policy, progress, cancel
            ),
            show_progress=not quiet,
        )
        task.succeeded.connect(self._backed_up)
        task.failed.connect(lambda message: self.status.problem(f"Backup failed: {message}"))
        return task

    def open_dialog(self) -> BackupsDialog:
        if self.dialog is None:
            self.dialog = BackupsDialog(self.window)
            self.dialog.backupRequested.connect(lambda: self.back_up("manual"))
            self.dialog.restoreRequested.connect(self.ask_restore)
        self.refresh_dialog()
        self.dialog.show()
        return self.dialog

    def refresh_dialog(self) -> None:
        if self.dialog is None:
            return
        rows = []
        for info in list_backups(self.folder):
            try:
                rows.append(BackupRow(info, backup_contents(info.path)))
            except StoreError:
                rows.append(BackupRow(info, None))
        self.dialog.show_backups(rows, self.folder, self.policy.max_bytes)

    def ask_restore(self, backup: Path) -> None:
        answer = QMessageBox.question(
            self.dialog or self.window,
            "Restore Backup",
            f"Replace the project's content with the backup {backup.name}?\n\n"
            "The current content is backed up first, so this can be reverted from this list.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(backup)

    def restore(self, backup: Path) -> BackupInfo | None:
        """Put ``backup`` in place of the project's content; returns the backup of what it
        replaced, or None when the restore was refused (the reason is shown)."""
        ws = self.workspace
        self.runner.cancel_all()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        ws.repo.db.close()
        try:
            replaced = restore_backup(self._file(), backup, self.folder, self.policy)
        except AnnotatorError as exc:
            replaced = None
            QMessageBox.warning(self.dialog or self.window, "Restore refused", str(exc))
        finally:
            ws.repo.db = open_db(ws.location)
            ws.repo.clear_cache()
            QApplication.restoreOverrideCursor()
        if replaced is None:
            return None
        self.session.stack.clear()
        ws.close_document()
        ws.reload_schema()
        self.reload_documents()
        self.refresh_dialog()
        self.status.info(
            f"Restored {backup.name}; the replaced content is kept as {replaced.path.name}"
        )
        return replaced

    def _file(self) -> Path:
        """The project file; a server project has none (its actions are disabled)."""
        path = self.workspace.project_file
        if path is None:
            raise StoreError(SERVER_BACKUPS)
        return path

    def _note_edit(self, *_args: object) -> None:
        self._edited = True

    def _periodic(self) -> None:
        if self._edited:
            self._edited = False
            self.back_up("auto", quiet=True)

    def _backed_up(self, info: object) -> None:
        if isinstance(info, BackupInfo):
            self.status.info(f"Backed up: {info.path.name} ({size_text(info.size)})")
        self.refresh_dialog()
