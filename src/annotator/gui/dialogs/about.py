"""Help ▸ About: what the app is, where the data lives and the keys that matter.

The keys are the user's own: window actions' keys are read from the shortcut registry (a
rebound key shows as rebound), the keys the text handles itself from ``FIXED_KEYS``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__
from annotator.config import runtime_versions
from annotator.gui.actions.shortcuts import FIXED_KEYS, ShortcutRegistry, keys_text

ABOUT_ACTIONS = (
    "edit.undo",
    "edit.redo",
    "view.zoom_in",
    "view.zoom_out",
    "view.zoom_reset",
    "help.keyboard_shortcuts",
)
"""The window actions the About box names (with their current keys)."""
IN_THE_TEXT = "In the text"


def about_keys(registry: ShortcutRegistry) -> list[tuple[str, str]]:
    """(keys, what they do): label keys, the text's own keys, then a few window actions."""
    rows = [("Label hotkey", "create a span from the selection, or relabel the selected span")]
    rows += [(keys, what) for section, keys, what, _ in FIXED_KEYS if section == IN_THE_TEXT]
    for action_id in ABOUT_ACTIONS:
        entry = registry.entry(action_id)
        keys = keys_text(entry.current())
        if keys:
            rows.append((keys, entry.text))
    return rows


def about_html(database: str, annotator: str, registry: ShortcutRegistry) -> str:
    """``database``: the project's file path, or its server, database and role (no password)."""
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>"
        for k, v in about_keys(registry)
    )
    return (
        f"<h3>Annotator {escape(__version__)}</h3>"
        "<p>Mark entities, claims and sections in news articles. "
        "Every edit is committed to the project database as you make it: there is nothing "
        "to save.</p>"
        f"<p>Database: <code>{escape(database)}</code><br>"
        f"Annotator: {escape(annotator)}</p>"
        f"<table>{rows}</table>"
        f"<p>{versions_html()}</p>"
    )


def versions_html() -> str:
    """The versions a bug report needs (as ``annotator --version`` prints them), with the
    Qt the app actually runs on."""
    lines = [(name, value) for name, value in runtime_versions()]
    lines.insert(3, ("Qt (running)", qVersion()))
    return "<br>".join(f"{escape(name)}: <code>{escape(value)}</code>" for name, value in lines)


def show_about(
    parent: QWidget, database: str, annotator: str, registry: ShortcutRegistry
) -> QMessageBox:
    """Non-modal, so the window stays usable while it is open."""
    box = QMessageBox(parent)
    box.setWindowTitle("About Annotator")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(database, annotator, registry))
    box.setIcon(QMessageBox.Icon.Information)
    box.setModal(False)
    box.show()
    return box
