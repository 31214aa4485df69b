"""Tools ▸ Statistics, Settings ▸ Keyboard Shortcuts and Help ▸ Keyboard Shortcuts: the
non-modal windows that show the project's figures and every key, reused while open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from annotator.gui.actions.menu_tools import add_action, menu, present
from annotator.gui.actions.shortcuts import ShortcutRegistry
from annotator.gui.dialogs.cheat_sheet import CheatSheet
from annotator.gui.dialogs.shortcuts import ShortcutsDialog
from annotator.gui.dialogs.statistics import StatsDialog
from annotator.gui.state import Workspace


class ToolDialogs(QObject):
    def __init__(
        self,
        workspace: Workspace,
        shortcuts: Callable[[], ShortcutRegistry],
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self._shortcuts = shortcuts
        """The window's shortcut registry (built after every action exists)."""
        self.window = window
        """The parent of the dialogs."""
        self.stats_dialog: StatsDialog | None = None
        self.cheat_sheet: CheatSheet | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

        tools = menu(window, "&Tools")
        tools.addSeparator()
        self.stats_action = add_action(
            window,
            tools,
            "tools.statistics",
            "&Statistics…",
            ["Ctrl+Shift+T"],
            "Spans per label, layer and annotator, progress, as bar charts",
            self.show_statistics,
        )
        self.shortcuts_action = add_action(
            window,
            menu(window, "&Settings"),
            "settings.keyboard_shortcuts",
            "&Keyboard Shortcuts…",
            ["Ctrl+Alt+S"],
            "Change the key of any action",
            self.show_shortcuts_dialog,
        )
        help_menu = menu(window, "&Help")
        self.cheat_action = add_action(
            window,
            None,
            "help.keyboard_shortcuts",
            "&Keyboard Shortcuts",
            ["F1"],
            "Every key the app answers to",
            self.show_cheat_sheet,
        )
        if help_menu.actions():
            first = help_menu.actions()[0]
            help_menu.insertAction(first, self.cheat_action)
            help_menu.insertSeparator(first)
        else:
            help_menu.addAction(self.cheat_action)

    def show_statistics(self) -> None:
        if self.stats_dialog is None:
            self.stats_dialog = StatsDialog(self.workspace.repo, self.window)
        if self.stats_dialog.isVisible():
            self.stats_dialog.refresh()
        present(self.stats_dialog)

    def show_cheat_sheet(self) -> None:
        if self.cheat_sheet is None:
            self.cheat_sheet = CheatSheet(self._shortcuts(), self.workspace.schema, self.window)
        self.cheat_sheet.schema = self.workspace.schema  # label keys may have changed since
        self.cheat_sheet.reload()
        present(self.cheat_sheet)

    def show_shortcuts_dialog(self) -> None:
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self._shortcuts(), self.window)
        present(self.shortcuts_dialog)
