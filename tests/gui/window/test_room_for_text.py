"""The article gets most of the window; focus mode gives it all of it and gives it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar
from pytestqt.qtbot import QtBot

from annotator.assets import sample_paths
from annotator.core.model import Document, Relation, Span
from annotator.gui.article.view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.store.errors import StoreError
from annotator.store.repository import Repository
from annotator.store.span_reading import PendingSpans
from tests.helpers.window import add_documents
from tests.helpers.window_fixtures import make_settings


def test_the_article_gets_at_least_55_percent_of_a_1280_by_800_window(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    assert (window.width(), window.height()) == (1280, 800)
    qtbot.waitUntil(lambda: view.width() >= 0.55 * 1280)
    left, width = view.mapTo(window, view.rect().topLeft()).x(), view.width()
    window.actions_["view.panel.corpus_search"].trigger()
    qtbot.waitUntil(lambda: window.search_dock.isVisible())
    # corpus search opens below the text: the article neither narrows nor moves sideways
    assert (view.mapTo(window, view.rect().topLeft()).x(), view.width()) == (left, width)


def _sample_article_three_times(window: MainWindow) -> None:
    """The bundled Indonesian sample with its spans and relations, three times over, so the
    article is longer than the window."""
    record = json.loads(next(p for p in sample_paths() if "banjir" in p.name).read_text())
    text, length = "\n".join([record["text"]] * 3), len(record["text"]) + 1
    spans, relations = [], []
    for copy in range(3):
        for item in record["spans"]:
            start, end = item["start"] + copy * length, item["end"] + copy * length
            span_id = f"{item['id']}-{copy}"
            spans.append(
                Span(span_id, "sample", item["layer"], item["label"], start, end, item["text"])
            )
            assert text[start:end] == item["text"]
        for item in record["relations"]:
            head, tail = f"{item['head']}-{copy}", f"{item['tail']}-{copy}"
            relations.append(Relation(f"{item['id']}-{copy}", "sample", item["label"], head, tail))
    add_documents(window, Document(id="sample", text=text, title="Sample"))
    repo = window.workspace.repo
    with repo.transaction():
        repo.add_spans(spans)
        repo.add_relations(relations)
    window.workspace.open_document("sample")


@pytest.mark.parametrize("panel", ["", "corpus_search", "suggestions"])
def test_an_annotated_article_keeps_at_least_20_lines_with_a_panel_open(
    qtbot: QtBot, window: MainWindow, view: ArticleView, panel: str
) -> None:
    _sample_article_three_times(window)
    assert len(view.spans()) == 3 * 19 and view.tag_geometry()
    if panel:
        window.actions_[f"view.panel.{panel}"].trigger()
        dock = {"corpus_search": window.search_dock, "suggestions": window.suggestions_dock}
        qtbot.waitUntil(dock[panel].isVisible)
    qtbot.waitUntil(lambda: view.visible_line_count() >= 20)
    assert view.width() >= 0.55 * 1280


def test_focus_mode_hides_every_dock_and_restores_them(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    docks = {dock.objectName() for dock in window.docks() if dock.isVisible()}
    narrow = view.width()
    qtbot.keyClick(view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not any(dock.isVisible() for dock in window.docks()))
    qtbot.waitUntil(lambda: view.width() > narrow)
    qtbot.keyClick(view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: {d.objectName() for d in window.docks() if d.isVisible()} == docks)
    assert view.width() == narrow


def _long_document_read_to_its_middle(window: MainWindow, view: ArticleView) -> QScrollBar:
    """Open a 400-paragraph document and scroll half way; returns the view's scroll bar."""
    long_text = "\n".join(f"Paragraph {i} of a long article." for i in range(400))
    add_documents(window, Document(id="long", text=long_text, title="Long"))
    window.workspace.open_document("long")
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    return bar


def test_a_reopened_document_comes_back_where_the_reader_left_it(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    bar = _long_document_read_to_its_middle(window, view)
    where = bar.value()
    assert where > 0
    window.workspace.open_document("second")
    assert bar.value() == 0
    window.workspace.open_document("long")
    assert bar.value() == where


def test_a_document_reopened_after_a_restart_comes_back_where_the_reader_left_it(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    repo: Repository,
    db_path: Path,
    settings_path: Path,
) -> None:
    _long_document_read_to_its_middle(window, view)
    where = view.firstVisibleBlock().blockNumber()
    assert where > 0
    window.close()

    again = MainWindow(repo, db_path, "tester", make_settings(settings_path))
    qtbot.addWidget(again)
    again.documents.open_first_document()
    again.show()
    qtbot.waitExposed(again)
    assert again.workspace.doc is not None and again.workspace.doc.id == "long"
    assert again.view.firstVisibleBlock().blockNumber() == where
    again.workspace.open_document("second")
    again.workspace.open_document("long")
    assert again.view.firstVisibleBlock().blockNumber() == where


def test_a_document_that_cannot_be_read_leaves_the_place_kept_in_the_one_before(
    qtbot: QtBot, window: MainWindow, view: ArticleView, monkeypatch: pytest.MonkeyPatch
) -> None:
    bar = _long_document_read_to_its_middle(window, view)
    where = bar.value()
    read_spans = PendingSpans.spans

    def unreadable_second(reading: PendingSpans) -> list[Span]:
        if window.workspace.doc is not None and window.workspace.doc.id == "second":
            raise StoreError("project.db: disk I/O error")
        return read_spans(reading)

    monkeypatch.setattr(PendingSpans, "spans", unreadable_second)
    window.workspace.open_document("second")
    qtbot.waitUntil(lambda: window.status_bar.message() == "Not opened: project.db: disk I/O error")
    assert window.workspace.doc is None and view.toPlainText() == ""
    window.workspace.open_document("long")
    assert bar.value() == where
