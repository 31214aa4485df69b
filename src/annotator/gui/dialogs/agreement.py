"""Project ▸ Agreement…: how far the annotators agree, as a heat map, bars and a document list.

The measures are computed off the GUI thread by the ``start`` callable the dialog is given
(the window's task runner), so a large project keeps the window responsive, with progress and
Cancel. Activating a document emits ``documentChosen`` with its id; the window opens it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.progress import CancelCheck, Progress
from annotator.core.schema import Schema
from annotator.gui.dialogs.agreement_views import (
    PAIR_MEASURES,
    DocumentsModel,
    HeatDelegate,
    PairMatrixModel,
    number,
)
from annotator.gui.dialogs.statistics_chart import DEFAULT_BAR, BarChart
from annotator.gui.editing.tasks import Task, TaskFn
from annotator.store.repository import Repository
from annotator.team.agreement import AgreementReport, measure_agreement

ALL_LAYERS = "All layers"

StartTask = Callable[[str, TaskFn], Task]


class AgreementDialog(QDialog):
    documentChosen = Signal(str)
    computed = Signal()
    """A computation ended (with a report or a message)."""

    def __init__(self, start: StartTask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between annotators")
        self.start = start
        self.schema: Schema | None = None
        self.report: AgreementReport | None = None
        self.task: Task | None = None

        self.layer_box = QComboBox()
        self.measure_box = QComboBox()
        for key, name in PAIR_MEASURES.items():
            self.measure_box.addItem(name, key)
        self.annotator_list = QListWidget()
        self.annotator_list.setMaximumHeight(110)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.matrix_model = PairMatrixModel(self)
        self.matrix = QTableView()
        self.matrix.setModel(self.matrix_model)
        self.matrix.setItemDelegate(HeatDelegate(self.matrix))
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.labels = BarChart("Krippendorff's α per label")

        self.documents_model = DocumentsModel(self)
        self.documents = QTableView()
        self.documents.setModel(self.documents_model)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents.horizontalHeader().setStretchLastSection(True)
        self.documents.setToolTip("Enter or double-click opens the document")

        buttons = QDialogButtonBox(self)
        self.compute_button = buttons.addButton("&Compute", QDialogButtonBox.ButtonRole.ActionRole)
        self.compute_button.setShortcut(QKeySequence("F5"))
        self.compute_button.setToolTip("Measure agreement with these choices (F5)")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)

        choices = QFormLayout()
        choices.addRow("&Layer:", self.layer_box)
        choices.addRow("&Annotators:", self.annotator_list)
        choices.addRow("&Pairs show:", self.measure_box)
        top = QHBoxLayout()
        top.addLayout(choices, 1)
        top.addWidget(self.labels, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.matrix)
        split.addWidget(self.documents)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

        self.compute_button.clicked.connect(self.compute)
        buttons.rejected.connect(self.close)
        self.measure_box.currentIndexChanged.connect(self._show)
        self.documents.activated.connect(self._open_document)
        self.resize(760, 720)

    def set_choices(self, schema: Schema, annotators: list[str]) -> None:
        """The layers of ``schema`` and the annotators to choose from (all checked)."""
        self.schema = schema
        current = self.layer_box.currentText()
        self.layer_box.clear()
        self.layer_box.addItems([ALL_LAYERS, *(layer.name for layer in schema.layers)])
        if current:
            self.layer_box.setCurrentText(current)
        self.annotator_list.clear()
        for name in annotators:
            item = QListWidgetItem(name, self.annotator_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)

    def chosen_annotators(self) -> list[str]:
        items = (self.annotator_list.item(n) for n in range(self.annotator_list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def compute(self) -> None:
        """Measure in the background with the current choices."""
        if self.task is not None:
            return
        names = self.chosen_annotators()
        if len(names) < 2:
            self._fail(
                "Choose at least two annotators; only people who marked a document done are listed."
            )
            return
        layer = self.layer_box.currentText()
        layers = None if layer in ("", ALL_LAYERS) else [layer]
        self.message.setText("Measuring…")
        self.compute_button.setEnabled(False)

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> AgreementReport:
            return measure_agreement(repo, names, layers, None, progress, cancel)

        self.task = self.start("Measuring agreement", work)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._fail)
        self.task.cancelled.connect(lambda: self._fail("Cancelled."))
        self.task.done.connect(self._task_done)

    def _task_done(self) -> None:
        self.task = None
        self.compute_button.setEnabled(True)
        self.computed.emit()

    def _succeeded(self, report: AgreementReport) -> None:
        self.report = report
        self.message.setText("")
        self._show()

    def _fail(self, message: str) -> None:
        self.report = None
        self.message.setText(message)
        self._show()
        if self.task is None:
            self.computed.emit()

    def _show(self) -> None:
        report = self.report
        if report is None:
            self.summary.setText("")
            self.matrix_model.clear()
            self.labels.set_items([])
            self.documents_model.set_documents([])
            return
        overall = report.overall.overall
        self.summary.setText(
            f"{report.docs} documents marked done by at least two of "
            f"{', '.join(report.annotators)}, {report.docs_done_by_all} by all. "
            f"Fleiss' κ {number(overall.fleiss_kappa)}, Krippendorff's α "
            f"{number(overall.krippendorff_alpha)}."
        )
        measure = str(self.measure_box.currentData())
        self.matrix_model.set_measures(list(report.annotators), overall, measure)
        colors = {}
        if self.schema is not None:
            colors = {label.name: QColor(label.color) for label in self.schema.labels}
        items = []
        texts = {}
        for label, measures in report.overall.labels.items():
            alpha = measures.krippendorff_alpha
            items.append((label, max(0.0, alpha or 0.0), colors.get(label, DEFAULT_BAR)))
            texts[label] = number(alpha)
        self.labels.set_items(items, maximum=1.0, value_text=texts)
        self.documents_model.set_documents(report.documents)

    def _open_document(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.documents_model.documents):
            self.documentChosen.emit(self.documents_model.documents[row].doc_id)
