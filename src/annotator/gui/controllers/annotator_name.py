"""Who the edits are recorded under: File ▸ Set Annotator Name… and the name in the status bar.

On a secured server project (``annotator team grant`` ran on it) the name is the role the app
connected as, and the server's row-level security refuses every edit made under another
name; so there the name cannot be switched: the action is disabled and says why, in its
tooltip, its status tip and the status bar's annotator field.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.gui.dialogs.annotator_name import ask_annotator_name
from annotator.gui.editing.tasks import TaskRunner
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.postgres.roles import connected_annotator


def role_reason(role: str) -> str:
    """Why the annotator name cannot be changed on a secured server project."""
    return f"On this server project you are the role {role}; the server decides who writes what"


class AnnotatorName(QObject):
    def __init__(
        self, workspace: Workspace, runner: TaskRunner, status: StatusBar, window: QWidget
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner, self.status, self.window = workspace, runner, status, window
        self.role = connected_annotator(workspace.repo.db)
        """The role the app connected as on a secured server project; None elsewhere."""
        status.set_annotator(workspace.annotator)
        if self.role is not None:
            status.explain_annotator(role_reason(self.role))
        workspace.annotatorChanged.connect(self._changed)

    def explain_unavailable(self, action: QAction) -> None:
        """Disable File ▸ Set Annotator Name… on a secured server project, saying why."""
        if self.role is not None:
            action.setEnabled(False)
            action.setToolTip(role_reason(self.role))
            action.setStatusTip(role_reason(self.role))

    def ask(self) -> None:
        """Ask for a name to record from now on (never on a secured server project)."""
        if self.role is not None:
            self.status.problem(role_reason(self.role))
            return
        ask_annotator_name(self.window, self.workspace)

    def _changed(self, name: str) -> None:
        self.runner.viewer = name
        self.status.set_annotator(name)
        self.status.info(f"Annotator name set to {name}; it is recorded on every new edit")
