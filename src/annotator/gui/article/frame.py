"""Geometry of the visible text lines of a QPlainTextEdit, for one paint.

Rectangles come from the block layouts Qt already made for drawing the text
(``blockBoundingGeometry(...).translated(contentOffset())`` and ``QTextLine.cursorToX``), so
painted spans sit exactly on the glyphs and only visible blocks are touched.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from annotator.gui.article.offsets import TextOffsets


def _x(line: QTextLine, pos: int) -> float:
    """``QTextLine.cursorToX``; PySide6 returns (x, pos) for it."""
    result: tuple[float, int] = line.cursorToX(pos)  # type: ignore[assignment]
    return float(result[0])


@dataclass(frozen=True, slots=True)
class VisibleLine:
    """One visual line: its Qt position range and where it is in the viewport."""

    qt_start: int  # absolute Qt position of the line's first character
    qt_end: int  # absolute Qt position after its last character (newline excluded)
    block_pos: int  # absolute Qt position of the block
    line: QTextLine
    left: float  # viewport x of the layout origin
    top: float
    bottom: float
    ascent: float
    band: float  # the free room above the line, for tags and arcs


class Frame:
    """The visible lines of a view, in document order, and box lookups over them."""

    def __init__(self, view: QPlainTextEdit, offsets: TextOffsets) -> None:
        self.lines: list[VisibleLine] = []
        height = view.viewport().height()
        block = view.firstVisibleBlock()
        # One blockBoundingGeometry call (slow: ~50 us); then heights, as Qt's own paint does.
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        left = view.contentOffset().x()
        while block.isValid() and top <= height:
            bounds = view.blockBoundingRect(block)
            if block.isVisible():
                layout = block.layout()
                origin = layout.position()
                block_pos = block.position()
                above = 0.0
                for index in range(layout.lineCount()):
                    line = layout.lineAt(index)
                    band, above = line.y() - above, line.y() + line.height()
                    start = block_pos + line.textStart()
                    line_top = top + origin.y() + line.y()
                    bottom = line_top + line.height()
                    if bottom < 0 or line_top > height:
                        continue
                    self.lines.append(
                        VisibleLine(
                            start,
                            start + line.textLength(),
                            block_pos,
                            line,
                            left + origin.x(),
                            line_top,
                            bottom,
                            line.ascent(),
                            band,
                        )
                    )
            top += bounds.height()
            block = block.next()
        self._x_cache: dict[tuple[int, int], float] = {}
        self._boxes: dict[tuple[int, int], list[QRectF]] = {}
        self._starts = [line.qt_start for line in self.lines]
        self.offsets = offsets
        if self.lines:
            self.qt_first = self.lines[0].qt_start
            self.qt_last = self.lines[-1].qt_end + 1
            self.cp_first = offsets.from_qt(self.qt_first, "left")
            self.cp_last = offsets.from_qt(min(self.qt_last, offsets.qt_length), "right")
        else:
            self.qt_first = self.qt_last = self.cp_first = self.cp_last = 0

    def boxes(self, start: int, end: int) -> list[QRectF]:
        """Full-height line boxes covering code point range [start, end), one per line.

        Kept for the frame: spans, tags, arcs and outlines all ask for the same ranges. The
        list and its rects are shared, so callers build new ones rather than change them.
        """
        key = (start, end)
        rects = self._boxes.get(key)
        if rects is None:
            rects = self._boxes[key] = self._measure(start, end)
        return rects

    def _measure(self, start: int, end: int) -> list[QRectF]:
        if not self.lines or end <= self.cp_first or start >= self.cp_last:
            return []
        qs = self.offsets.to_qt(start)
        qe = self.offsets.to_qt(end)
        first = max(bisect_right(self._starts, qs) - 1, 0)
        rects = []
        for vline in self.lines[first:]:
            if vline.qt_start >= qe:
                break
            if vline.qt_end < qs or (vline.qt_end == qs and qe > qs):
                continue
            line = vline.line
            a = max(qs, vline.qt_start) - vline.block_pos
            b = min(qe, vline.qt_end) - vline.block_pos
            x1 = self._x(vline, a)
            x2 = self._x(vline, b)
            if qe > vline.qt_end:
                # the range runs on past this line (wrap or newline): reach its end
                x2 = max(x2, line.x() + line.naturalTextWidth())
            if x2 < x1:  # right-to-left runs
                x1, x2 = x2, x1
            width = max(x2 - x1, 2.0)
            rects.append(QRectF(vline.left + x1, vline.top, width, vline.bottom - vline.top))
        return rects

    def _x(self, vline: VisibleLine, pos: int) -> float:
        """x of a block position on a line, cached for the frame (nested spans share ends)."""
        key = (vline.qt_start, pos)
        x = self._x_cache.get(key)
        if x is None:
            x = self._x_cache[key] = _x(vline.line, pos)
        return x

    def line_at(self, point: QPointF) -> VisibleLine | None:
        for vline in self.lines:
            if vline.top <= point.y() < vline.bottom:
                return vline
        return None

    def char_at(self, point: QPointF) -> int | None:
        """Code point offset of the character under ``point``, or None off the text."""
        vline = self.line_at(point)
        if vline is None:
            return None
        line = vline.line
        x = point.x() - vline.left
        if x < line.x() or x > line.x() + line.naturalTextWidth():
            return None
        pos = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter) + vline.block_pos
        if pos >= vline.qt_end:
            pos = max(vline.qt_end - 1, vline.qt_start)
        return self.offsets.from_qt(pos, "left")
