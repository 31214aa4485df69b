"""Nothing fails silently: one handler for every unexpected exception in the app.

``sys.excepthook`` receives exceptions raised in Qt slots, event handlers and paint code
(PySide6 hands them to it and carries on), ``threading.excepthook`` those of plain threads,
and the task runner reports the ones of background tasks through ``report``. Each is written
with its traceback to a rotating log in the user log folder and shown in one dialog (further
errors while it is open are only logged), on the GUI thread whichever thread failed.

A StoreError is not a bug but the store's one-line account of a project it could not read or
write (a server that cannot be reached again, a read-only open): one reaching a slot is logged
and shown in the window's status bar instead, once the slots of the failed action have run.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget

from annotator.gui.dialogs.crash_report import CrashReportDialog
from annotator.store.errors import StoreError

LOG_NAME = "annotator.log"
log = logging.getLogger("annotator")


def setup_logging(folder: Path) -> Path:
    """Log to ``folder/annotator.log``: 1 MB per file, the last five kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in log.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


@runtime_checkable
class _ProblemBar(Protocol):
    """The app's status bar (``gui.panels.status_bar``, which this module may not import)."""

    def problem(self, text: str) -> None: ...

    def kind(self) -> str: ...

    def message(self) -> str: ...


class CrashHandler(QObject):
    """Install with ``install()``; ``uninstall()`` puts the previous hooks back."""

    _reported = Signal(str, str)
    _store_failed = Signal(str, str)

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: CrashReportDialog | None = None
        self.window: QWidget | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self._reported.connect(self._show)
        self._store_failed.connect(self._show_store_failure, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        global _handler
        sys.excepthook, threading.excepthook = self._previous
        if _handler is self:
            _handler = None

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        where: str,
    ) -> None:
        """Log the exception with its traceback and show it (thread-safe)."""
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error in %s\n%s", where, details.rstrip())
        what = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
        self._reported.emit(f"{what} (in {where})", details)

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        if isinstance(exc, StoreError):
            log.warning("the project failed in the app: %s", exc)
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            self._store_failed.emit(str(exc), details)
            return
        self.report(exc_type, exc, tb, "the app")

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread else "a thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f"background thread {name}")

    def _show_store_failure(self, message: str, details: str) -> None:
        """In the status bar, unless it already says so (the action's own handler did)."""
        window = self.window or QApplication.activeWindow()
        bar = window.findChild(QStatusBar) if window is not None else None
        if not isinstance(bar, _ProblemBar):
            self._show(f"StoreError: {message} (in the app)", details)
            return
        if bar.kind() == "problem" and message in bar.message():
            return
        bar.problem(f"Not done: {message}")

    def _show(self, what: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time; the log has every one
        parent = self.window or QApplication.activeWindow()
        self.dialog = CrashReportDialog(what, details, self.log_path, parent)
        self.dialog.show()


_handler: CrashHandler | None = None


def install_crash_handler(log_path: Path, parent: QObject | None = None) -> CrashHandler:
    """The app's one handler; background tasks report to it through ``report_exception``."""
    global _handler
    if _handler is not None:
        _handler.uninstall()
    _handler = CrashHandler(log_path, parent)
    _handler.install()
    return _handler


def report_exception(exc: BaseException, where: str) -> None:
    """Report a caught unexpected exception (a background task's): to the handler if one is
    installed, else to the log and stderr."""
    if _handler is not None:
        _handler.report(type(exc), exc, exc.__traceback__, where)
    else:
        log.error("unexpected error in %s", where, exc_info=exc)
        traceback.print_exception(exc)


def log_qt_messages() -> None:
    """Qt's own warnings (a bad connection, a missing plugin) go to the log as well."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        log.log(levels.get(kind, logging.WARNING), "Qt: %s", message)

    qInstallMessageHandler(handler)
