"""Focus mode (F11): every dock hidden so the article has the whole window, and back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDockWidget


class FocusMode:
    """Remembers which docks were open when focus mode began and reopens just those."""

    def __init__(self, docks: Callable[[], list[QDockWidget]]) -> None:
        self._docks = docks
        self._reopen: list[QDockWidget] | None = None

    @property
    def on(self) -> bool:
        return self._reopen is not None

    def toggle(self) -> None:
        if self._reopen is None:
            self._reopen = [dock for dock in self._docks() if dock.isVisible()]
            for dock in self._reopen:
                dock.hide()
        else:
            for dock in self._reopen:
                dock.show()
            self._reopen = None
