"""Nothing fails silently: an exception in a slot, in a background task or in a thread is
logged with its traceback and shown in one dialog, and the event loop keeps running."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from annotator.core.progress import CancelCheck, Progress
from annotator.gui.crash import CrashHandler, install_crash_handler, setup_logging
from annotator.gui.dialogs.crash_report import SAVED_TEXT
from annotator.gui.main_window import MainWindow
from annotator.store.errors import StoreError
from annotator.store.repository import Repository

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def handler(tmp_path: Path, qapp: object) -> Iterator[CrashHandler]:
    installed = install_crash_handler(setup_logging(tmp_path / "logs"))
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()


def shown(qtbot: QtBot, handler: CrashHandler) -> str:
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert handler.dialog is not None
    return handler.dialog.text()


def boom_in_a_slot() -> None:
    raise ValueError("the slot broke")


def test_an_exception_in_a_slot_is_logged_shown_and_the_event_loop_goes_on(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    QTimer.singleShot(0, boom_in_a_slot)
    assert shown(qtbot, handler) == "Unexpected error: ValueError: the slot broke (in the app)"
    dialog = handler.dialog
    assert dialog is not None
    assert SAVED_TEXT in dialog.informativeText()
    assert str(handler.log_path) in dialog.informativeText()
    log = handler.log_path.read_text(encoding="utf-8")
    assert "unexpected error in the app" in log
    assert 'in boom_in_a_slot\n    raise ValueError("the slot broke")' in log

    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True])  # the loop still runs

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert "ValueError: the slot broke" in dialog.details
    assert dialog.isVisible()  # copying keeps the report open


def failing_task(_repo: Repository, _progress: Progress, _cancel: CancelCheck) -> None:
    raise RuntimeError("the task broke")


def test_an_exception_in_a_background_task_is_logged_and_shown(
    qtbot: QtBot, handler: CrashHandler, window: MainWindow
) -> None:
    task = window.runner.start("Failing", failing_task)
    with qtbot.waitSignal(task.failed) as failed:
        pass
    assert failed.args == ["unexpected error: RuntimeError('the task broke')"]
    text = shown(qtbot, handler)
    assert text == "Unexpected error: RuntimeError: the task broke (in a background task)"
    log = handler.log_path.read_text(encoding="utf-8")
    assert 'in failing_task\n    raise RuntimeError("the task broke")' in log
    assert window.isVisible()


def test_an_exception_in_a_thread_is_logged_and_shown(qtbot: QtBot, handler: CrashHandler):
    def work() -> None:
        raise OSError("disk gone")

    thread = threading.Thread(target=work, name="exporter")
    thread.start()
    thread.join()
    text = shown(qtbot, handler)
    assert text == "Unexpected error: OSError: disk gone (in background thread exporter)"
    assert "OSError: disk gone" in handler.log_path.read_text(encoding="utf-8")


def test_a_second_error_while_the_report_is_open_is_logged_only(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    QTimer.singleShot(0, boom_in_a_slot)
    first = shown(qtbot, handler)
    dialog = handler.dialog
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: "ZeroDivisionError" in handler.log_path.read_text("utf-8"))
    assert handler.dialog is dialog and dialog is not None and dialog.text() == first


def test_a_store_error_in_a_slot_is_a_status_bar_message_not_a_crash_report(
    qtbot: QtBot, handler: CrashHandler, window: MainWindow
) -> None:
    handler.window = window

    def unreachable() -> None:
        raise StoreError("PostgreSQL database corpus on db:5432 as ana: cannot connect")

    QTimer.singleShot(0, unreachable)
    status = window.status_bar
    qtbot.waitUntil(lambda: status.kind() == "problem")
    assert (
        status.message() == "Not done: PostgreSQL database corpus on db:5432 as ana: cannot connect"
    )
    assert handler.dialog is None
    log = handler.log_path.read_text(encoding="utf-8")
    assert "the project failed in the app: PostgreSQL database corpus" in log


def test_a_store_error_without_a_window_is_still_shown(qtbot: QtBot, handler: CrashHandler) -> None:
    def unreachable() -> None:
        raise StoreError("corpus.db: the project was opened read-only; nothing was saved")

    QTimer.singleShot(0, unreachable)
    assert shown(qtbot, handler) == (
        "Unexpected error: StoreError: corpus.db: the project was opened read-only; nothing was "
        "saved (in the app)"
    )
