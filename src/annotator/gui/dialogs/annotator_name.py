"""File ▸ Set Annotator Name…: the name recorded on every edit, kept in the user's config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit

from annotator.config import save_config

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def ask_annotator_name(window: MainWindow) -> str | None:
    name, ok = QInputDialog.getText(
        window,
        "Annotator Name",
        "Name recorded on every span and edit you make:",
        QLineEdit.EchoMode.Normal,
        window.annotator,
    )
    name = name.strip()
    if not ok or not name:
        return None
    set_annotator_name(window, name)
    return name


def set_annotator_name(window: MainWindow, name: str) -> None:
    save_config({"annotator": name})
    window.set_annotator(name)
    window.status_bar.info(f"Annotator name set to {name}; it is recorded on every new edit")
