"""The workspace: what the app is working on, and a signal for each change of it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.state import Workspace
from annotator.store.repository import Repository


def test_opening_a_document_is_announced_once_and_reloading_it_again(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    workspace = Workspace(repo, db_path, "tester")
    opened: list[str] = []
    workspace.documentOpened.connect(opened.append)
    workspace.open_document(emoji_doc.id)
    workspace.open_document(emoji_doc.id)  # already open: nothing to show anew
    assert opened == ["emoji"]
    assert workspace.doc is not None and workspace.doc.text == emoji_doc.text
    workspace.reload_document()
    assert opened == ["emoji", "emoji"]
    workspace.close_document()
    assert workspace.doc is None


def test_selection_annotator_and_schema_changes_are_announced(
    qtbot: QtBot, repo: Repository, emoji_doc: Document, db_path: Path
) -> None:
    workspace = Workspace(repo, db_path, "tester")
    selected: list[str | None] = []
    workspace.spanSelected.connect(selected.append)
    workspace.select_span("s1")
    workspace.select_span("s1")
    workspace.select_span("")  # the view's "no span"
    assert selected == ["s1", None]
    assert workspace.selected_span_id is None

    with qtbot.waitSignal(workspace.annotatorChanged) as renamed:
        workspace.set_annotator("Dewi")
    assert renamed.args == ["Dewi"] and workspace.annotator == "Dewi"

    with qtbot.waitSignal(workspace.schemaChanged) as changed:
        workspace.reload_schema()
    assert changed.args == [workspace.schema]
