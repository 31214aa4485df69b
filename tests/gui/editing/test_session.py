"""The edit session is the one entrance for changes: edits, refusals and schema changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan, Changes, RemoveSpan
from annotator.core.model import Document, make_span
from annotator.core.operations.refusal import Refusal
from annotator.core.team import GOLD
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.store.repository import Repository
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.other_writer import articles_file, import_running, write_lock_held
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, select_by_keys


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


def test_an_edit_of_another_annotators_span_is_refused_and_nothing_is_written(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    session = _session(repo, db_path)
    theirs = make_span(emoji_doc, "entity", "GPE", 12, 19, "budi")
    repo.apply(AddSpan(theirs), "budi")
    with qtbot.waitSignal(session.refused) as refused:
        assert session.perform(RemoveSpan(theirs)) is None
    assert refused.args == ["This span is budi's: GPE “Jakarta” can be changed only by budi"]
    assert repo.spans(emoji_doc.id) == [theirs] and session.stack.count() == 0


def test_an_edit_made_for_another_owner_is_checked_against_that_owner_on_undo_too(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    session = _session(repo, db_path)
    gold = make_span(emoji_doc, "entity", "GPE", 12, 19, GOLD)
    assert session.perform(AddSpan(gold), owner=GOLD) is not None
    assert [(s.annotator, s.label) for s in repo.spans(emoji_doc.id)] == [(GOLD, "GPE")]
    assert repo.edit_log(emoji_doc.id)[0].annotator == "tester"  # who did it
    session.stack.undo()
    assert repo.spans(emoji_doc.id) == []
    session.stack.redo()
    assert [s.id for s in repo.spans(emoji_doc.id)] == [gold.id]
    assert session.perform(RemoveSpan(gold)) is None  # not the annotator's own


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


def test_an_edit_made_while_an_import_runs_waits_for_it_and_is_saved(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path, tmp_path: Path
) -> None:
    session = _session(repo, db_path)
    # The import holds the lock about a second here; a loaded test machine may need longer
    # than the app's five seconds. A deferred transaction would fail at once whatever this is.
    repo.db.execute("PRAGMA busy_timeout=60000")
    span = make_span(emoji_doc, "entity", "GPE", 12, 19, "tester")
    source = articles_file(tmp_path / "articles.jsonl", 600)
    with import_running(db_path, source) as child:
        with qtbot.waitSignal(session.applied) as applied:
            assert session.perform(AddSpan(span)) is not None
        assert child.poll() is None or child.returncode == 0
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    assert applied.args[2] == "Saved: added GPE “Jakarta”"
    saved = SavedProject(db_path)
    assert saved.span_rows() == [(span.id, "GPE", 12, 19, "Jakarta")]
    assert len(saved.document_ids()) == 601


def test_an_edit_that_cannot_get_the_write_lock_is_reported_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, db_path: Path, saved: SavedProject
) -> None:
    window.workspace.repo.db.execute("PRAGMA busy_timeout=100")
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, window, start, len("Jakarta"))
    with write_lock_held(db_path):
        qtbot.keyClick(window.view, "g")
        assert window.status_bar.message() == (
            f"Not saved: {db_path}: another program (an import or schema change?) is writing "
            "to the project; nothing was saved, try again when it has finished"
        )
        assert window.status_bar.kind() == "problem"
    assert saved.span_rows() == []
    assert window.session.stack.count() == 0
    assert window.view.selection_cp() == (start, start + len("Jakarta"))
    qtbot.keyClick(window.view, "g")
    assert [row[1:] for row in saved.span_rows()] == [("GPE", start, start + 7, "Jakarta")]


def test_an_undo_that_cannot_get_the_write_lock_keeps_the_span_and_the_step(
    qtbot: QtBot, window: MainWindow, db_path: Path, saved: SavedProject
) -> None:
    window.workspace.repo.db.execute("PRAGMA busy_timeout=100")
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, window, start, len("Jakarta"))
    qtbot.keyClick(window.view, "g")
    stack = window.session.stack
    with write_lock_held(db_path):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
        qtbot.waitUntil(lambda: stack.index() == 1)
        assert window.status_bar.message().startswith(
            f"Not saved: {db_path}: another program (an import or schema change?) is writing"
        )
    assert [row[1:] for row in saved.span_rows()] == [("GPE", start, start + 7, "Jakarta")]
    assert [span.label for span in window.view.spans()] == ["GPE"]
    assert stack.canUndo() and not stack.canRedo()

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.status_bar.message() == "Saved: undid added GPE “Jakarta”"
    assert saved.span_rows() == [] and window.view.spans() == []
