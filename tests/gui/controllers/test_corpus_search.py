"""Corpus search and annotate all in the real window; the database is read afresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, SHIFT, click_cell
from tests.helpers.window import add_documents

WORD = "Surabaya"
A = "Floods in Surabaya 😀 today. Surabaya's mayor met Surabaya residents."
B = "👩🏽‍🎨 Surabaya again, and Surabayaku is not a match."
C = "Nothing about the capital."

SPANS = 'SELECT doc_id, label, start, "end", text FROM spans ORDER BY doc_id, start'


def occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


@pytest.fixture
def corpus(window: MainWindow) -> MainWindow:
    add_documents(
        window,
        Document(id="a", text=A, title="Alpha"),
        Document(id="b", text=B, title="Beta"),
        Document(id="c", text=C, title="Gamma"),
    )
    return window


def test_concordance_double_click_opens_the_document_at_the_hit(
    qtbot: QtBot, corpus: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = corpus
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL | SHIFT)
    search = window.search
    assert search.dock.isVisible() and search.widget.query.hasFocus()
    qtbot.keyClicks(search.widget.query, "surabaya")
    qtbot.keyClick(search.widget.query, Qt.Key.Key_Return)
    hits = search.widget.hits()
    assert [(h.doc_id, h.start) for h in hits] == [("a", s) for s in occurrences(A, "Surabaya")] + [
        ("b", s) for s in occurrences(B, "Surabaya")
    ]
    row = next(i for i, h in enumerate(hits) if h.doc_id == "b" and h.start == B.find("Surabaya"))
    click_cell(qtbot, search.widget.table, search.widget.model.index(row, 1), double=True)

    assert workspace.doc is not None and workspace.doc.id == "b"
    start = B.find("Surabaya")
    assert view.selection_cp() == (start, start + len(WORD))
    assert view.hasFocus()
    qtbot.keyClick(view, "g")  # the opened hit is selected: one key labels it
    assert saved.rows(SPANS) == [("b", "GPE", start, start + len(WORD), "Surabaya")]


def test_annotate_all_from_a_span_preview_untick_apply_undo_in_one_step(
    qtbot: QtBot, corpus: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = corpus
    workspace.open_document("a")
    first = A.find("Surabaya")
    view.set_selection_cp(first, first + len(WORD))
    qtbot.keyClick(view, "g")
    assert len(saved.rows(SPANS)) == 1

    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)  # the new span is selected
    setup = window.annotate_all.setup
    assert setup is not None and setup.isVisible()
    assert setup.query.text() == "Surabaya" and setup.request().label == "GPE"
    qtbot.mouseClick(setup.whole_corpus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(setup.preview_button, Qt.MouseButton.LeftButton)

    preview = window.annotate_all.preview
    assert preview is not None and preview.isVisible() and not setup.isVisible()
    # whole word + case: "Surabayaku" is no occurrence; the labelled one is a clash
    listed = [(o.doc_id, o.start) for o in preview.model.occurrences]
    expected = [("a", s) for s in occurrences(A, "Surabaya")[1:]] + [("b", B.find("Surabaya"))]
    assert listed == expected
    assert preview.clash_count() == 1
    assert "already annotated" in preview.clash_list.item(0).text()

    untick = preview.model.index(1, 0)  # the third Surabaya of document a
    rect = preview.table.visualRect(untick)
    qtbot.mouseClick(preview.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(preview.ticked()) == 2
    qtbot.mouseClick(preview.apply_button, Qt.MouseButton.LeftButton)

    rows = saved.rows(SPANS)
    a_starts = occurrences(A, "Surabaya")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("a", "GPE", a_starts[0], "Surabaya"),
        ("a", "GPE", a_starts[1], "Surabaya"),
        ("b", "GPE", B.find("Surabaya"), "Surabaya"),
    ]
    assert window.status_bar.message().startswith("Saved: annotate all “Surabaya” as GPE (2)")
    assert window.span_model.rowCount() == 2 and len(view.spans()) == 2
    doc_model = window.doc_model
    assert doc_model.data(doc_model.index(doc_model.row_of("b"), 1)) == 1  # other doc's count

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # ONE undo removes the whole batch
    assert [(r[0], r[2]) for r in saved.rows(SPANS)] == [("a", a_starts[0])]
    assert doc_model.data(doc_model.index(doc_model.row_of("b"), 1)) == 0
    assert len(view.spans()) == 1


def test_annotate_all_from_the_concordance_lists_overlap_clashes(
    qtbot: QtBot, corpus: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window = corpus
    repo = workspace.repo
    doc = repo.document("a")
    sentence = A.find("Surabaya's mayor")
    section = make_span(doc, "section", "BODY", sentence, len(A), "tester")
    repo.apply(AddSpan(section), "tester")

    search = window.search
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.keyClicks(search.widget.query, "Surabaya")
    qtbot.keyClick(search.widget.query, Qt.Key.Key_Return)
    qtbot.mouseClick(search.widget.annotate_button, Qt.MouseButton.LeftButton)
    setup = window.annotate_all.setup
    assert setup is not None and setup.whole_corpus.isChecked()
    setup.label.setCurrentIndex(setup.label.findData("LEAD"))
    qtbot.mouseClick(setup.preview_button, Qt.MouseButton.LeftButton)
    preview = window.annotate_all.preview
    assert preview is not None
    # sections never overlap: the two Surabayas inside the BODY section are clashes
    assert preview.clash_count() == 2
    assert all("overlaps BODY" in preview.clash_list.item(i).text() for i in range(2))
    qtbot.mouseClick(preview.apply_button, Qt.MouseButton.LeftButton)
    rows = saved.rows(SPANS)
    assert ("a", "BODY", sentence, len(A), A[sentence:]) in rows
    # a plain search (not whole words) also labels the "Surabaya" inside "Surabayaku"
    assert sorted((r[0], r[1], r[2]) for r in rows if r[1] == "LEAD") == [
        ("a", "LEAD", A.find("Surabaya")),
        *(("b", "LEAD", start) for start in occurrences(B, "Surabaya")),
    ]
