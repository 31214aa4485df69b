"""The Qt models behind the document and span lists, checked with pytest-qt's model tester."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.core.model import Document, make_span
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.panels.document_list import DocumentListModel
from annotator.gui.panels.span_list import SpanListModel
from annotator.store.repository import Repository
from tests.helpers.saved import SavedProject


def test_document_model_passes_the_model_tester(
    qtmodeltester: ModelTester, repo: Repository, emoji_doc: Document
) -> None:
    span = make_span(emoji_doc, "entity", "PER", 5, 10, "t")
    with repo.transaction():
        repo.add_spans([span])
        repo.add_document(Document(id="b", text="Other text.", title="", status="done"))
    model = DocumentListModel(repo)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.data(model.index(0, c)) for c in range(3)] == ["Emoji test", 1, "To do"]
    assert [model.data(model.index(1, c)) for c in range(3)] == ["b", 0, "Done"]
    assert model.data(model.index(1, 0), DocumentListModel.IdRole) == "b"
    with repo.transaction():
        repo.add_document(Document(id="c", text="Third."))
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_span_model_keeps_document_order_through_edits(
    qtbot: QtBot, qtmodeltester: ModelTester, repo: Repository, emoji_doc: Document
) -> None:
    a = make_span(emoji_doc, "entity", "PER", 5, 10, "t")
    b = make_span(emoji_doc, "entity", "GPE", 12, 19, "t")
    model = SpanListModel()
    model.set_spans([b, a], repo.schema())
    qtmodeltester.check(model)
    assert [model.data(model.index(r, 1)) for r in range(2)] == ["there", "Jakarta"]
    c = make_span(emoji_doc, "claim", "CLAIM", 0, 11, "t")
    model.put(c)
    model.put(replace(b, label="LOC"))
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["CLAIM", "PER", "LOC"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
    model.remove(a.id)
    assert [model.span_at(r).id for r in range(2)] == [c.id, b.id]
    assert model.row_of(a.id) == -1
    qtmodeltester.check(model)


def test_span_list_follows_the_view_selection(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    view.set_selection_cp(5, 10)
    window.span_editing.apply_label("PER")
    view.set_selection_cp(12, 19)
    window.span_editing.apply_label("GPE")
    assert window.span_list.currentIndex().row() == 1  # the new span is selected in both
    first = window.span_model.span_at(0).id
    view.select_span(first)
    assert window.span_list.currentIndex().row() == 0

    window.span_dock.raise_()  # the Spans tab shares its place with the Document panel
    qtbot.waitUntil(window.span_list.isVisible)
    rect = window.span_list.visualRect(window.span_model.index(1, 1))
    qtbot.mouseClick(window.span_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(window.span_list, Qt.Key.Key_Delete)  # Delete works in the list too
    assert [s.label for s in saved.spans("emoji")] == ["PER"]
