"""Tools ▸ Statistics, Settings ▸ Keyboard Shortcuts and Help ▸ Keyboard Shortcuts: the
non-modal windows that show the project's figures and every key, reused while open."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from annotator.gui.actions.shortcuts import ShortcutRegistry
from annotator.gui.dialogs.cheat_sheet import CheatSheet
from annotator.gui.dialogs.shortcuts import ShortcutsDialog
from annotator.gui.dialogs.statistics import StatsDialog
from annotator.gui.state import Workspace
from annotator.gui.widgets.present import present


class ToolDialogs(QObject):
    def __init__(
        self,
        workspace: Workspace,
        shortcuts: ShortcutRegistry,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.shortcuts = shortcuts
        self.window = window
        """The parent of the dialogs."""
        self.stats_dialog: StatsDialog | None = None
        self.cheat_sheet: CheatSheet | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def show_statistics(self) -> None:
        if self.stats_dialog is None:
            self.stats_dialog = StatsDialog(self.workspace.repo, self.window)
        if self.stats_dialog.isVisible():
            self.stats_dialog.refresh()
        present(self.stats_dialog)

    def show_cheat_sheet(self) -> None:
        if self.cheat_sheet is None:
            self.cheat_sheet = CheatSheet(self.shortcuts, self.workspace.schema, self.window)
        self.cheat_sheet.schema = self.workspace.schema  # label keys may have changed since
        self.cheat_sheet.reload()
        present(self.cheat_sheet)

    def show_shortcuts_dialog(self) -> None:
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.shortcuts, self.window)
        present(self.shortcuts_dialog)
