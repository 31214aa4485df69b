"""Corpus statistics as pictures: horizontal bar charts painted with QPainter.

QtCharts is not part of PySide6-Essentials, and a few bars need no library.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from annotator.core.schema import Schema
from annotator.store.repository import Repository
from annotator.store.stats import CorpusStats, corpus_stats

DEFAULT_BAR = QColor("#5c7cfa")
_ROW = 22
_NAME_WIDTH = 130
_VALUE_WIDTH = 70


class BarChart(QWidget):
    """A titled horizontal bar chart: one row per (name, value, colour)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[tuple[str, float, QColor]] = []
        self.value_text: dict[str, str] = {}
        self.maximum: float | None = None

    def set_items(
        self,
        items: list[tuple[str, float, QColor]],
        *,
        maximum: float | None = None,
        value_text: dict[str, str] | None = None,
    ) -> None:
        """Bars to draw; ``maximum`` fixes the full-width value (default: the largest)."""
        self.items = list(items)
        self.maximum = maximum
        self.value_text = dict(value_text or {})
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, _ROW * (len(self.items) + 1) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def bar_rect(self, row: int) -> QRectF:
        """Where bar ``row`` is drawn (also what tests look at)."""
        value = self.items[row][1]
        top = _ROW * (row + 1) + 4
        span = max(1.0, self.width() - _NAME_WIDTH - _VALUE_WIDTH - 8)
        maximum = self.maximum or max((v for _, v, _ in self.items), default=1.0) or 1.0
        return QRectF(_NAME_WIDTH, top + 3, span * min(1.0, value / maximum), _ROW - 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(self.foregroundRole())
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_color)
        painter.drawText(
            QRectF(4, 0, self.width() - 8, _ROW), Qt.AlignmentFlag.AlignVCenter, self.title
        )
        font.setBold(False)
        painter.setFont(font)
        if not self.items:
            painter.drawText(
                QRectF(_NAME_WIDTH, _ROW, 200, _ROW), Qt.AlignmentFlag.AlignVCenter, "none yet"
            )
        for row, (name, value, color) in enumerate(self.items):
            bar = self.bar_rect(row)
            painter.setPen(text_color)
            name_rect = QRectF(4, bar.top() - 3, _NAME_WIDTH - 10, _ROW)
            painter.drawText(
                name_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name
            )
            painter.fillRect(bar, color)
            label = self.value_text.get(name, f"{value:g}")
            value_rect = QRectF(bar.right() + 6, bar.top() - 3, _VALUE_WIDTH + 60, _ROW)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter, label)
        painter.end()


class StatsView(QScrollArea):
    """Progress, spans per label, per layer and per annotator, and a text summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = BarChart("Documents done")
        self.labels = BarChart("Spans per label")
        self.layers = BarChart("Spans per layer")
        self.annotators = BarChart("Spans per annotator")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for chart in (self.progress, self.labels, self.layers, self.annotators):
            layout.addWidget(chart)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)

    def load(self, repo: Repository) -> None:
        """Read the figures from ``repo`` and show them."""
        self.set_stats(corpus_stats(repo), repo.schema())

    def set_stats(self, stats: CorpusStats, schema: Schema) -> None:
        colors = {label.name: QColor(label.color) for label in schema.labels}
        pct = f"{stats.done}/{stats.documents}"
        if stats.documents:
            pct += f" ({100 * stats.done // stats.documents} %)"
        self.progress.set_items(
            [("done", stats.done, QColor("#37b24d"))],
            maximum=max(1, stats.documents),
            value_text={"done": pct},
        )
        self.labels.set_items(
            [(row.label, row.spans, colors.get(row.label, DEFAULT_BAR)) for row in stats.per_label]
        )
        self.layers.set_items([(name, n, DEFAULT_BAR) for name, n in stats.per_layer.items()])
        self.annotators.set_items(
            [(name or "(unknown)", n, DEFAULT_BAR) for name, n in stats.per_annotator.items()]
        )
        pairs = ", ".join(f"{a}+{b} ({n})" for a, b, n in stats.cooccurrence[:8]) or "none"
        empty = ", ".join(stats.without_spans[:10]) or "none"
        more = f" and {len(stats.without_spans) - 10} more" if len(stats.without_spans) > 10 else ""
        self.summary.setText(
            f"{stats.spans} spans, {stats.pending_suggestions} pending suggestions.\n"
            f"Labels found in the same documents: {pairs}.\n"
            f"Documents without any span ({len(stats.without_spans)}): {empty}{more}."
        )
