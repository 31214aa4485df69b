"""File ▸ Merge Project Files…: annotators' copies chosen in the file dialog, merged in the
background, reported; the document list and the open document show the merged work."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.model import Document
from annotator.gui.dialogs.merge_projects import MergeProjectsDialog
from annotator.gui.main_window import MainWindow
from annotator.store.db import open_db
from annotator.store.project_merge import StoredDocument, stored_documents
from annotator.store.repository import Repository
from annotator.team.merge_report import MergeReport
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.saved import SavedProject
from tests.helpers.team_copies import annotate, dump, team_project

JAKARTA = EMOJI_TEXT.index("Jakarta")


def with_emoji_document(path: Path, text: str = EMOJI_TEXT) -> Path:
    """A copy that also holds the window's open document (same id; ``text`` as given)."""
    repo = Repository(open_db(path))
    with repo.transaction():
        repo.add_document(Document("emoji", text, title="Emoji test"))
    repo.db.close()
    return path


def choose(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
    )


def open_merge_dialog(window: MainWindow) -> MergeProjectsDialog:
    window.actions_["file.merge_projects"].trigger()
    dialog = window.project_merge.dialog
    assert isinstance(dialog, MergeProjectsDialog) and dialog.isVisible()
    return dialog


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_two_copies_chosen_in_the_file_menu_are_merged_and_shown(
    qtbot: QtBot,
    window: MainWindow,
    saved: SavedProject,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = with_emoji_document(team_project(tmp_path / "tester-laptop.db"))
    annotate(mine, "tester", [("emoji", "GPE", JAKARTA, JAKARTA + 7)], {"emoji": "done"})
    nameless = team_project(tmp_path / "nameless.db")
    annotate(nameless, "", [("news", "PER", 21, 25)], {"news": "in_progress"})
    choose(monkeypatch, mine, nameless)

    dialog = open_merge_dialog(window)
    assert [dialog.sources.topLevelItem(n).text(3) for n in range(2)] == ["0", "1"]
    assert dialog.as_name.isEnabled()
    qtbot.keyClicks(dialog.as_name, "citra")
    click(qtbot, dialog.merge_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=20_000) as blocker:
        pass

    report = blocker.args[0]
    assert isinstance(report, MergeReport)
    assert saved.document_ids() == ["emoji", "second", "news", "weather"]
    assert [(s.label, s.text, s.annotator) for s in saved.spans("emoji")] == [
        ("GPE", "Jakarta", "tester")
    ]
    assert [(s.label, s.text, s.annotator) for s in saved.spans("news")] == [
        ("PER", "Budi", "citra")
    ]
    assert saved.status("emoji") == "done"
    assert saved.status("news", "citra") == "in_progress"
    assert window.doc_model.rowCount() == 4
    doc = window.workspace.doc
    assert doc is not None and doc.id == "emoji" and doc.status == "done"
    assert [s.text for s in window.workspace.repo.spans("emoji")] == ["Jakarta"]
    assert window.status_bar.message().startswith("Saved: merged 2 of 2 project file(s)")
    box = window.project_merge.report_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert f"{nameless}:" in box.text.toPlainText()
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_a_reserved_name_cannot_be_given_to_unattributed_spans(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nameless = team_project(tmp_path / "nameless.db")
    annotate(nameless, "", [("news", "PER", 21, 25)])
    choose(monkeypatch, nameless)
    dialog = open_merge_dialog(window)

    qtbot.keyClicks(dialog.as_name, "@gold")

    assert not dialog.merge_button.isEnabled()
    assert dialog.name_problem.text().startswith("names starting with @ are kept for the tool")
    dialog.reject()


def test_an_unreadable_file_is_named_and_merge_waits_for_skip_bad(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("not a database", encoding="utf-8")
    choose(monkeypatch, junk)
    dialog = open_merge_dialog(window)
    assert dialog.sources.topLevelItem(0).text(1) == (
        f"{junk}: is not a SQLite database (left untouched)"
    )
    assert dialog.skip_bad_box.isChecked() and dialog.merge_button.isEnabled()

    dialog.skip_bad_box.click()

    assert not dialog.merge_button.isEnabled()
    dialog.reject()


def test_a_document_with_another_text_fails_the_merge_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    other = with_emoji_document(team_project(tmp_path / "other.db"), "Another text.")
    before = dump(db_path)

    task = window.project_merge.start_merge([other])
    with qtbot.waitSignal(task.failed, timeout=20_000) as blocker:
        pass

    assert blocker.args[0] == (
        f"{other}: document 'emoji' has another text than the same document in {db_path}; "
        "nothing was merged"
    )
    assert window.status_bar.kind() == "problem"
    box = window.project_merge.report_box
    assert box is not None and box.isVisible()
    assert dump(db_path) == before
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_cancel_leaves_the_project_unchanged(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = team_project(tmp_path / "ana.db")
    annotate(source, "ana", [("news", "PER", 0, 9)])
    before = dump(db_path)
    reached, gate = threading.Event(), threading.Event()

    def held(repo: Repository) -> Iterator[StoredDocument]:
        for stored in stored_documents(repo):
            reached.set()
            gate.wait(5)  # hold the worker until the user has pressed Cancel
            yield stored

    monkeypatch.setattr("annotator.team.merge.stored_documents", held)
    task = window.project_merge.start_merge([source])
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    dialog = window.runner.last_dialog
    assert dialog is not None
    (cancel_button,) = dialog.findChildren(QPushButton)
    cancel_button.click()
    gate.set()
    with qtbot.waitSignal(task.cancelled, timeout=20_000):
        pass

    assert window.status_bar.message() == "Merge cancelled; the project is unchanged"
    assert dump(db_path) == before
    qtbot.waitUntil(lambda: not window.runner.tasks)
