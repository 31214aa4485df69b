"""File ▸ Export…: every option of ``annotator export``, with those a format ignores disabled.

Formats and what each reads come from ``formats.registry.FORMATS``, so a
newly registered format shows up here without touching the GUI. The last choices are kept in
the window's QSettings (the ``EXPORT_*`` keys of ``gui.settings``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT
from annotator.core.team import GOLD
from annotator.formats.export_api import ExportOptions
from annotator.formats.optional import datasets_missing
from annotator.formats.registry import FORMATS, export_formats
from annotator.gui.settings import (
    EXPORT_ALIGNMENT,
    EXPORT_ANNOTATOR,
    EXPORT_FORMAT,
    EXPORT_FRACTIONS,
    EXPORT_HF_UNIT,
    EXPORT_LAYER,
    EXPORT_OFFSETS,
    EXPORT_PARQUET,
    EXPORT_PATH,
    EXPORT_SCHEME,
    EXPORT_SEED,
    EXPORT_SPLIT,
    EXPORT_STATUS,
    read_bool,
    read_int,
    read_str,
)

ALIGNMENT_TIP = (
    "What to do with a span whose start or end falls inside a token:\n"
    "strict: leave it out of the tokens and list it in the report (nothing is moved);\n"
    "expand: widen it to the whole tokens it touches;\n"
    "contract: shrink it to the tokens it covers whole (a span covering none is listed)."
)
SPLIT_NAMES = ("train", "dev", "test")
UNMIXED = ""
ALL_ANNOTATORS = "@all"
ANNOTATOR_CHOICES = (
    ("Documents of one annotator (others left out)", UNMIXED),
    ("Gold of curated documents", GOLD),
    ("All annotators together", ALL_ANNOTATORS),
)
"""The annotator box's first entries: what each exports (the annotators' names follow).
Their values are empty or start with ``@``, which no annotator's name may."""
HF_UNITS = (
    ("One per document", "document"),
    ("One per sentence", "sentence"),
    ("Chunks of at most N tokens", "chunk"),
)


def default_name(fmt: str, folder: bool) -> str:
    """The file or folder name an export gets unless the user types another."""
    return f"annotator-{fmt}" if folder else f"annotator-{fmt}{FORMATS[fmt].suffix}"


