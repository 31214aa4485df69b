"""Moving between documents on a server project whose server went away: the status bar says
why, the open document stays open and listed as open, and nothing reaches the crash dialog."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.crash import CrashHandler
from annotator.gui.main_window import MainWindow
from tests.helpers.connection_faults import UNREACHABLE_REASON, cut_off, server_db
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.postgres import PgServer


@pytest.mark.qt_no_exception_capture
def test_a_document_that_cannot_be_read_is_not_opened_and_the_status_bar_says_why(
    qtbot: QtBot,
    server_window: MainWindow,
    server_crash_handler: CrashHandler,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server_window.workspace.repo.forget_document("second")
    cut_off(pg_server, server_db(server_window.workspace.repo), monkeypatch)
    qtbot.keyClick(server_window.doc_list, Qt.Key.Key_Down)
    status = server_window.status_bar
    qtbot.waitUntil(lambda: status.kind() == "problem")
    qtbot.wait(50)  # every failure of the action reported
    assert server_crash_handler.dialog is None
    assert re.match(r"^Not opened: " + UNREACHABLE_REASON, status.message())
    doc = server_window.workspace.doc
    assert doc is not None and doc.id == "emoji"
    assert server_window.view.toPlainText() == EMOJI_TEXT
    assert server_window.doc_list.currentIndex().data() == "Emoji test"


@pytest.mark.qt_no_exception_capture
def test_a_document_list_that_cannot_be_read_again_stays_and_the_status_bar_says_why(
    qtbot: QtBot,
    server_window: MainWindow,
    server_crash_handler: CrashHandler,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cut_off(pg_server, server_db(server_window.workspace.repo), monkeypatch)
    server_window.documents.reload_documents()
    status = server_window.status_bar
    qtbot.waitUntil(lambda: status.kind() == "problem")
    qtbot.wait(50)  # every failure of the action reported
    assert server_crash_handler.dialog is None
    assert re.match(r"^Document list not refreshed: " + UNREACHABLE_REASON, status.message())
    assert server_window.doc_model.document_ids() == ["emoji", "second"]
    assert server_window.view.toPlainText() == EMOJI_TEXT


@pytest.mark.qt_no_exception_capture
def test_after_the_list_could_not_be_read_again_a_key_in_it_still_moves_to_a_document(
    qtbot: QtBot,
    server_window: MainWindow,
    server_crash_handler: CrashHandler,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server_window.workspace.repo.forget_document("second")
    cut_off(pg_server, server_db(server_window.workspace.repo), monkeypatch)
    server_window.documents.reload_documents()
    status = server_window.status_bar
    qtbot.waitUntil(lambda: status.message().startswith("Document list not refreshed"))
    qtbot.keyClick(server_window.doc_list, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: status.message().startswith("Not opened"))
    assert re.match(r"^Not opened: " + UNREACHABLE_REASON, status.message())
    assert server_crash_handler.dialog is None
    assert server_window.doc_list.currentIndex().data() == "Emoji test"
