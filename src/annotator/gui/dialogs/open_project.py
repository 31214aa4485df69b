"""File ▸ Open Project…: a project file, or a project on a PostgreSQL server.

Two tabs: a file (typed or chosen with Browse…) and a server connection string
(``postgresql://ana@db.example.org/corpus``, ``service=corpus``), with the server projects
opened before listed under it (click: take it, double-click: open it). The dialog only
gathers the choice; the controller connects. Nothing here keeps a password: the recent list
holds none, and the hint says where libpq finds one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.store.backend import is_server_location

FILE_FILTER = "Annotator projects (*.db *.sqlite);;All files (*)"
FILE_TAB, SERVER_TAB = 0, 1
EXAMPLE_CONNECTION = "postgresql://ana@db.example.org/corpus or service=corpus"
PASSWORD_HINT = (
    "The password comes from ~/.pgpass, the service file or PGPASSWORD. One typed here is "
    "used for this connection only and never remembered."
)
NOT_A_CONNECTION_STRING = (
    "Not a PostgreSQL connection string: postgresql://user@host/database or service=NAME"
)


class OpenProjectDialog(QDialog):
    locationChosen = Signal(str)
    """The file path or connection string to open, emitted when Open is pressed."""

    def __init__(
        self,
        recent_servers: list[str],
        start_folder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Project")
        self.setMinimumWidth(560)
        self._start_folder = start_folder
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._file_tab(), "Project File")
        self.tabs.addTab(self._server_tab(recent_servers), "Server Project")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._open)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.tabs.currentChanged.connect(lambda _index: self._check())
        self.tabs.setCurrentIndex(SERVER_TAB if recent_servers else FILE_TAB)
        self._check()

    def _file_tab(self) -> QWidget:
        tab = QWidget(self)
        self.file_path = QLineEdit(tab)
        self.file_path.setPlaceholderText("the project's .db file")
        self.file_path.textChanged.connect(lambda _text: self._check())
        self.browse = QPushButton("Browse…", tab)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("A SQLite project file on this computer:", tab))
        layout.addLayout(row)
        layout.addStretch(1)
        return tab

    def _server_tab(self, recent_servers: list[str]) -> QWidget:
        tab = QWidget(self)
        self.connection = QLineEdit(tab)
        self.connection.setPlaceholderText(EXAMPLE_CONNECTION)
        self.connection.textChanged.connect(lambda _text: self._check())
        self.recent = QListWidget(tab)
        for location in recent_servers:
            self.recent.addItem(QListWidgetItem(location))
        self.recent.currentTextChanged.connect(self._take_recent)
        self.recent.itemDoubleClicked.connect(lambda item: self._open_recent(item.text()))
        hint = QLabel(PASSWORD_HINT, tab)
        hint.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("A project on a PostgreSQL server (a libpq connection string):"))
        layout.addWidget(self.connection)
        layout.addWidget(hint)
        before = QLabel("Opened before:", tab)
        layout.addWidget(before)
        layout.addWidget(self.recent, 1)
        before.setVisible(bool(recent_servers))
        self.recent.setVisible(bool(recent_servers))
        return tab

    def chosen_location(self) -> str:
        """What Open opens: the file path or the connection string of the current tab."""
        if self.tabs.currentIndex() == SERVER_TAB:
            return self.connection.text().strip()
        return self.file_path.text().strip()

    def _reason_not_to_open(self) -> str:
        location = self.chosen_location()
        if not location:
            return ""
        if self.tabs.currentIndex() == SERVER_TAB:
            return "" if is_server_location(location) else NOT_A_CONNECTION_STRING
        path = Path(location).expanduser()
        if not path.is_file():
            return f"{location}: no such file"
        return ""

    def _check(self) -> None:
        reason = self._reason_not_to_open()
        self.problem.setText(reason)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(bool(self.chosen_location()) and not reason)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Open Project File", self._start_folder, FILE_FILTER
        )
        if chosen:
            self.file_path.setText(chosen)

    def _take_recent(self, location: str) -> None:
        if location:
            self.connection.setText(location)

    def _open_recent(self, location: str) -> None:
        self.connection.setText(location)
        self._open()

    def _open(self) -> None:
        self._check()
        if not self.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled():
            return
        self.locationChosen.emit(self.chosen_location())
        self.accept()
