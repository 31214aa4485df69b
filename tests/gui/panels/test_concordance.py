from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.gui.panels.concordance import ConcordanceWidget, HitModel
from annotator.store.repository import Repository

TEXT = "Hi 😀 Jakarta 👩🏽‍🎨 floods; later JAKARTA again."


@pytest.fixture
def widget(qtbot, repo: Repository) -> ConcordanceWidget:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT, title="Floods"))
        repo.add_document(Document(id="d2", text="In Jakarta 😀😀.", title="Second"))
    start = TEXT.find("Jakarta")
    repo.apply(AddSpan(make_span(repo.document("d1"), "entity", "GPE", start, start + 7, "a")), "a")
    w = ConcordanceWidget(repo)
    qtbot.addWidget(w)
    w.show()
    return w


def test_search_shows_aligned_kwic_rows(qtbot, widget: ConcordanceWidget, qtmodeltester) -> None:
    qtbot.keyClicks(widget.query, "jakarta")
    qtbot.keyClick(widget.query, Qt.Key.Key_Return)
    model = widget.model
    assert model.rowCount() == 3
    assert widget.status.text() == "3 hits in 2 documents"
    first = [model.index(0, c).data() for c in range(5)]
    assert first[1] == "Jakarta" and first[0] == "Hi 😀 " and first[4] == "GPE"
    align = model.index(0, HitModel.LEFT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight)
    hit = widget.hits()[1]
    assert TEXT[hit.start : hit.end] == "JAKARTA"
    qtmodeltester.check(model)


def test_label_filter_and_invalid_regex(qtbot, widget: ConcordanceWidget) -> None:
    widget.label_filter.setCurrentText("GPE")
    widget.set_query("jakarta")
    assert [(h.doc_id, h.start) for h in widget.hits()] == [("d1", TEXT.find("Jakarta"))]
    widget.label_filter.setCurrentIndex(0)
    qtbot.mouseClick(widget.regex, Qt.MouseButton.LeftButton)
    widget.set_query("(")
    assert widget.hits() == [] and "invalid regular expression" in widget.status.text()


def test_double_click_and_enter_open_the_hit(qtbot, widget: ConcordanceWidget) -> None:
    widget.set_query("jakarta")
    rect = widget.table.visualRect(widget.model.index(2, 1))
    viewport = widget.table.viewport()
    with qtbot.waitSignal(widget.openHit) as blocker:
        # a real double click is press, release, then a double-click press
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["d2", 3, 10]
    widget.table.setCurrentIndex(widget.model.index(0, 0))
    with qtbot.waitSignal(widget.openHit) as blocker:
        qtbot.keyClick(widget.table, Qt.Key.Key_Return)
    assert blocker.args == ["d1", TEXT.find("Jakarta"), TEXT.find("Jakarta") + 7]


def test_annotate_all_request_carries_the_query(qtbot, widget: ConcordanceWidget) -> None:
    widget.set_query("jakarta")
    with qtbot.waitSignal(widget.annotateAllRequested) as blocker:
        qtbot.mouseClick(widget.annotate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["jakarta", False, False, False]
