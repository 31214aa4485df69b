from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.gui.dialogs import statistics_chart as stats_view
from annotator.gui.dialogs.statistics_chart import StatsView
from annotator.store.repository import Repository


def test_bars_are_painted_in_label_colours(qtbot, repo: Repository) -> None:
    with repo.transaction():
        repo.add_document(Document(id="a", text="Jakarta and Budi", status="done"))
        repo.add_document(Document(id="b", text="nothing"))
    doc = repo.document("a")
    repo.apply(AddSpan(make_span(doc, "entity", "GPE", 0, 7, "ann")), "ann")
    repo.apply(AddSpan(make_span(doc, "entity", "PER", 12, 16, "ann")), "ann")
    view = StatsView()
    qtbot.addWidget(view)
    view.resize(600, 700)
    view.load(repo)
    view.show()
    qtbot.waitExposed(view)
    chart = view.labels
    assert [name for name, _, _ in chart.items] == ["GPE", "PER"]
    image = chart.grab().toImage()
    bar = chart.bar_rect(0)
    pixel = QColor(image.pixel(int(bar.center().x()), int(bar.center().y())))
    assert pixel.name() == repo.schema().label("GPE").color
    full = view.progress.width() - stats_view._NAME_WIDTH - stats_view._VALUE_WIDTH - 8
    assert view.progress.bar_rect(0).width() == pytest.approx(full / 2)  # 1 of 2 done
    assert chart.bar_rect(0).width() == pytest.approx(chart.bar_rect(1).width())  # 1 and 1
    assert view.progress.value_text["done"] == "1/2 (50 %)"
    assert "Documents without any span (1): b" in view.summary.text()
