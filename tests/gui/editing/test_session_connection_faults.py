"""The edit session on a server project whose connection drops: an edit that was not saved is
never announced as done (views refresh only from ``applied``) nor put on the undo stack, the
user reads why, and the next action works on a new connection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan
from annotator.core.model import Document, Span, make_span
from annotator.gui.editing.undo import EditSession
from annotator.gui.state import Workspace
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.writer import ValidatingWriter
from tests.helpers.connection_faults import acknowledged_then_lost, server_db, stored, terminate
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.postgres import PgServer

NOT_SAVED = (
    r"^PostgreSQL database t_\w+ on 127\.0\.0\.1:\d+ as postgres: the connection to the server "
    r"was lost \(.+\); nothing was saved$"
)
JAKARTA = EMOJI_TEXT.find("Jakarta")


@pytest.fixture
def server_session(pg_url: str, tmp_path: Path) -> Iterator[EditSession]:
    """The edit session of a window on a project on the test server, the emoji document open."""
    repo = Repository(open_db(pg_url))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="emoji", text=EMOJI_TEXT, title="Emoji test"))
        repo.add_document(Document(id="second", text="Second article about Rotterdam port."))
    # A file path names the project until the window takes a server location; nothing on
    # the edit path opens it.
    workspace = Workspace(repo, tmp_path / pg_url.rsplit("/", 1)[1], "tester")
    workspace.open_document("emoji")
    yield EditSession(workspace)
    repo.db.close()


def jakarta(session: EditSession) -> Span:
    doc = session.workspace.doc
    assert doc is not None
    return make_span(doc, "entity", "GPE", JAKARTA, JAKARTA + len("Jakarta"), "tester")


def lose_the_server_while_writing_spans(
    monkeypatch: pytest.MonkeyPatch, pg_server: PgServer, session: EditSession
) -> None:
    """The connection drops inside the next transactions that insert or delete a span."""
    db = server_db(session.repo)
    insert_span, delete_span = ValidatingWriter.insert_span, ValidatingWriter.delete_span

    def insert_then_lose(writer: ValidatingWriter, span: Span) -> None:
        insert_span(writer, span)
        terminate(pg_server, db)

    def delete_then_lose(writer: ValidatingWriter, span_id: str) -> None:
        delete_span(writer, span_id)
        terminate(pg_server, db)

    monkeypatch.setattr(ValidatingWriter, "insert_span", insert_then_lose)
    monkeypatch.setattr(ValidatingWriter, "delete_span", delete_then_lose)


def test_an_edit_whose_connection_dropped_is_reported_and_the_next_one_is_saved(
    qtbot: QtBot,
    server_session: EditSession,
    pg_server: PgServer,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = server_session
    applied: list[object] = []
    session.applied.connect(lambda *args: applied.append(args))
    with monkeypatch.context() as dropping:
        lose_the_server_while_writing_spans(dropping, pg_server, session)
        with qtbot.waitSignal(session.failed) as failed:
            assert session.perform(AddSpan(jakarta(session))) is None

    assert re.match(NOT_SAVED, failed.args[0]), failed.args[0]
    assert applied == [] and session.stack.count() == 0
    assert stored(pg_url) == ([], 0)

    span = jakarta(session)
    with qtbot.waitSignal(session.applied) as done:
        assert session.perform(AddSpan(span)) is not None
    assert done.args[2] == "Saved: added GPE “Jakarta”"
    assert session.stack.count() == 1
    assert stored(pg_url) == ([span.id], 1)


def test_an_edit_the_server_committed_as_the_connection_dropped_is_announced_once(
    qtbot: QtBot, server_session: EditSession, pg_server: PgServer, pg_url: str
) -> None:
    session = server_session
    span = jakarta(session)
    acknowledged_then_lost(pg_server, server_db(session.repo))
    with qtbot.waitSignal(session.applied) as done:
        assert session.perform(AddSpan(span)) is not None

    assert done.args[2] == "Saved: added GPE “Jakarta”"
    assert session.stack.count() == 1
    assert stored(pg_url) == ([span.id], 1)


def test_an_undo_whose_connection_dropped_keeps_the_span_and_the_step(
    qtbot: QtBot,
    server_session: EditSession,
    pg_server: PgServer,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = server_session
    span = jakarta(session)
    assert session.perform(AddSpan(span)) is not None
    stack = session.stack
    with monkeypatch.context() as dropping:
        lose_the_server_while_writing_spans(dropping, pg_server, session)
        with qtbot.waitSignal(session.failed) as failed:
            stack.undo()
        qtbot.waitUntil(lambda: stack.index() == 1)

    assert re.match(NOT_SAVED, failed.args[0]), failed.args[0]
    assert stored(pg_url)[0] == [span.id]
    assert stack.count() == 1 and stack.canUndo() and not stack.canRedo()

    with qtbot.waitSignal(session.applied) as undone:
        stack.undo()
    assert undone.args[2] == "Saved: undid added GPE “Jakarta”"
    assert stored(pg_url)[0] == []
    stack.redo()
    assert stored(pg_url)[0] == [span.id]


def test_a_redo_whose_connection_dropped_leaves_the_step_to_redo(
    qtbot: QtBot,
    server_session: EditSession,
    pg_server: PgServer,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = server_session
    span = jakarta(session)
    assert session.perform(AddSpan(span)) is not None
    stack = session.stack
    stack.undo()
    with monkeypatch.context() as dropping:
        lose_the_server_while_writing_spans(dropping, pg_server, session)
        with qtbot.waitSignal(session.failed):
            stack.redo()
        qtbot.waitUntil(lambda: stack.index() == 0)

    assert stored(pg_url)[0] == []
    assert stack.canRedo() and not stack.canUndo()
    stack.redo()
    assert stored(pg_url)[0] == [span.id]


def test_documents_and_their_list_read_after_a_dropped_connection(
    server_session: EditSession, pg_server: PgServer
) -> None:
    session = server_session
    assert session.perform(AddSpan(jakarta(session))) is not None
    db = server_db(session.repo)

    terminate(pg_server, db)
    assert [(row.id, row.span_count) for row in session.repo.documents()] == [
        ("emoji", 1),
        ("second", 0),
    ]
    terminate(pg_server, db)
    session.workspace.open_document("second")
    assert session.workspace.doc is not None
    assert session.workspace.doc.text == "Second article about Rotterdam port."
