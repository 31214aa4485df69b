"""File ▸ Set Annotator Name…: the name recorded on every edit, kept in the user's config."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from annotator.config import save_config
from annotator.core.team import annotator_problem
from annotator.gui.state import Workspace


def ask_annotator_name(parent: QWidget, workspace: Workspace) -> str | None:
    name, ok = QInputDialog.getText(
        parent,
        "Annotator Name",
        "Name recorded on every span and edit you make:",
        QLineEdit.EchoMode.Normal,
        workspace.annotator,
    )
    name = name.strip()
    if not ok or not name:
        return None
    problem = annotator_problem(name)
    if problem is not None:
        QMessageBox.warning(parent, "Annotator Name", f"{name!r} cannot be used: {problem}.")
        return None
    set_annotator_name(workspace, name)
    return name


def set_annotator_name(workspace: Workspace, name: str) -> None:
    """Remember ``name`` for next time and record it on every new edit from now on."""
    save_config({"annotator": name})
    workspace.set_annotator(name)
