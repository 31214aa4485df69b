"""Annotators' spans in lanes under one stretch of the document's text.

The stretch (the selected difference with some context) is drawn on one line, character by
character at known x positions, so every lane's boxes line up with the same characters. Each
lane has its name at the left; spans that overlap inside a lane stack in rows. Only the spans
of the stretch are handed in, so the cost does not grow with the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core.lanes import sweep_lanes
from annotator.core.model import Span

NAME_WIDTH = 110
ROW_HEIGHT = 18
LANE_GAP = 6
PAD = 6
_VISIBLE_NEWLINE = "⏎"


@dataclass(frozen=True, slots=True)
class LaneBox:
    """One box in a lane: a span (or a merged reading) over ``start..end`` of the document."""

    start: int
    end: int
    text: str
    color: str
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    boxes: tuple[LaneBox, ...]


class LanesView(QWidget):
    """Paints the text of ``start..end`` and the lanes below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.text = ""
        self.start = 0
        self.focus = (0, 0)
        self.lanes: tuple[Lane, ...] = ()
        self._xs: list[float] = [0.0]
        self._rows: list[tuple[Lane, dict[int, int], int]] = []

    def show_stretch(
        self, text: str, start: int, focus: tuple[int, int], lanes: list[Lane]
    ) -> None:
        """``text`` is the document's text from code point ``start``; ``focus`` the offsets
        of the difference shown, drawn with a band across every lane."""
        self.text, self.start, self.focus, self.lanes = text, start, focus, tuple(lanes)
        metrics = QFontMetricsF(self.font())
        xs = [0.0]
        for char in self._shown_text():
            xs.append(xs[-1] + metrics.horizontalAdvance(char))
        self._xs = xs
        self._rows = []
        for lane in self.lanes:
            stacked = _stack(lane.boxes)
            self._rows.append((lane, stacked, max(stacked.values(), default=0) + 1))
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def clear(self) -> None:
        self.show_stretch("", 0, (0, 0), [])

    def lane_names(self) -> list[str]:
        return [lane.name for lane in self.lanes]

    def _shown_text(self) -> str:
        return self.text.replace("\n", _VISIBLE_NEWLINE)

    def _text_height(self) -> float:
        return QFontMetricsF(self.font()).height() + PAD

    def sizeHint(self) -> QSize:
        height = self._text_height() + PAD
        height += sum(rows * ROW_HEIGHT + LANE_GAP for _lane, _stack, rows in self._rows)
        return QSize(int(NAME_WIDTH + self._xs[-1] + 2 * PAD), int(height))

    def x_of(self, offset: int) -> float:
        """The x of document offset ``offset`` (clamped to the stretch)."""
        index = min(max(offset - self.start, 0), len(self._xs) - 1)
        return NAME_WIDTH + PAD + self._xs[index]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.text:
            painter.end()
            return
        metrics = QFontMetricsF(self.font())
        text_height = self._text_height()
        band = QRectF(
            self.x_of(self.focus[0]),
            0,
            self.x_of(self.focus[1]) - self.x_of(self.focus[0]),
            self.height(),
        )
        painter.fillRect(band, QColor(255, 235, 150, 90))
        painter.setPen(self.palette().text().color())
        baseline = PAD + metrics.ascent()
        for index, char in enumerate(self._shown_text()):
            painter.drawText(
                QRectF(NAME_WIDTH + PAD + self._xs[index], baseline - metrics.ascent(), 40, 40),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                char,
            )
        y = text_height
        small = QFontMetricsF(painter.font())
        for lane, stacked, rows in self._rows:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(PAD, y, NAME_WIDTH - PAD, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(lane.name, Qt.TextElideMode.ElideRight, NAME_WIDTH - 2 * PAD),
            )
            for index, box in enumerate(lane.boxes):
                self._paint_box(painter, box, y + stacked[index] * ROW_HEIGHT)
            y += rows * ROW_HEIGHT + LANE_GAP
            painter.setPen(QPen(self.palette().mid().color(), 1))
            painter.drawLine(0, int(y - LANE_GAP / 2), self.width(), int(y - LANE_GAP / 2))
        painter.end()

    def _paint_box(self, painter: QPainter, box: LaneBox, y: float) -> None:
        left, right = self.x_of(box.start), self.x_of(box.end)
        rect = QRectF(left, y + 2, max(right - left, 3.0), ROW_HEIGHT - 4)
        painter.fillRect(rect, QColor(box.color))
        pen = QPen(QColor(0, 0, 0) if box.selected else QColor(box.color).darker(150))
        pen.setWidthF(2.5 if box.selected else 1.0)
        painter.setPen(pen)
        painter.drawRect(rect)
        painter.setPen(QColor(0, 0, 0))
        metrics = QFontMetricsF(painter.font())
        painter.drawText(
            rect.adjusted(3, 0, -2, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(box.text, Qt.TextElideMode.ElideRight, max(rect.width() - 5, 0)),
        )


def _stack(boxes: tuple[LaneBox, ...]) -> dict[int, int]:
    """Row of each box (by index) so that boxes that overlap in a lane never share a row."""
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i].start, -boxes[i].end, i))
    spans = [Span(str(i), "", "", "", boxes[i].start, boxes[i].end, "") for i in order]
    rows = sweep_lanes(spans)
    return {int(key): row for key, row in rows.items()}
