"""Help ▸ Keyboard Shortcuts (F1): every key the app answers to, read from the live window.

Window actions come from the shortcut registry (so a rebound key shows at once), label keys
from the project's schema, and the keys widgets handle themselves from ``FIXED_KEYS``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import Schema
from annotator.gui.actions.shortcuts import FIXED_KEYS, ShortcutRegistry, keys_text

Row = tuple[str, str, str]
"""(section, keys, what)"""


def cheat_sheet_rows(registry: ShortcutRegistry, schema: Schema) -> list[Row]:
    rows: list[Row] = []
    for entry in registry.entries():
        keys = keys_text(entry.current())
        if keys:
            rows.append((entry.section, keys, entry.text))
    for label in schema.labels:
        if label.hotkey:
            rows.append(
                (
                    "Labels (select text, press the key)",
                    label.hotkey,
                    f"{label.name} ({label.layer})",
                )
            )
    rows.extend((section, keys, what) for section, keys, what, _ in FIXED_KEYS)
    return rows


class CheatSheet(QDialog):
    def __init__(
        self, registry: ShortcutRegistry, schema: Schema, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.registry, self.schema = registry, schema
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter (action or key)")
        self.filter.setClearButtonEnabled(True)
        self.browser = QTextBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.filter.textChanged.connect(self.reload)
        self.resize(560, 680)
        self.reload()

    def rows(self) -> list[Row]:
        needle = self.filter.text().strip().lower()
        rows = cheat_sheet_rows(self.registry, self.schema)
        if needle:
            rows = [r for r in rows if needle in r[1].lower() or needle in r[2].lower()]
        return rows

    def reload(self) -> None:
        """Re-read the keys (the dialog is reused; rebinding may have happened since)."""
        parts: list[str] = []
        section = None
        for name, keys, what in self.rows():
            if name != section:
                if section is not None:
                    parts.append("</table>")
                parts.append(f"<h3>{escape(name)}</h3><table cellspacing='0' cellpadding='3'>")
                section = name
            parts.append(
                f"<tr><td width='190'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
            )
        if section is not None:
            parts.append("</table>")
        self.browser.setHtml("".join(parts) or "<p>No key matches the filter.</p>")

    def text(self) -> str:
        return self.browser.toPlainText()
