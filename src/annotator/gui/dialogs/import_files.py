"""File ▸ Import…: the chosen inputs with the format each holds, and the import options.

Each input is planned exactly as the import will read it (``formats.importer.plan_sources``:
detected by content unless a format is forced), so what the list shows is what will happen;
an input that cannot be read says why on its own row. With "skip bad inputs" those rows are
left out and listed in the report; without it, Import stays disabled until they are removed.
When a brat input comes with an ``annotation.conf``, the dialog offers to add the types it
declares to the project schema first (``formats.brat_conf``; the CLI's ``--schema-from-conf``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.formats.brat_conf import conf_files
from annotator.formats.importer import plan_sources
from annotator.formats.records import FormatError
from annotator.formats.registry import import_formats
from annotator.formats.warc import url_filter
from annotator.gui.settings import IMPORT_LANG, IMPORT_OFFSETS, read_str

FILE_FILTER = (
    "Importable files (*.txt *.jsonl *.json *.conll *.iob *.bio *.ann *.html *.htm *.warc "
    "*.warc.gz);;Web pages and archives (*.html *.htm *.warc *.warc.gz);;All files (*)"
)
WEB_FORMATS = ("html", "warc")
ERROR_COLOR = QColor("#b00020")


def describe_input(path: Path, fmt: str | None) -> tuple[str, str | None]:
    """``(what the import will read, None)`` or ``("", why it cannot)`` for one input."""
    try:
        sources = plan_sources([path], fmt)
    except FormatError as exc:
        return "", str(exc)
    names = sorted({name for _, name in sources})
    if (path.is_dir() and names != ["brat"]) or len(sources) > 1:
        return f"folder: {len(sources)} file(s), {', '.join(names)}", None
    return names[0], None


def _without_path(message: str, path: Path) -> str:
    """The reason alone: the row already names the input."""
    prefix = str(path)
    if message.startswith(prefix):
        message = message[len(prefix) :].lstrip(":0123456789 ")
    return message


class ImportDialog(QDialog):
    def __init__(
        self,
        paths: Iterable[Path] = (),
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Documents")
        self.setMinimumWidth(620)
        self.settings = settings
        self._paths: list[Path] = []
        self._errors: dict[Path, str] = {}
        self._formats: dict[Path, str] = {}

        self.inputs = QTreeWidget(self)
        self.inputs.setColumnCount(2)
        self.inputs.setHeaderLabels(["Input", "Format"])
        self.inputs.setRootIsDecorated(False)
        self.inputs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.inputs.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_files_button = QPushButton("Add &Files…", self)
        self.add_files_button.clicked.connect(self._add_files)
        self.add_folder_button = QPushButton("Add F&older…", self)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        side = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.inputs, 1)
        top.addLayout(side)

        self.format_box = QComboBox(self)
        self.format_box.addItem("Detect by content", None)
        for name in import_formats():
            self.format_box.addItem(name, name)
        self.offsets_box = QComboBox(self)
        self.offsets_box.addItem("UTF-16 units (doccano's own)", "utf16")
        self.offsets_box.addItem("Code points", "codepoint")
        self.offsets_box.setToolTip(
            "The unit of a doccano file's offsets: doccano itself counts UTF-16 units"
        )
        self.lang_edit = QLineEdit(self)
        self.lang_edit.setPlaceholderText("en")
        self.lang_edit.setMaximumWidth(120)
        self.lang_edit.setToolTip(
            "Language code for documents whose file does not give one (.txt, CoNLL, …)"
        )
        self.skip_check = QCheckBox("Import the good inputs and list the bad ones", self)
        self.conf_check = QCheckBox(
            "Add the labels, relations and attributes of its annotation.conf to the schema", self
        )
        self.conf_check.setToolTip(
            "Through the usual schema change: only additions, recorded in the edit log"
        )
        self.boilerplate_check = QCheckBox(
            "Keep ad lines, read-also links and footers (suggested as BOILERPLATE)", self
        )
        self.boilerplate_check.setToolTip(
            "Web pages: without this they are left out of the text and counted in the report"
        )
        self.url_filter_edit = QLineEdit(self)
        self.url_filter_edit.setPlaceholderText("every URL")
        self.url_filter_edit.setToolTip(
            "Web archives: import only responses whose URL matches this regular expression"
        )
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("doccano offsets:", self.offsets_box)
        form.addRow("Language:", self.lang_edit)
        form.addRow("Web pages:", self.boilerplate_check)
        form.addRow("Archive URLs:", self.url_filter_edit)
        form.addRow("Bad inputs:", self.skip_check)
        form.addRow("brat corpus:", self.conf_check)

        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Inputs, each read as the format shown (told by its content):"))
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self._restore()
        self.format_box.currentIndexChanged.connect(self._replan)
        self.skip_check.toggled.connect(self._validate)
        self.url_filter_edit.textChanged.connect(self._validate)
        self.add_paths(paths)

    # ----- inputs -----------------------------------------------------------------------------
    def add_paths(self, paths: Iterable[Path]) -> None:
        for path in paths:
            if path not in self._paths:
                self._paths.append(path)
        self._replan()

    def remove_selected(self) -> None:
        rows = {self.inputs.indexOfTopLevelItem(item) for item in self.inputs.selectedItems()}
        self._paths = [p for n, p in enumerate(self._paths) if n not in rows]
        self._replan()

    def _add_files(self) -> None:
        start = str(self._paths[-1].parent) if self._paths else ""
        names, _ = QFileDialog.getOpenFileNames(self, "Add Files", start, FILE_FILTER)
        self.add_paths(Path(name) for name in names)

    def _add_folder(self) -> None:
        start = str(self._paths[-1].parent) if self._paths else ""
        folder = QFileDialog.getExistingDirectory(self, "Add Folder", start)
        if folder:
            self.add_paths([Path(folder)])

    def _replan(self) -> None:
        self.inputs.clear()
        self._errors.clear()
        self._formats.clear()
        for path in self._paths:
            what, error = describe_input(path, self.chosen_format())
            shown = what or f"✗ {_without_path(error or '', path)}"
            item = QTreeWidgetItem([str(path), shown])
            item.setToolTip(0, str(path))
            if error is not None:
                self._errors[path] = error
                item.setForeground(1, QBrush(ERROR_COLOR))
                item.setToolTip(1, error)
            else:
                self._formats[path] = what
            self.inputs.addTopLevelItem(item)
        doccano = any("doccano" in what for what in self._formats.values())
        self.offsets_box.setEnabled(doccano)
        confs = [
            conf
            for path, what in self._formats.items()
            if "brat" in what
            for conf in conf_files(path)
        ]
        self.conf_check.setEnabled(bool(confs))
        self.conf_check.setToolTip(
            "\n".join(str(conf) for conf in confs) or "No brat input with an annotation.conf"
        )
        web = any(name in what for what in self._formats.values() for name in WEB_FORMATS)
        self.boilerplate_check.setEnabled(web)
        self.url_filter_edit.setEnabled(any("warc" in what for what in self._formats.values()))
        self._validate()

    # ----- what the user chose ----------------------------------------------------------------
    def chosen_format(self) -> str | None:
        value = self.format_box.currentData()
        return str(value) if value else None

    def chosen_offsets(self) -> str:
        return str(self.offsets_box.currentData())

    def chosen_lang(self) -> str | None:
        return self.lang_edit.text().strip() or None

    def skip_bad(self) -> bool:
        return self.skip_check.isChecked()

    def schema_from_conf(self) -> bool:
        return self.conf_check.isEnabled() and self.conf_check.isChecked()

    def keep_boilerplate(self) -> bool:
        return self.boilerplate_check.isChecked()

    def url_filter(self) -> str | None:
        return self.url_filter_edit.text().strip() or None

    def bad_inputs(self) -> dict[Path, str]:
        """Inputs that cannot be read, with the reason."""
        return dict(self._errors)

    def good_paths(self) -> list[Path]:
        return [p for p in self._paths if p not in self._errors]

    def _validate(self) -> None:
        problem = ""
        if not self._paths:
            problem = "Add files or folders to import."
        elif self._errors and not self.skip_bad():
            problem = (
                f"{len(self._errors)} input(s) cannot be read (see the list); remove them or "
                "choose to import the good ones and list the bad."
            )
        elif not self.good_paths():
            problem = "No input can be read."
        elif self.url_filter() is not None:
            try:
                url_filter(self.url_filter())
            except FormatError as exc:
                problem = str(exc)
        self.hint.setText(problem)
        self.import_button.setEnabled(not problem)

    # ----- remembered choices -----------------------------------------------------------------
    def accept(self) -> None:
        if self.settings is not None:
            self.settings.setValue(IMPORT_OFFSETS, self.chosen_offsets())
            self.settings.setValue(IMPORT_LANG, self.lang_edit.text().strip())
        super().accept()

    def _restore(self) -> None:
        if self.settings is None:
            return
        offsets = read_str(self.settings, IMPORT_OFFSETS, "utf16")
        self.offsets_box.setCurrentIndex(max(self.offsets_box.findData(offsets), 0))
        self.lang_edit.setText(read_str(self.settings, IMPORT_LANG))
