"""Found by using the app: the concordance's Labels column must follow the user's edits.

Labelling an opened hit, or undoing an annotate-all batch, used to leave the concordance
showing the old labels until the user searched again by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan
from annotator.core.find import FindOptions
from annotator.core.model import Document, make_span
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.annotate_all_preview import AnnotateAllDialog
from annotator.gui.main_window import MainWindow
from annotator.store.repository import Repository
from tests.helpers.user_input import CTRL, SHIFT, click_cell
from tests.helpers.window import add_documents

A = "Floods in Surabaya 😀 today. The mayor of Surabaya spoke."


def test_labels_column_follows_a_label_and_its_undo(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    add_documents(window, Document(id="a", text=A, title="Alpha"))
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL | SHIFT)
    widget = window.search.widget
    qtbot.keyClicks(widget.query, "Surabaya")
    qtbot.keyClick(widget.query, Qt.Key.Key_Return)
    assert [hit.labels for hit in widget.hits()] == [(), ()]

    click_cell(qtbot, widget.table, widget.model.index(1, 1), double=True)
    assert view.selection_cp() == (A.rfind("Surabaya"), A.rfind("Surabaya") + 8)
    qtbot.keyClick(view, "g")
    qtbot.waitUntil(lambda: [hit.labels for hit in widget.hits()] == [(), ("GPE",)])
    # the row the user was on stays current, so walking the hits goes on from there
    assert widget.table.currentIndex().row() == 1

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: [hit.labels for hit in widget.hits()] == [(), ()])
    assert widget.table.currentIndex().row() == 1


def test_status_line_counts_in_singular(qtbot: QtBot, window: MainWindow) -> None:
    add_documents(window, Document(id="a", text=A, title="Alpha"))
    widget = window.search.widget
    widget.set_query("Floods")
    assert widget.status.text() == "1 hit in 1 document"
    widget.set_query("Surabaya")
    assert widget.status.text() == "2 hits in 1 document"


def test_annotate_all_summary_speaks_of_one_clash_in_singular(
    qtbot: QtBot, repo: Repository
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=A))
    repo.apply(AddSpan(make_span(repo.document("d1"), "entity", "GPE", 10, 18, "ann")), "ann")
    dialog = AnnotateAllDialog.for_query(
        repo, "GPE", "Surabaya", FindOptions(case=True), "ann", ["d1"]
    )
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == (
        "Label 1 of 1 occurrence as GPE; 1 clash is listed below and left alone."
    )
