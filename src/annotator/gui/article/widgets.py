"""Small widgets around the article view: the section gutter, the marked scroll bar and the
banner a mode shows over the text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QScrollBar, QStyle, QStyleOptionSlider, QWidget

MARK = QColor("#e8590c")


class SectionGutter(QWidget):
    """The strip left of the text (a viewport margin) where section bars are painted.

    It owns no state: ``paint`` is the view's callback, so the bars always match the text.
    """

    def __init__(
        self,
        parent: QWidget,
        paint: Callable[[QPainter], None],
        clicked: Callable[[QPointF], None],
    ) -> None:
        super().__init__(parent)
        self._paint = paint
        self._clicked = clicked
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def configure(self, labels: list[str], text_font: QFont) -> int:
        """Use a font a little smaller than the text's; return the width the labels need."""
        font = QFont(text_font)
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.0))
        self.setFont(font)
        metrics = QFontMetricsF(font)
        widest = max((metrics.horizontalAdvance(name) for name in labels), default=0.0)
        self.setVisible(bool(labels))
        return int(widest + 16) if labels else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        self._paint(painter)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._clicked(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()


class MarkedScrollBar(QScrollBar):
    """A vertical scroll bar with marks (e.g. find hits) at fractions of the document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._marks: list[float] = []
        self._current: float | None = None

    def set_marks(self, fractions: list[float], current: float | None = None) -> None:
        self._marks = fractions
        self._current = current
        self.update()

    def marks(self) -> list[float]:
        return list(self._marks)

    def groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarGroove, self
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks and self._current is None:
            return
        groove = self.groove()
        painter = QPainter(self)
        rows = {int(groove.top() + f * (groove.height() - 2)) for f in self._marks}
        for y in sorted(rows):
            painter.fillRect(groove.left() + 2, y, groove.width() - 4, 2, MARK)
        if self._current is not None:
            y = int(groove.top() + self._current * (groove.height() - 3))
            painter.fillRect(groove.left(), y, groove.width(), 3, MARK.darker(140))
        painter.end()


class ModeBanner(QLabel):
    """A strip along the bottom of the viewport saying what a mode does (relation mode)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("ModeBanner")
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "#ModeBanner { background: #fff3bf; color: #1b1b1b; border-top: 1px solid #e0a800;"
            " padding: 4px 8px; }"
        )
        self.hide()

    def show_text(self, text: str) -> None:
        parent = self.parentWidget()
        self.setText(text)
        if parent is not None:
            width = parent.width()
            height = self.heightForWidth(width)
            self.setGeometry(0, parent.height() - height, width, height)
        self.show()
        self.raise_()
