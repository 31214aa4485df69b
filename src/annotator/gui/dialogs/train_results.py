"""The Train Model window's results: the project's models with their provenance, and for the
chosen one its held-out scores (the rows ``annotator train`` prints) and its card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.models import ModelRecord
from annotator.training.card import CARD_FILE

MODEL_COLUMNS = ("Model", "Created", "By", "Held-out F", "Documents")
SCORE_COLUMNS = ("", "P", "R", "F", "gold")


def score_rows(scores: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """A card's scores as ``SpanScores.lines()`` prints them: one row per label, then per
    layer, then overall; P, R and F in percent with one decimal."""
    named: list[tuple[str, dict[str, Any]]] = []
    for layer, labels in sorted(scores.get("per_label", {}).items()):
        named += [(f"{layer}/{label}", s) for label, s in sorted(labels.items())]
    named += [
        (f"{layer} (all labels)", s) for layer, s in sorted(scores.get("per_layer", {}).items())
    ]
    if "overall" in scores:
        named.append(("overall", scores["overall"]))
    return [
        (
            name,
            f"{100 * float(s['p']):.1f}",
            f"{100 * float(s['r']):.1f}",
            f"{100 * float(s['f']):.1f}",
            str(int(s["gold"])),
        )
        for name, s in named
    ]


def held_out_f(card: dict[str, Any]) -> str:
    overall = card.get("scores", {}).get("overall")
    return f"{100 * float(overall['f']):.1f}" if overall else "–"


def whose(settings: dict[str, Any]) -> str:
    if settings.get("gold"):
        return "gold spans"
    if settings.get("annotator"):
        return f"{settings['annotator']}'s spans"
    return "everyone's spans"


def card_lines(record: ModelRecord) -> list[str]:
    """What a model was trained on, by whom, with what, and how well it did."""
    card = record.card
    documents = card.get("documents", {})
    settings = card.get("settings", {})
    training = card.get("training", {})
    schema = card.get("schema", {})
    overall = card.get("scores", {}).get("overall", {})
    status = settings.get("status") or "any status"
    lines = [
        f"Model {record.id}",
        f"Folder: {record.path}",
        f"Project: {card.get('project', '')}",
        f"Trained by {record.annotator or '(unnamed)'} at {record.created_at[:19]} with spaCy "
        f"{card.get('spacy_version', '?')} (annotator {card.get('annotator_version', '?')}), "
        f"pipeline {', '.join(card.get('pipeline', [])) or '?'}",
        f"Documents: {len(documents.get('train', []))} trained on, "
        f"{len(documents.get('held_out', []))} held out",
        f"Annotators: {', '.join(card.get('annotators', [])) or '(unnamed spans)'}",
        "Schema: "
        + "; ".join(f"{layer}: {', '.join(labels)}" for layer, labels in sorted(schema.items())),
        f"Settings: layers {', '.join(settings.get('layers', []))} · {whose(settings)} · "
        f"status {status} · held out {100 * float(settings.get('eval_split', 0)):.0f} % · "
        f"seed {settings.get('seed')} · max time {settings.get('max_time')} s",
        f"Training: {training.get('steps')} steps in {training.get('seconds')} s, "
        f"{training.get('evaluations')} evaluations, best dev score "
        f"{float(training.get('best_dev_score') or 0):.2f}",
    ]
    if overall:
        lines.append(
            f"Held-out scores: P {100 * float(overall['p']):.1f}, R "
            f"{100 * float(overall['r']):.1f}, F {100 * float(overall['f']):.1f} on "
            f"{card.get('scores', {}).get('documents', 0)} documents"
        )
    if not (Path(record.path) / CARD_FILE).is_file():
        lines.append("The folder is gone or moved: the model cannot suggest from there.")
    return lines


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class TrainResults(QWidget):
    """The models table; choosing a row shows that model's scores and card."""

    modelChosen = Signal(object)
    """The chosen ModelRecord, or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[ModelRecord] = []
        self.busy = False
        """Work runs: the suggest button waits for it."""
        self.models = QTableWidget(0, len(MODEL_COLUMNS))
        self.models.setHorizontalHeaderLabels(MODEL_COLUMNS)
        self.models.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.models.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.models.verticalHeader().hide()
        self.models.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.models.setToolTip("The models trained in this project, newest first")
        self.summary = QLabel("No model trained yet.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores = QTableWidget(0, len(SCORE_COLUMNS))
        self.scores.setHorizontalHeaderLabels(SCORE_COLUMNS)
        self.scores.verticalHeader().hide()
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.setToolTip("Exact span match on the held-out documents, in percent")
        self.card = QPlainTextEdit()
        self.card.setReadOnly(True)
        self.suggest_button = QPushButton("&Suggest in Unfinished Documents")
        self.suggest_button.setToolTip(
            "The chosen model's spans become suggestions in every document not done yet "
            "(its older versions' pending ones are replaced); review them with Alt+A / Alt+X"
        )
        self.suggest_button.setEnabled(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.models)
        details = QWidget()
        inner = QVBoxLayout(details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.summary)
        inner.addWidget(self.scores, 2)
        inner.addWidget(self.card, 1)
        split.addWidget(details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(self.suggest_button)
        self.models.itemSelectionChanged.connect(self._chosen)

    def set_models(self, records: list[ModelRecord], choose: str | None = None) -> None:
        """List ``records`` and choose the model ``choose`` (default: the newest)."""
        self.records = list(records)
        self.models.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            documents = record.card.get("documents", {})
            count = len(documents.get("train", [])) + len(documents.get("held_out", []))
            cells = (
                _item(record.id),
                _item(record.created_at[:16].replace("T", " ")),
                _item(record.annotator),
                _item(held_out_f(record.card), right=True),
                _item(str(count), right=True),
            )
            for column, item in enumerate(cells):
                self.models.setItem(row, column, item)
        ids = [record.id for record in self.records]
        row = ids.index(choose) if choose in ids else 0
        if self.records:
            self.models.selectRow(row)
        self._chosen()

    def chosen(self) -> ModelRecord | None:
        rows = self.models.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.records):
            return None
        return self.records[rows[0].row()]

    def score_table(self) -> list[list[str]]:
        """The rows the scores table shows, as text."""
        rows = []
        for row in range(self.scores.rowCount()):
            items = (self.scores.item(row, column) for column in range(self.scores.columnCount()))
            rows.append([item.text() if item is not None else "" for item in items])
        return rows

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable_suggest()

    def _enable_suggest(self) -> None:
        record = self.chosen()
        self.suggest_button.setEnabled(
            not self.busy and record is not None and (Path(record.path) / CARD_FILE).is_file()
        )

    def _chosen(self) -> None:
        record = self.chosen()
        self._enable_suggest()
        if record is None:
            self.summary.setText("No model trained yet." if not self.records else "")
            self.scores.setRowCount(0)
            self.card.setPlainText("")
            self.modelChosen.emit(None)
            return
        training = record.card.get("training", {})
        documents = record.card.get("documents", {})
        self.summary.setText(
            f"{record.id} in {record.path}\n"
            f"{training.get('steps')} training steps in {training.get('seconds')} s on "
            f"{len(documents.get('train', []))} documents; scored on "
            f"{len(documents.get('held_out', []))} held-out documents:"
        )
        rows = score_rows(record.card.get("scores", {}))
        self.scores.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.scores.setItem(row, column, _item(text, right=column > 0))
        self.card.setPlainText("\n".join(card_lines(record)))
        self.modelChosen.emit(record)
