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
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

BandOf = Callable[[int, int], float]
"""The free height above a visual line, given its Qt position range [start, end)."""


Placement = tuple[int, int, float]
"""A block's line count, where its last line ends and how far down it sits. Qt lays a block
out again (new text, new width, new font) with no bands: a block with a band somewhere then
no longer matches, and one without needs none, however its lines break."""


def _placement(layout: QTextLayout, count: int) -> Placement:
    last = layout.lineAt(count - 1)
    return count, last.textStart() + last.textLength(), last.y()


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

    def invalidate_band_at(self, position: int) -> None:
        """What the lines of the block at Qt ``position`` carry changed."""
        self._placed.pop(self.document().findBlock(position).blockNumber(), None)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0:
            return rect
        number = block.blockNumber()
        if self._placed.get(number) == (self._generation, _placement(layout, count)):
            return rect
        position = block.position()
        y = 0.0
        for index in range(count):
            line = layout.lineAt(index)
            start = position + line.textStart()
            y += self._band_of(start, start + line.textLength())
            line.setPosition(QPointF(line.x(), y))
            y += line.height()
        self._placed[number] = (self._generation, _placement(layout, count))
        return super().blockBoundingRect(block)
