"""The edit session is the one entrance for changes: edits, refusals and schema changes."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan, Changes
from annotator.core.model import Document, make_span
from annotator.core.operations.refusal import Refusal
from annotator.gui.editing.undo import EditSession
from annotator.gui.state import Workspace
from annotator.store.repository import Repository


def _session(repo: Repository, db_path: Path) -> EditSession:
    return EditSession(Workspace(repo, db_path, "tester"))


def test_a_refusal_is_reported_and_nothing_is_written(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    session = _session(repo, db_path)
    applied: list[object] = []
    session.applied.connect(lambda *args: applied.append(args))
    with qtbot.waitSignal(session.refused) as refused:
        assert session.perform(Refusal("Select some text first")) is None
    assert refused.args == ["Select some text first"]
    assert applied == [] and session.stack.count() == 0
    assert repo.spans(emoji_doc.id) == []


def test_an_edit_is_committed_announced_and_undoable(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    session = _session(repo, db_path)
    span = make_span(emoji_doc, "entity", "GPE", 12, 19, "tester")
    with qtbot.waitSignal(session.applied) as applied:
        changes = session.perform(AddSpan(span))
    assert changes is not None and span.id in changes.span_ids
    assert applied.args[1] == changes and applied.args[2].startswith("Saved: added GPE")
    assert [s.id for s in repo.spans(emoji_doc.id)] == [span.id]
    session.stack.undo()
    assert repo.spans(emoji_doc.id) == []


def test_a_schema_change_is_announced_through_the_same_signal(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    session = _session(repo, db_path)
    session.perform(AddSpan(make_span(emoji_doc, "entity", "GPE", 12, 19, "tester")))
    with qtbot.waitSignal(session.applied) as applied:
        session.schema_changed("Saved: schema changed", annotations_changed=False)
    assert applied.args == [None, Changes(schema=True), "Saved: schema changed"]
    assert session.stack.count() == 1  # nothing it names is gone: undo stays
    with qtbot.waitSignal(session.applied) as applied:
        session.schema_changed("Saved: schema changed", annotations_changed=True)
    assert applied.args[1] == Changes(doc_ids=frozenset({"emoji"}), schema=True)
    assert session.stack.count() == 0  # its steps may name labels that are gone
