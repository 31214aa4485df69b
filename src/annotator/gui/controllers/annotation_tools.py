"""Issue 5 in the window: find, corpus search, annotate all, suggestions, the work queue,
statistics, the shortcut cheat sheet and rebinding.

Each feature lives in its own controller module; this one creates them, connects them to
each other and binds the keys that go to a panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.gui.actions.panel_keys import bind_panel_keys
from annotator.gui.controllers.annotate_all import AnnotateAllController
from annotator.gui.controllers.corpus_search import SearchController
from annotator.gui.controllers.find import FindController
from annotator.gui.controllers.review import ReviewController
from annotator.gui.controllers.work_queue import WorkQueue
from annotator.gui.dialogs.cheat_sheet import CheatSheet
from annotator.gui.dialogs.shortcuts import ShortcutsDialog
from annotator.gui.dialogs.statistics import StatsDialog
from annotator.gui.panels.concordance import ANY
from annotator.gui.widgets.present import present

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


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

        actions = window.actions_
        actions.bind("tools.statistics", self.show_statistics)
        actions.bind("settings.keyboard_shortcuts", self.show_shortcuts_dialog)
        actions.bind("help.keyboard_shortcuts", self.show_cheat_sheet)
        bind_panel_keys(
            actions,
            window.view,
            {
                "documents": (window.doc_dock, window.doc_list),
                "labels": (window.palette_dock, window.label_palette),
                "spans": (window.span_dock, window.span_list),
                "corpus_search": (self.search.dock, self.search.widget.query),
                "suggestions": (self.review.dock, self.review.panel.table),
            },
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
