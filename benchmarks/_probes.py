"""Evidence that a measured step did its work: resident memory and a count of Qt paints."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject


def rss_mb() -> float:
    """Resident memory of this process in MB, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PaintCounter(QObject):
    """Counts the paint events a widget receives: proof that a timed repaint painted."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False
