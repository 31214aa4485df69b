"""Label tags: a small chip with the label's name above the first line of every visible span.

Tags sit in the band ``BandedLayout`` leaves above each line, so they never cover glyphs. On
one line they are placed left to right from the span's start; a tag that would overlap the
previous one moves right, so every span keeps a readable tag. Section spans are labelled in
the gutter instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText, QTransform

from annotator.core.model import Span
from annotator.gui.article.frame import Frame
from annotator.gui.article.painter import SpanStyles

GAP = 2.0  # px between two tags on a line
PADDING = 3.0  # px left and right of the name inside its chip


@dataclass(frozen=True)
class Tag:
    span_id: str
    label: str
    rect: QRectF  # viewport coordinates, inside the band above the span's first line


def tag_font(text_font: QFont) -> QFont:
    font = QFont(text_font)
    font.setPointSizeF(max(text_font.pointSizeF() * 0.7, 6.0))
    return font


def band_height(text_font: QFont) -> float:
    """The height to leave above each line for tags in ``tag_font(text_font)``."""
    return float(int(QFontMetricsF(tag_font(text_font)).height()) + 2)


class TagPainter:
    """Lays out and paints tags in one font, caching the width of each label's name."""

    def __init__(self, text_font: QFont) -> None:
        self.font = tag_font(text_font)
        self._metrics = QFontMetricsF(self.font)
        self.height = band_height(text_font)
        self._widths: dict[str, float] = {}
        self._inks: dict[int, QColor] = {}
        self._names: dict[str, QStaticText] = {}  # by the chip's colour (rgba)

    def width(self, label: str) -> float:
        width = self._widths.get(label)
        if width is None:
            width = self._widths[label] = self._metrics.horizontalAdvance(label) + 2 * PADDING
        return width

    def layout(self, frame: Frame, spans: list[Span], styles: SpanStyles) -> list[Tag]:
        """One tag per visible non-section span whose first character is on screen, in the
        bottom ``height`` pixels of the band above its line."""
        placed: dict[float, list[tuple[float, int, str, str]]] = {}
        for span in spans:
            if styles.style(span.layer) == "section" or span.start < frame.cp_first:
                continue
            rects = frame.boxes(span.start, span.end)
            if not rects:
                continue
            first = rects[0]
            placed.setdefault(first.top(), []).append(
                (first.left(), -(span.end - span.start), span.id, span.label)
            )
        tags: list[Tag] = []
        height = self.height - 2
        for top, items in placed.items():
            items.sort()
            right = float("-inf")
            for left, _length, span_id, label in items:
                x = max(left, right + GAP)
                rect = QRectF(x, top - self.height + 1, self.width(label), height)
                tags.append(Tag(span_id, label, rect))
                right = rect.right()
        return tags

    def paint(self, painter: QPainter, tags: list[Tag], styles: SpanStyles) -> None:
        """Chips first, then names: two passes over the frame's tags switch brush and pen
        once per label instead of twice per tag. Tags on a line never overlap, so the order
        of drawing does not change a pixel."""
        painter.setFont(self.font)
        painter.setPen(Qt.PenStyle.NoPen)
        by_label: dict[str, list[QRectF]] = {}
        for tag in tags:
            by_label.setdefault(tag.label, []).append(tag.rect)
        for label, rects in by_label.items():
            painter.setBrush(styles.color(label))
            for rect in rects:
                painter.drawRoundedRect(rect, 2.0, 2.0)
        for label, rects in by_label.items():
            color = styles.color(label)
            ink = self._inks.get(color.rgba())
            if ink is None:
                ink = self._inks[color.rgba()] = _ink(color)
            painter.setPen(ink)
            name = self._name(label)
            size = name.size()
            for rect in rects:
                corner = QPointF(
                    rect.x() + (rect.width() - size.width()) / 2,
                    rect.y() + (rect.height() - size.height()) / 2,
                )
                painter.drawStaticText(corner, name)

    def _name(self, label: str) -> QStaticText:
        """A label's name laid out once in the tag font (``drawText`` lays it out per call).
        Centred in its chip by its size, its glyphs land on the pixels ``drawText(rect,
        AlignCenter, label)`` gave them."""
        name = self._names.get(label)
        if name is None:
            name = self._names[label] = QStaticText(label)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.prepare(QTransform(), self.font)
        return name


def _ink(background: QColor) -> QColor:
    """Black on light chips, white on dark ones (relative luminance threshold)."""
    luminance = 0.2126 * background.redF() + 0.7152 * background.greenF()
    luminance += 0.0722 * background.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")
