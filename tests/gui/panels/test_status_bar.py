"""The status bar: a red problem does not outlive the user's next step; the project is named."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from tests.helpers.window import add_span


def test_a_problem_is_cleared_when_the_user_opens_a_document_or_picks_a_span(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    status = window.status_bar
    status.problem("Import failed: bad.jsonl line 3: not JSON")
    assert status.kind() == "problem"
    window.workspace.open_document("second")
    assert (status.kind(), status.message()) == ("info", "")

    window.workspace.open_document("emoji")
    span = add_span(window, "GPE", "Jakarta")
    view.select_span(None)
    status.problem("Import failed: bad.jsonl line 3: not JSON")
    view.select_span(span.id)
    assert (status.kind(), status.message()) == ("info", "")
    status.saved("Saved: added GPE “Jakarta”")
    view.select_span(None)
    assert status.message() == "Saved: added GPE “Jakarta”"  # only problems are cleared


def test_the_project_file_is_named_with_its_path_in_the_tooltip(
    window: MainWindow, db_path: Path
) -> None:
    assert window.status_bar.project_text() == "project.db"
    assert window.status_bar.project_tooltip() == (
        f"Project database: {db_path}\nEvery edit is committed here."
    )
    assert window.windowTitle() == "Emoji test — project.db — Annotator"
