"""View ▸ Larger Text, Smaller Text and Reset Text Size: the article's font size, kept in the
settings so the next start shows the text as large as it was left."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings

from annotator.gui.article.view import ArticleView
from annotator.gui.panels.status_bar import StatusBar

DEFAULT_FONT_SIZE = 12.0
MIN_FONT_SIZE, MAX_FONT_SIZE = 7.0, 40.0
FONT_SIZE_KEY = "view/font_size"


class TextSize(QObject):
    def __init__(
        self,
        view: ArticleView,
        status_bar: StatusBar,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.status_bar, self.settings = view, status_bar, settings
        self.font_size = DEFAULT_FONT_SIZE
        self._set_font_size(_float(settings.value(FONT_SIZE_KEY), DEFAULT_FONT_SIZE))

    def zoom(self, step: float) -> None:
        """``step`` points larger (negative: smaller); 0 goes back to the default size."""
        self._set_font_size(self.font_size + step if step else DEFAULT_FONT_SIZE)
        self.settings.setValue(FONT_SIZE_KEY, self.font_size)
        self.status_bar.info(f"Text size {self.font_size:g} pt")

    def _set_font_size(self, size: float) -> None:
        self.font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        self.view.set_font_point_size(self.font_size)


def _float(value: object, default: float) -> float:
    """A number from QSettings (INI files give strings back)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
