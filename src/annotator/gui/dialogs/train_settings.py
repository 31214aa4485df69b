"""What a training reads and where the model goes, as the Train Model window asks for it:
the layers (checkboxes from the schema), whose spans, which documents, the held-out share,
the seed, the time budget and the output folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import ValidationError
from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT
from annotator.core.schema import Schema
from annotator.training.settings import DEFAULT_LAYERS, TrainSettings

EVERYONE, GOLD = "", "gold"
"""The whose-spans choices besides a named annotator (item data ``@NAME``)."""
ANY_STATUS = ""


class TrainSettingsForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer_boxes: dict[str, QCheckBox] = {}
        self.layers = QVBoxLayout()
        self.layers.setContentsMargins(0, 0, 0, 0)
        self.whose = QComboBox()
        self.whose.setToolTip("Whose spans the model learns from (others' are never read)")
        self.status = QComboBox()
        self.status.addItem("Done", "done")
        self.status.addItem("Any status", ANY_STATUS)
        for status in DOCUMENT_STATUSES:
            if status != "done":
                self.status.addItem(STATUS_TEXT[status], status)
        self.held_out = QSpinBox()
        self.held_out.setRange(5, 90)
        self.held_out.setSingleStep(5)
        self.held_out.setValue(20)
        self.held_out.setSuffix(" %")
        self.held_out.setToolTip("The share of the documents kept aside to score the model")
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setValue(1)
        self.seed.setToolTip("Which documents are held out, and the training's randomness")
        self.max_time = QSpinBox()
        self.max_time.setRange(1, 24 * 3600)
        self.max_time.setValue(120)
        self.max_time.setSuffix(" s")
        self.max_time.setToolTip("Seconds of training at most; the best model so far is kept")
        self.output = QLineEdit()
        self.output.setToolTip("A new or empty folder; the model and its card go there")
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self._browse)
        out = QHBoxLayout()
        out.addWidget(self.output, 1)
        out.addWidget(self.browse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Layers:", self.layers)
        form.addRow("&Spans of:", self.whose)
        form.addRow("&Documents:", self.status)
        form.addRow("&Held out:", self.held_out)
        form.addRow("S&eed:", self.seed)
        form.addRow("&Max time:", self.max_time)
        form.addRow("Output folder:", out)

    def set_choices(self, schema: Schema, me: str, annotators: list[str]) -> None:
        """The layers of ``schema`` (those checked before stay so, else entity) and whose
        spans: everyone's, mine, gold, or another annotator's."""
        checked = self.chosen_layers() or [
            layer for layer in DEFAULT_LAYERS if any(x.name == layer for x in schema.layers)
        ]
        if not checked and schema.layers:
            checked = [schema.layers[0].name]
        for box in self.layer_boxes.values():
            self.layers.removeWidget(box)
            box.deleteLater()
        self.layer_boxes = {}
        for layer in schema.layers:
            box = QCheckBox(layer.name)
            box.setChecked(layer.name in checked)
            self.layers.addWidget(box)
            self.layer_boxes[layer.name] = box
        current = self.whose.currentData()
        self.whose.clear()
        self.whose.addItem("Everyone's (documents one person annotated)", EVERYONE)
        if me:
            self.whose.addItem(f"Mine ({me})", f"@{me}")
        self.whose.addItem("Gold (curated documents)", GOLD)
        for name in annotators:
            if name != me:
                self.whose.addItem(name, f"@{name}")
        index = self.whose.findData(current)
        self.whose.setCurrentIndex(max(0, index))

    def chosen_layers(self) -> list[str]:
        return [name for name, box in self.layer_boxes.items() if box.isChecked()]

    def settings(self) -> TrainSettings:
        """The settings as chosen; a ValidationError says what is wrong with them."""
        who = str(self.whose.currentData() or EVERYONE)
        status = str(self.status.currentData() or ANY_STATUS)
        settings = TrainSettings(
            layers=tuple(self.chosen_layers()),
            gold=who == GOLD,
            annotator=who[1:] if who.startswith("@") else None,
            status=status or None,
            eval_split=self.held_out.value() / 100,
            seed=self.seed.value(),
            max_time=float(self.max_time.value()),
        )
        settings.check()
        return settings

    def show_settings(self, settings: TrainSettings) -> None:
        """Put remembered settings back in the form (what no longer exists is left as is)."""
        if settings.layers and all(layer in self.layer_boxes for layer in settings.layers):
            for name, box in self.layer_boxes.items():
                box.setChecked(name in settings.layers)
        who = GOLD if settings.gold else f"@{settings.annotator}" if settings.annotator else ""
        index = self.whose.findData(who)
        if index >= 0:
            self.whose.setCurrentIndex(index)
        index = self.status.findData(settings.status or ANY_STATUS)
        if index >= 0:
            self.status.setCurrentIndex(index)
        self.held_out.setValue(round(100 * settings.eval_split))
        self.seed.setValue(settings.seed)
        self.max_time.setValue(max(1, round(settings.max_time)))

    def output_folder(self) -> Path:
        text = self.output.text().strip()
        if not text:
            raise ValidationError("choose an output folder for the model")
        return Path(text).expanduser()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (
            *self.layer_boxes.values(),
            self.whose,
            self.status,
            self.held_out,
            self.seed,
            self.max_time,
            self.output,
            self.browse,
        ):
            widget.setEnabled(enabled)

    def _browse(self) -> None:
        start = self.output.text().strip()
        path = QFileDialog.getExistingDirectory(
            self, "Folder for the model (new or empty)", str(Path(start).parent) if start else ""
        )
        if path:
            self.output.setText(path)