class ExportDialog(QDialog):
    def __init__(
        self,
        start_dir: Path,
        parent: QWidget | None = None,
        *,
        layers: Sequence[str] = ("entity",),
        annotators: Sequence[str] = (),
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Project")
        self.setMinimumWidth(540)
        self.settings = settings
        self._build_output(start_dir)
        self._build_selection(layers, annotators)
        self._build_split()
        self._build_format_options()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #b00020;")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for box in (self.output_group, self.selection_group, self.split_group, self.options_group):
            layout.addWidget(box)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._align_labels()
        self._restore()
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.split_check.toggled.connect(self._split_toggled)
        self.path_edit.textChanged.connect(self._validate)
        self.replace_check.toggled.connect(self._validate)
        for spin in self.fractions:
            spin.valueChanged.connect(self._validate)
        self._update_enabled()
        self._validate()

    # ----- building -------------------------------------------------------------------------
    def _build_output(self, start_dir: Path) -> None:
        self.output_group = QGroupBox("Output", self)
        self.format_box = QComboBox(self)
        self.format_box.addItems(sorted(export_formats()))
        self._disable_missing_formats()
        self.format_box.setCurrentText("native")
        self.format_help = QLabel(self)
        self.format_help.setWordWrap(True)
        self.format_help.setStyleSheet("color: palette(placeholder-text);")
        self.path_edit = QLineEdit(str(start_dir / default_name("native", False)), self)
        self.browse_button = QPushButton("Browse…", self)
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.path_label = QLabel("Output file:", self)
        # Not remembered between exports: replacing a folder is decided each time.
        self.replace_check = QCheckBox("Replace the folder and everything in it", self)
        self.replace_check.setToolTip(
            "An output folder that holds files is refused unless it may be replaced as a whole"
        )
        form = QFormLayout(self.output_group)
        form.addRow("Format:", self.format_box)
        form.addRow("", self.format_help)
        form.addRow(self.path_label, path_row)
        form.addRow("", self.replace_check)

    def _build_selection(self, layers: Sequence[str], annotators: Sequence[str]) -> None:
        self.selection_group = QGroupBox("What to export", self)
        self.status_box = QComboBox(self)
        self.status_box.addItem("All documents", None)
        for status in DOCUMENT_STATUSES:
            self.status_box.addItem(f"Only “{STATUS_TEXT[status]}”", status)
        self.annotator_box = QComboBox(self)
        for text, choice in ANNOTATOR_CHOICES:
            self.annotator_box.addItem(text, choice)
        for name in annotators:
            if name != GOLD:
                self.annotator_box.addItem(name, name)
        self.annotator_box.setToolTip(
            "Whose spans to export. By default a document annotated by several people is left "
            "out (the report names it), so their spans are never mixed in training data"
        )
        self.layer_box = QComboBox(self)
        self.layer_box.addItem("All layers", None)
        for name in layers:
            self.layer_box.addItem(name, name)
        form = QFormLayout(self.selection_group)
        form.addRow("Documents:", self.status_box)
        form.addRow("Annotations:", self.annotator_box)
        form.addRow("Layer:", self.layer_box)

    def _build_split(self) -> None:
        self.split_group = QGroupBox("Split", self)
        self.split_check = QCheckBox("Split documents into train / dev / test", self)
        self.fractions: list[QDoubleSpinBox] = []
        row = QHBoxLayout()
        for name, value in zip(SPLIT_NAMES, (0.8, 0.1, 0.1), strict=True):
            spin = QDoubleSpinBox(self)
            spin.setRange(0.0, 1.0)
            spin.setSingleStep(0.05)
            spin.setDecimals(2)
            spin.setValue(value)
            spin.setAccessibleName(f"{name} fraction")
            row.addWidget(QLabel(f"{name}:", self))
            row.addWidget(spin)
            self.fractions.append(spin)
        row.addStretch(1)
        self.seed_box = QSpinBox(self)
        self.seed_box.setRange(0, 2**31 - 1)
        self.seed_box.setMaximumWidth(140)
        self.seed_box.setToolTip("The same seed gives the same split, whatever the format")
        form = QFormLayout(self.split_group)
        form.addRow(self.split_check)
        form.addRow("Fractions:", row)
        form.addRow("Seed:", self.seed_box)

    def _build_format_options(self) -> None:
        self.options_group = QGroupBox("Format options", self)
        self.alignment_box = QComboBox(self)
        self.alignment_box.addItems(["strict", "expand", "contract"])
        self.alignment_box.setToolTip(ALIGNMENT_TIP)
        self.scheme_box = QComboBox(self)
        self.scheme_box.addItem("IOB2", "iob2")
        self.scheme_box.addItem("BIOES", "bioes")
        self.parquet_check = QCheckBox("Also write parquet files", self)
        self.hf_unit_box = QComboBox(self)
        for text, unit in HF_UNITS:
            self.hf_unit_box.addItem(text, unit)
        self.hf_unit_box.setToolTip("A model reads a few hundred subwords: long rows are cut")
        self.chunk_box = QSpinBox(self)
        self.chunk_box.setRange(1, 100_000)
        self.chunk_box.setValue(128)
        self.chunk_box.setAccessibleName("tokens per row")
        self.hf_unit_box.currentIndexChanged.connect(self._update_enabled)
        rows = QHBoxLayout()
        rows.addWidget(self.hf_unit_box)
        rows.addWidget(self.chunk_box)
        self.offsets_box = QComboBox(self)
        self.offsets_box.addItem("UTF-16 units (doccano's own)", "utf16")
        self.offsets_box.addItem("Code points", "codepoint")
        self.offsets_box.setToolTip("doccano counts offsets in UTF-16 units; an emoji is two")
        form = QFormLayout(self.options_group)
        form.addRow("Token alignment:", self.alignment_box)
        form.addRow("Tag scheme:", self.scheme_box)
        form.addRow("Parquet:", self.parquet_check)
        form.addRow("Rows:", rows)
        form.addRow("Offsets:", self.offsets_box)

    def _align_labels(self) -> None:
        """One label column width for all groups, so the fields line up."""
        groups = (self.output_group, self.selection_group, self.split_group, self.options_group)
        labels: list[QWidget] = []
        for group in groups:
            form = group.layout()
            assert isinstance(form, QFormLayout)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel):
                    labels.append(label)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    # ----- what the user chose --------------------------------------------------------------
    def chosen_format(self) -> str:
        return self.format_box.currentText()

    def chosen_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def chosen_status(self) -> str | None:
        value = self.status_box.currentData()
        return str(value) if value else None

    def split_enabled(self) -> bool:
        return self.split_check.isEnabled() and self.split_check.isChecked()

    def options(self) -> ExportOptions:
        """The options for the chosen format (those it does not read keep their defaults)."""
        used = FORMATS[self.chosen_format()].options
        default = ExportOptions()
        split = tuple(s.value() for s in self.fractions) if self.split_enabled() else default.split
        choice = str(self.annotator_box.currentData()) if "annotator" in used else UNMIXED
        return ExportOptions(
            layer=self.layer_box.currentData() if "layer" in used else None,
            split=(split[0], split[1], split[2]),
            seed=self.seed_box.value() if self.split_enabled() else default.seed,
            status=self.chosen_status(),
            annotator=None if choice in (UNMIXED, GOLD, ALL_ANNOTATORS) else choice,
            gold=choice == GOLD,
            all_annotators=choice == ALL_ANNOTATORS,
            alignment=self.alignment_box.currentText() if "alignment" in used else "strict",  # type: ignore[arg-type]
            scheme=str(self.scheme_box.currentData()) if "scheme" in used else default.scheme,
            parquet=self.parquet_check.isChecked() if "parquet" in used else False,
            hf_unit=self.chosen_hf_unit() if "hf_unit" in used else default.hf_unit,
            offsets=str(self.offsets_box.currentData()) if "offsets" in used else "utf16",
            overwrite=self.replace_check.isEnabled() and self.replace_check.isChecked(),
        )

    def chosen_hf_unit(self) -> str:
        unit = str(self.hf_unit_box.currentData())
        return f"chunk:{self.chunk_box.value()}" if unit == "chunk" else unit

    def output_is_folder(self) -> bool:
        return FORMATS[self.chosen_format()].output_kind(self.split_enabled()) == "folder"

    # ----- reacting -----------------------------------------------------------------------
    def _format_changed(self) -> None:
        self._update_enabled()
        self._retarget()

    def _split_toggled(self) -> None:
        self._update_enabled()
        self._retarget()

    def _update_enabled(self) -> None:
        """Disable (never hide) what the chosen format does not read."""
        fmt = self.chosen_format()
        info = FORMATS[fmt]
        used = info.options
        self.format_help.setText(f"{info.title}: {info.description}.")
        self.annotator_box.setEnabled("annotator" in used)
        self.layer_box.setEnabled("layer" in used)
        self.split_check.setEnabled("split" in used)
        for spin in self.fractions:
            spin.setEnabled(self.split_enabled())
        self.seed_box.setEnabled(self.split_enabled())
        self.alignment_box.setEnabled("alignment" in used)
        self.scheme_box.setEnabled("scheme" in used)
        self.parquet_check.setEnabled("parquet" in used)
        self.hf_unit_box.setEnabled("hf_unit" in used)
        self.chunk_box.setEnabled("hf_unit" in used and self.hf_unit_box.currentData() == "chunk")
        self.offsets_box.setEnabled("offsets" in used)
        all_layers = self.layer_box.model()
        assert isinstance(all_layers, QStandardItemModel)
        all_layers.item(0).setEnabled(info.all_layers)
        if not info.all_layers and self.layer_box.currentData() is None:
            index = self.layer_box.findData("entity")
            self.layer_box.setCurrentIndex(index if index > 0 else min(1, self.layer_box.count()))
        self.layer_box.setToolTip(
            "Every layer goes to the export unless one is chosen"
            if info.all_layers
            else f"{info.title} holds one layer per export (tags of one layer per token)"
        )
        self.path_label.setText("Output folder:" if self.output_is_folder() else "Output file:")
        self._validate()

    def _disable_missing_formats(self) -> None:
        """A format whose library is not installed is offered disabled, with the reason."""
        reason = datasets_missing()
        model = self.format_box.model()
        index = self.format_box.findText("hf")
        if reason and index >= 0 and isinstance(model, QStandardItemModel):
            item = model.item(index)
            item.setEnabled(False)
            item.setToolTip(reason[0].upper() + reason[1:])

    def _retarget(self) -> None:
        """Fit the output name to what the format now writes (file or folder, suffix).

        A default name becomes the new format's default; a name the user typed keeps its
        stem and only gets the format's suffix (or none for a folder).
        """
        text = self.path_edit.text().strip()
        current = self.chosen_path()
        folder = current.parent if text else Path.home()
        fmt, is_folder = self.chosen_format(), self.output_is_folder()
        defaults = {default_name(f, b) for f in FORMATS for b in (False, True)}
        if not text or current.name in defaults:
            name = default_name(fmt, is_folder)
        else:
            stem = current.name[: -len(current.suffix)] if current.suffix else current.name
            name = stem if is_folder else stem + FORMATS[fmt].suffix
        self.path_edit.setText(str(folder / name))

    def _browse(self) -> None:
        if self.output_is_folder():
            path = QFileDialog.getExistingDirectory(
                self, "Export into folder", self.path_edit.text()
            )
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def _problem(self) -> str:
        text = self.path_edit.text().strip()
        if not text:
            return "Choose where to write the export."
        path = self.chosen_path()
        if self.output_is_folder() and path.is_file():
            return f"{path.name} is a file; {self.chosen_format()} writes a folder."
        if not self.output_is_folder() and path.is_dir():
            return f"{path.name} is a folder; {self.chosen_format()} writes one file here."
        if self.replace_check.isEnabled() and not self.replace_check.isChecked():
            return f"{path.name} holds files; choose a new or empty folder, or replace it."
        if self.split_enabled():
            total = sum(s.value() for s in self.fractions)
            if abs(total - 1.0) > 1e-6:
                return f"The split fractions add up to {total:.2f}; they must add up to 1."
        return ""

    def _validate(self) -> None:
        path = self.chosen_path()
        self.replace_check.setEnabled(
            bool(self.path_edit.text().strip())
            and self.output_is_folder()
            and path.is_dir()
            and any(path.iterdir())
        )
        problem = self._problem()
        self.hint.setText(problem)
        self.export_button.setEnabled(not problem)

    # ----- remembered choices ---------------------------------------------------------------
    def accept(self) -> None:
        self._save()
        super().accept()

    def _save(self) -> None:
        if self.settings is None:
            return
        s = self.settings
        s.setValue(EXPORT_FORMAT, self.chosen_format())
        s.setValue(EXPORT_PATH, self.path_edit.text().strip())
        s.setValue(EXPORT_STATUS, self.status_box.currentIndex())
        s.setValue(EXPORT_ANNOTATOR, self.annotator_box.currentData() or "")
        s.setValue(EXPORT_LAYER, self.layer_box.currentData() or "")
        s.setValue(EXPORT_SPLIT, self.split_check.isChecked())
        s.setValue(EXPORT_FRACTIONS, ",".join(f"{f.value():g}" for f in self.fractions))
        s.setValue(EXPORT_SEED, self.seed_box.value())
        s.setValue(EXPORT_ALIGNMENT, self.alignment_box.currentText())
        s.setValue(EXPORT_SCHEME, self.scheme_box.currentData())
        s.setValue(EXPORT_PARQUET, self.parquet_check.isChecked())
        s.setValue(EXPORT_OFFSETS, self.offsets_box.currentData())
        s.setValue(EXPORT_HF_UNIT, self.chosen_hf_unit())

    def _restore(self) -> None:
        if self.settings is None or not self.settings.contains(EXPORT_FORMAT):
            return
        s = self.settings
        self.format_box.setCurrentText(read_str(s, EXPORT_FORMAT))
        self.status_box.setCurrentIndex(read_int(s, EXPORT_STATUS, 0))
        for box, key in (
            (self.annotator_box, EXPORT_ANNOTATOR),
            (self.layer_box, EXPORT_LAYER),
            (self.scheme_box, EXPORT_SCHEME),
            (self.offsets_box, EXPORT_OFFSETS),
        ):
            value = read_str(s, key)
            box.setCurrentIndex(max(box.findData(value), 0) if value else 0)
        self.alignment_box.setCurrentText(read_str(s, EXPORT_ALIGNMENT, "strict"))
        self.split_check.setChecked(read_bool(s, EXPORT_SPLIT, False))
        fractions = read_str(s, EXPORT_FRACTIONS, "0.8,0.1,0.1").split(",")
        for spin, value in zip(self.fractions, fractions, strict=False):
            spin.setValue(float(value))
        self.seed_box.setValue(read_int(s, EXPORT_SEED, 0))
        self.parquet_check.setChecked(read_bool(s, EXPORT_PARQUET, False))
        unit, _, size = read_str(s, EXPORT_HF_UNIT, "document").partition(":")
        self.hf_unit_box.setCurrentIndex(max(self.hf_unit_box.findData(unit), 0))
        if size.isdigit():
            self.chunk_box.setValue(int(size))
        path = read_str(s, EXPORT_PATH)
        if path:
            self.path_edit.setText(path)
