"""The status bar: a red problem does not outlive the user's next step."""

from __future__ import annotations

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
