"""Room above every visual line of the article for the spans' label tags.

``QPlainTextDocumentLayout`` ignores block line heights and margins, and its block layout
routine is not virtual. It does ask ``blockBoundingRect`` for every block it places, paints or
hit-tests, so this subclass moves the lines of a block down there (``QTextLine.setPosition``),
each by one band, the first time it sees the block laid out. Scrolling stays line based, so a
5 MB article costs nothing more to open.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class BandedLayout(QPlainTextDocumentLayout):
    """A plain text layout with ``band`` pixels free above every visual line."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.band = 0.0

    def set_band(self, band: float) -> None:
        """Change the free height; every block is laid out again when next shown."""
        if band == self.band:
            return
        self.band = band
        document = self.document()
        document.markContentsDirty(0, document.characterCount())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0 or layout.lineAt(0).y() == self.band:
            return rect
        y = 0.0
        for index in range(count):
            line = layout.lineAt(index)
            y += self.band
            line.setPosition(QPointF(line.x(), y))
            y += line.height()
        return super().blockBoundingRect(block)
