"""The status bar: the last thing that happened (saved, refused, info), who is annotating,
and which database is open. Messages stay until the next one: "Saved" is a fact, not a toast."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

_STYLES = {
    "saved": "color: palette(window-text);",
    "info": "color: palette(window-text);",
    "problem": "color: #c92a2a; font-weight: 600;",
}


class StatusBar(QStatusBar):
    def __init__(self, project: str, where: str, parent: QWidget | None = None) -> None:
        """``project`` is the project's short name ("project.db", "corpus on db.example.org"),
        ``where`` its full location (the file's path, or the server, database and role)."""
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self._message = QLabel(self)
        self._message.setMinimumWidth(200)
        self.addWidget(self._message, 1)
        self._warning = QLabel(self)
        self._warning.setStyleSheet("color: #c92a2a;")
        self._warning.hide()
        self.addPermanentWidget(self._warning)
        self._annotator = QLabel(self)
        self._annotator.setToolTip("Recorded on every edit (File ▸ Set Annotator Name…)")
        self.addPermanentWidget(self._annotator)
        self._db = QLabel(project, self)
        self._db.setToolTip(f"Project database: {where}\nEvery edit is committed here.")
        self.addPermanentWidget(self._db)
        for label in (self._warning, self._annotator, self._db):
            label.setContentsMargins(8, 0, 8, 0)
        self._kind = "info"

    def saved(self, text: str) -> None:
        self._show(text, "saved")

    def problem(self, text: str) -> None:
        self._show(text, "problem")

    def info(self, text: str) -> None:
        self._show(text, "info")

    def clear_problem(self) -> None:
        """Drop a red message once the user has moved on (opened a document, picked a span),
        so an old failure does not read as the state of what they do now."""
        if self._kind == "problem":
            self._show("", "info")

    def message(self) -> str:
        return self._message.text()

    def kind(self) -> str:
        return self._kind

    def set_annotator(self, name: str) -> None:
        self._annotator.setText(f"Annotator: {name}")

    def explain_annotator(self, why: str) -> None:
        """Say why the annotator name is what it is (a server project's role decides it)."""
        self._annotator.setToolTip(why)

    def annotator_text(self) -> str:
        return self._annotator.text()

    def annotator_tooltip(self) -> str:
        return self._annotator.toolTip()

    def project_text(self) -> str:
        return self._db.text()

    def project_tooltip(self) -> str:
        return self._db.toolTip()

    def warn(self, text: str) -> None:
        """A lasting warning (e.g. the database is on a network file system)."""
        self._warning.setText(f"⚠ {text}")
        self._warning.setToolTip(text)
        self._warning.show()

    def warning_text(self) -> str:
        return "" if self._warning.isHidden() else self._warning.text()

    def _show(self, text: str, kind: str) -> None:
        self._kind = kind
        self._message.setStyleSheet(_STYLES[kind])
        self._message.setText(" ".join(text.split()))
        self._message.setToolTip(text)
