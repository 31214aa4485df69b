"""Room above the visual lines of the article that carry label tags or relation arcs.

``QPlainTextDocumentLayout`` ignores block line heights and margins, and its block layout
routine is not virtual. It does ask ``blockBoundingRect`` for every block it places, paints or
hit-tests, so this subclass moves the lines of a block down there (``QTextLine.setPosition``),
each by the band its content needs (``band_of``), when it first sees the block laid out that
way. Lines without tags or arcs keep no band, so the text keeps its room. Only the blocks Qt
asks about are measured, and scrolling stays line based: a 5 MB article costs nothing more to
open, and a change of spans only makes the visible blocks measure their lines again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QPlainTextDocumentLayout

BandOf = Callable[[int, int], float]
"""The free height above a visual line, given its Qt position range [start, end)."""


Placement = tuple[tuple[int, int, float], ...]
"""Where each line of a block starts, how long it is and where it sits: a block Qt laid out
again (new text, new width) no longer matches what this layout placed."""


def _placement(lines: list[QTextLine]) -> Placement:
    return tuple((line.textStart(), line.textLength(), line.y()) for line in lines)


class BandedLayout(QPlainTextDocumentLayout):
    """A plain text layout with ``band_of(line)`` pixels free above each visual line."""

    def __init__(self, document: QTextDocument, band_of: BandOf) -> None:
        super().__init__(document)
        self._band_of = band_of
        self._generation = 0
        self._placed: dict[int, tuple[int, Placement]] = {}

    def invalidate_bands(self) -> None:
        """What the lines carry changed: every block measures its bands again when next asked."""
        self._generation += 1
        self._placed.clear()

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0:
            return rect
        lines = [layout.lineAt(index) for index in range(count)]
        placed = _placement(lines)
        number = block.blockNumber()
        if self._placed.get(number) == (self._generation, placed):
            return rect
        position = block.position()
        y = 0.0
        for line in lines:
            start = position + line.textStart()
            y += self._band_of(start, start + line.textLength())
            line.setPosition(QPointF(line.x(), y))
            y += line.height()
        self._placed[number] = (self._generation, _placement(lines))
        return super().blockBoundingRect(block)
