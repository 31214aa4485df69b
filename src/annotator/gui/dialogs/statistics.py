"""Tools ▸ Statistics: the corpus figures as bar charts, re-read on open and on Refresh (F5).

Non-modal, so the user can keep annotating and refresh to see the bars move.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from annotator.gui.dialogs.statistics_chart import StatsView
from annotator.store.repository import Repository


class StatsDialog(QDialog):
    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Corpus statistics")
        self.repo = repo
        self.view = StatsView(self)
        buttons = QDialogButtonBox(self)
        self.refresh_button = buttons.addButton("&Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip("Read the figures again (F5)")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.rejected.connect(self.close)
        self.resize(620, 640)

    def refresh(self) -> None:
        self.view.load(self.repo)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
