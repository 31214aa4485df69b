"""The learning curve as a picture: held-out F against the share of the training documents,
each point labelled with how many documents it was trained on. Painted with QPainter like
``statistics_chart.py`` (QtCharts is not part of PySide6-Essentials); where each point is
drawn is answered by ``point_rect``, which is also what tests look at."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from annotator.training.curve import LearningCurve

LINE_COLOR = QColor("#5c7cfa")
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 44, 30, 34
_POINT = 8.0
_LABEL_WIDTH, _LABEL_HEIGHT = 80.0, 16.0
Y_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


class LearningCurveChart(QWidget):
    """Held-out F (0..1, bottom to top) against the share of training documents (0..1, left
    to right); empty until ``set_curve``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curve: LearningCurve | None = None
        self.setMinimumSize(320, 220)

    def set_curve(self, curve: LearningCurve | None) -> None:
        self.curve = curve
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(460, 280)

    def plot_rect(self) -> QRectF:
        """The area inside the axes: share 0 at its left, F 1.0 at its top."""
        return QRectF(
            _LEFT,
            _TOP,
            max(1.0, self.width() - _LEFT - _RIGHT),
            max(1.0, self.height() - _TOP - _BOTTOM),
        )

    def point_center(self, share: float, f: float) -> QPointF:
        plot = self.plot_rect()
        return QPointF(plot.left() + share * plot.width(), plot.bottom() - f * plot.height())

    def point_rect(self, index: int) -> QRectF:
        """Where point ``index`` of the curve is drawn."""
        assert self.curve is not None
        point = self.curve.points[index]
        center = self.point_center(point.share, point.scores.overall.f)
        return QRectF(center.x() - _POINT / 2, center.y() - _POINT / 2, _POINT, _POINT)

    def label_rect(self, index: int) -> QRectF:
        """Where point ``index``'s document count is written: above the point."""
        point = self.point_rect(index)
        return QRectF(
            point.center().x() - _LABEL_WIDTH / 2,
            point.top() - _LABEL_HEIGHT - 2,
            _LABEL_WIDTH,
            _LABEL_HEIGHT,
        )

    def label_text(self, index: int) -> str:
        assert self.curve is not None
        point = self.curve.points[index]
        return f"{point.documents} docs · {100 * point.scores.overall.f:.0f}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        faint = QColor(text)
        faint.setAlpha(60)
        plot = self.plot_rect()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(
            QRectF(4, 0, self.width() - 8, _TOP - 6),
            Qt.AlignmentFlag.AlignVCenter,
            "Held-out F by share of the training documents",
        )
        font.setBold(False)
        painter.setFont(font)
        for tick in Y_TICKS:
            y = plot.bottom() - tick * plot.height()
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 8, _LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{100 * tick:.0f}",
            )
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        curve = self.curve
        if curve is None or not curve.points:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "no curve yet")
            painter.end()
            return
        for point in curve.points:
            x = plot.left() + point.share * plot.width()
            painter.drawText(
                QRectF(x - 30, plot.bottom() + 4, 60, 16),
                Qt.AlignmentFlag.AlignCenter,
                f"{100 * point.share:.0f} %",
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16),
            Qt.AlignmentFlag.AlignCenter,
            "share of the training documents",
        )
        path = QPainterPath()
        for index in range(len(curve.points)):
            center = self.point_rect(index).center()
            if index == 0:
                path.moveTo(center)
            else:
                path.lineTo(center)
        painter.setPen(QPen(LINE_COLOR, 2))
        painter.drawPath(path)
        for index in range(len(curve.points)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LINE_COLOR)
            painter.drawEllipse(self.point_rect(index))
            painter.setPen(text)
            painter.drawText(
                self.label_rect(index), Qt.AlignmentFlag.AlignCenter, self.label_text(index)
            )
        painter.end()
