"""History across restarts: undo after reopening the app reverts the last edit made before
closing it, and the History panel restores a document to an earlier point in one undoable
edit; checked in the database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.core.team import GOLD
from annotator.gui import app as gui_app
from annotator.gui.main_window import MainWindow
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.team.adjudicate import adjudicate_project
from tests.helpers.saved import SavedProject
from tests.helpers.window import add_others_span, add_span
from tests.helpers.window_fixtures import make_settings


def open_app(qtbot: QtBot, db_path: Path, settings: Path) -> MainWindow:
    window = gui_app.create_window(db_path, "emoji", "tester", make_settings(settings))
    qtbot.addWidget(window)
    return window


def labels(saved: SavedProject) -> list[str]:
    return sorted(span.label for span in saved.spans())


def test_undo_after_reopening_reverts_the_last_edit_made_before_closing(
    qtbot: QtBot,
    repo: Repository,
    emoji_doc: Document,
    db_path: Path,
    tmp_path: Path,
    saved: SavedProject,
) -> None:
    first = open_app(qtbot, db_path, tmp_path / "s.ini")
    add_span(first, "GPE", "Jakarta")
    add_span(first, "PER", "café")
    first.close()
    first.workspace.repo.db.close()

    second = open_app(qtbot, db_path, tmp_path / "s.ini")
    assert second.status_bar.message().startswith(
        "Undo reaches back 2 edits of this document made before, to "
    )
    assert second.actions_["edit.undo"].isEnabled()
    second.actions_["edit.undo"].trigger()
    assert labels(saved) == ["GPE"]
    assert [span.label for span in second.workspace.repo.spans("emoji")] == ["GPE"]
    second.actions_["edit.undo"].trigger()
    assert labels(saved) == []
    assert second.status_bar.message().startswith("Undo history ends here: the oldest edit")
    assert not second.actions_["edit.undo"].isEnabled()
    second.actions_["edit.redo"].trigger()
    assert labels(saved) == ["GPE"]


def test_history_panel_lists_who_changed_what_and_restores_to_a_point_undoably(
    window: MainWindow, saved: SavedProject
) -> None:
    add_span(window, "GPE", "Jakarta")
    add_span(window, "PER", "café")
    add_span(window, "ORG", "Tabbed")
    window.actions_["view.panel.history"].trigger()
    panel = window.history_panel
    assert panel.isVisible()
    table = panel.table
    assert table.rowCount() == 3
    assert [table.item(row, 2).text() for row in range(3)] == [
        "add ORG “Tabbed”",
        "add PER “café”",
        "add GPE “Jakarta”",
    ]
    assert table.item(0, 1).text() == "tester"
    table.selectRow(0)
    assert not panel.restore_button.isEnabled()  # the document is already there

    table.selectRow(2)
    panel.restore_button.click()
    assert labels(saved) == ["GPE"]
    assert window.session.stack.undoText().startswith("restore document to ")
    assert table.rowCount() == 4  # the restore is itself in the history

    window.actions_["edit.undo"].trigger()
    assert labels(saved) == ["GPE", "ORG", "PER"]


def test_undo_after_reopening_reaches_back_only_to_the_annotators_own_edits(
    qtbot: QtBot,
    repo: Repository,
    emoji_doc: Document,
    db_path: Path,
    tmp_path: Path,
    saved: SavedProject,
) -> None:
    first = gui_app.create_window(db_path, "emoji", "tester", make_settings(tmp_path / "s.ini"))
    qtbot.addWidget(first)
    add_span(first, "GPE", "Jakarta")
    first.close()
    first.workspace.repo.db.close()
    budi = gui_app.create_window(db_path, "emoji", "budi", make_settings(tmp_path / "b.ini"))
    qtbot.addWidget(budi)
    assert budi.view.spans() == []  # tester's span is not budi's to see or undo
    assert not budi.actions_["edit.undo"].isEnabled()
    budi.session.perform(AddSpan(make_span(emoji_doc, "entity", "PER", 32, 36, "budi")))
    budi.close()
    budi.workspace.repo.db.close()

    second = open_app(qtbot, db_path, tmp_path / "s.ini")
    assert second.status_bar.message().startswith(
        "Undo reaches back 1 edits of this document made before, to "
    )
    second.actions_["edit.undo"].trigger()
    assert [(s.annotator, s.label) for s in saved.spans()] == [("budi", "PER")]
    assert not second.actions_["edit.undo"].isEnabled()


def test_restoring_to_a_point_leaves_other_annotators_edits_in_place(
    window: MainWindow, saved: SavedProject
) -> None:
    add_span(window, "GPE", "Jakarta")
    add_others_span(window, "budi", "PER", "café")
    add_span(window, "ORG", "Tabbed")
    window.actions_["view.panel.history"].trigger()
    table = window.history_panel.table
    assert [table.item(row, 1).text() for row in range(3)] == ["tester", "budi", "tester"]
    table.selectRow(2)
    window.history_panel.restore_button.click()
    assert sorted((s.annotator, s.label) for s in saved.spans()) == [
        ("budi", "PER"),
        ("tester", "GPE"),
    ]


def test_restoring_to_before_an_adjudication_takes_back_its_gold_and_the_curated_mark(
    window: MainWindow, saved: SavedProject
) -> None:
    for who in ("ana", "budi"):
        add_others_span(window, who, "GPE", "Jakarta")
    team = Repository(open_db(window.workspace.location))
    try:
        with team.transaction():
            for who in ("ana", "budi"):
                set_status(team, "emoji", who, "done")
        adjudicate_project(team, min_agree=2, curator="tester")
    finally:
        team.db.close()
    window.workspace.reload_document()
    assert saved.status("emoji", GOLD) == "done"
    window.actions_["view.panel.history"].trigger()
    table = window.history_panel.table
    assert table.item(0, 1).text() == "tester"
    assert table.item(0, 2).text().endswith("; marked curated")

    table.selectRow(1)
    window.history_panel.restore_button.click()

    assert sorted(s.annotator for s in saved.spans()) == ["ana", "budi"]
    assert saved.status("emoji", GOLD) == "todo"
