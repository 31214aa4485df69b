"""Issue 5 in the window: find, corpus search, annotate all, suggestions, the work queue,
statistics, the shortcut cheat sheet and rebinding.

Each feature lives in its own controller module; this one creates them, connects them to
each other and gives the window's older shortcut-less actions a default key, so that every
action has one (the shortcut registry, built after this, records these as the defaults).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from annotator.gui.actions.menu_tools import add_action, menu, present
from annotator.gui.actions.panel_keys import install_panel_keys
from annotator.gui.controllers.annotate_all import AnnotateAllController
from annotator.gui.controllers.corpus_search import SearchController
from annotator.gui.controllers.find import FindController
from annotator.gui.controllers.review import ReviewController
from annotator.gui.controllers.work_queue import WorkQueue
from annotator.gui.dialogs.cheat_sheet import CheatSheet
from annotator.gui.dialogs.shortcuts import ShortcutsDialog
from annotator.gui.dialogs.statistics import StatsDialog
from annotator.gui.panels.concordance import ANY

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

STATUS_KEYS = {
    "todo": "Ctrl+1",
    "in_progress": "Ctrl+2",
    "done": "Ctrl+3",
    "needs_review": "Ctrl+4",
}


class FastAnnotation(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.find = FindController(window)
        self.search = SearchController(window)
        self.annotate_all = AnnotateAllController(window)
        self.review = ReviewController(window)
        self.queue = WorkQueue(window)
        self.stats_dialog: StatsDialog | None = None
        self.cheat_sheet: CheatSheet | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

        concordance = self.search.widget
        concordance.annotateAllRequested.connect(
            lambda query, regex, case, word: self.annotate_all.from_query(
                query, regex, case, word, _chosen_label(concordance.label_filter.currentText())
            )
        )
        self.annotate_all.applied.connect(self.search.rerun)

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
        self._default_keys()

    def _default_keys(self) -> None:
        """Keys for the window's actions that had none."""
        window, actions = self.window, self.window.actions_
        actions.snap.setShortcut(QKeySequence("Ctrl+Shift+W"))
        actions.set_annotator.setShortcut(QKeySequence("Ctrl+Shift+U"))
        for status, key in STATUS_KEYS.items():
            if status in actions.status:
                actions.status[status].setShortcut(QKeySequence(key))
        install_panel_keys(
            window,
            [
                (window.doc_dock, window.doc_list),
                (window.palette_dock, window.label_palette),
                (window.span_dock, window.span_list),
                (self.search.dock, self.search.widget.query),
                (self.review.dock, self.review.panel.table),
            ],
        )

    # ----- dialogs (non-modal, reused) ------------------------------------------------------
    def show_statistics(self) -> None:
        if self.stats_dialog is None:
            self.stats_dialog = StatsDialog(self.window.repo, self.window)
        if self.stats_dialog.isVisible():
            self.stats_dialog.refresh()
        present(self.stats_dialog)

    def show_cheat_sheet(self) -> None:
        if self.cheat_sheet is None:
            self.cheat_sheet = CheatSheet(self.window.shortcuts, self.window.schema, self.window)
        self.cheat_sheet.schema = self.window.schema  # label keys may have changed since
        self.cheat_sheet.reload()
        present(self.cheat_sheet)

    def show_shortcuts_dialog(self) -> None:
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.window.shortcuts, self.window)
        present(self.shortcuts_dialog)


def _chosen_label(text: str) -> str:
    """The concordance's label filter, if one is chosen, is the label to give."""
    return "" if text == ANY else text


def install_fast_annotation(window: MainWindow) -> FastAnnotation:
    return FastAnnotation(window)
