"""Project ▸ Agreement…: opens the Agreement view with the project's layers and the
annotators who marked documents done, and measures at once when there are two of them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotator.gui.dialogs.agreement import AgreementDialog
from annotator.gui.editing.tasks import TaskRunner
from annotator.gui.state import Workspace
from annotator.gui.widgets.present import present
from annotator.team.agreement import done_annotators


class AgreementController(QObject):
    documentChosen = Signal(str)
    """The user asked to see a document of the view (to compare its annotations)."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.runner = runner
        self.window = window
        self.dialog: AgreementDialog | None = None

    def open(self) -> None:
        if self.dialog is None:
            self.dialog = AgreementDialog(self.runner.start, self.window)
            self.dialog.documentChosen.connect(self.documentChosen)
        if not self.dialog.isVisible():
            names = done_annotators(self.workspace.repo)
            self.dialog.set_choices(self.workspace.schema, names)
            present(self.dialog)
            self.dialog.compute()
        else:
            present(self.dialog)
