"""Alt+1 … Alt+5: go to a panel from the keyboard, and back to the text.

A dock's own toggle action hides a panel that is already shown, and does nothing visible for a
panel hidden behind another tab, so an annotator pressing Alt+1 "to get to the documents"
lost the panel instead. Here a key shows the panel, brings its tab to the front and puts the
keyboard focus in it; pressed again while the focus is there, it goes back to the text.
The docks' toggle actions stay in the View menu for hiding panels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from annotator.gui.actions.menu_tools import add_action, menu


def go_to_panel(text: QWidget, dock: QDockWidget, target: QWidget) -> None:
    """Show ``dock`` in front with the focus on ``target``; if the focus is already inside
    it, give the focus back to ``text`` (the article view)."""
    focused = QApplication.focusWidget()
    if dock.isVisible() and focused is not None and dock.isAncestorOf(focused):
        text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    dock.show()
    dock.raise_()
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def install_panel_keys(
    window: QMainWindow, text: QWidget, panels: list[tuple[QDockWidget, QWidget]]
) -> None:
    """A "Go to <panel>" action per dock, Alt+1 … in order, in the View menu."""
    view_menu = menu(window, "&View")
    view_menu.addSeparator()
    for number, (dock, target) in enumerate(panels, start=1):
        title = dock.windowTitle()
        add_action(
            window,
            view_menu,
            f"view.go_to.{title.lower().replace(' ', '_')}",
            f"Go to {title}",
            [f"Alt+{number}"],
            f"Show the {title} panel with the keyboard in it; again: back to the text",
            _slot(text, dock, target),
        )


def _slot(text: QWidget, dock: QDockWidget, target: QWidget) -> Callable[[], None]:
    return lambda: go_to_panel(text, dock, target)
