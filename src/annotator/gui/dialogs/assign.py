"""Project ▸ Assign…: choose annotators, how many per document, which documents and a seed;
the loads each annotator would carry are shown before anything is written.

The dialog only plans (``core.assignment``); whoever opened it writes the accepted plan. The
names list starts with every annotator the project knows, each ticked; a name is added in the
box below it, renamed by editing its row, left out by unticking it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.assignment import AssignmentPlan, plan_assignment
from annotator.core.errors import ValidationError
from annotator.core.team import annotator_problem

MAX_SEED = 2**31 - 1


class AssignDialog(QDialog):
    def __init__(
        self,
        names: Sequence[str],
        scopes: Sequence[tuple[str, Sequence[str]]],
        existing: Mapping[str, Collection[str]],
        parent: QWidget | None = None,
    ) -> None:
        """``scopes``: (what the user reads, the document ids it selects), the first chosen
        first; ``existing``: document id -> the annotators it is assigned to already."""
        super().__init__(parent)
        self.setWindowTitle("Assign Documents")
        self._scopes = [list(doc_ids) for _text, doc_ids in scopes]
        self._existing = existing

        self.names = QListWidget()
        self.names.setAccessibleName("Annotators")
        self.names.setToolTip("Ticked annotators share the documents; double-click to rename")
        for name in names:
            self._add_item(name)
        self.names.itemChanged.connect(lambda _item: self.update_preview())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Add an annotator: name, then Enter")
        self.new_name.setAccessibleName("New annotator")
        self.new_name.installEventFilter(self)
        self.add_button = QPushButton("&Add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_name)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)

        self.per_doc = QSpinBox()
        self.per_doc.setAccessibleName("Annotators per document")
        self.per_doc.setRange(1, 99)
        self.per_doc.setValue(min(2, max(1, len(names))))
        self.per_doc.valueChanged.connect(lambda _value: self.update_preview())
        self.scope = QComboBox()
        self.scope.setAccessibleName("Documents")
        for text, doc_ids in scopes:
            self.scope.addItem(f"{text} ({len(doc_ids)})")
        self.scope.currentIndexChanged.connect(lambda _index: self.update_preview())
        self.seed = QSpinBox()
        self.seed.setAccessibleName("Seed")
        self.seed.setRange(0, MAX_SEED)
        self.seed.setToolTip("The same seed gives the same assignment")
        self.seed.valueChanged.connect(lambda _value: self.update_preview())

        form = QFormLayout()
        form.addRow("Annotators per document", self.per_doc)
        form.addRow("Documents", self.scope)
        form.addRow("Seed", self.seed)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Assignment preview")
        self.loads = QTableWidget(0, 3)
        self.loads.setHorizontalHeaderLabels(["Annotator", "Assigned", "Added"])
        self.loads.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.loads.verticalHeader().hide()
        self.loads.horizontalHeader().setStretchLastSection(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = self.buttons.addButton(
            "&Assign", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Annotators"))
        layout.addWidget(self.names)
        layout.addLayout(adding)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.loads)
        layout.addWidget(self.buttons)
        self._plan: AssignmentPlan | None = None
        self.update_preview()

    # ----- names ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name box adds the name; it must not also press Assign (the line edit
        passes Enter on to the dialog, whose default button it is)."""
        if (
            watched is self.new_name
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_name()
            return True
        return super().eventFilter(watched, event)

    def _add_item(self, name: str) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked)
        self.names.addItem(item)

    def add_name(self) -> None:
        """Add the typed name, ticked; a name already listed is ticked instead."""
        name = self.new_name.text().strip()
        if not name:
            return
        problem = annotator_problem(name)
        if problem is not None:
            self.summary.setText(f"“{name}” cannot be an annotator: {problem}")
            return
        self.new_name.clear()
        for row in range(self.names.count()):
            item = self.names.item(row)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked)
                return
        self._add_item(name)
        self.update_preview()

    def chosen_names(self) -> list[str]:
        """The ticked names, in list order."""
        items = (self.names.item(row) for row in range(self.names.count()))
        return [item.text().strip() for item in items if item.checkState() == Qt.CheckState.Checked]

    # ----- the plan -------------------------------------------------------------------------
    def plan(self) -> AssignmentPlan | None:
        """What Assign would write, or None when the choices cannot be planned."""
        return self._plan

    def update_preview(self) -> None:
        doc_ids = self._scopes[self.scope.currentIndex()] if self._scopes else []
        try:
            plan = plan_assignment(
                doc_ids,
                self.chosen_names(),
                self.per_doc.value(),
                existing=self._existing,
                seed=self.seed.value(),
            )
        except ValidationError as exc:
            self._plan = None
            self.summary.setText(f"Cannot assign: {exc}")
            self.loads.setRowCount(0)
            self.assign_button.setEnabled(False)
            return
        self._plan = plan
        added = len(plan.pairs)
        if added:
            self.summary.setText(
                f"Adds {added} assignment{'' if added == 1 else 's'} on {plan.documents} "
                f"of {len(doc_ids)} documents; each annotator's documents afterwards:"
            )
        else:
            self.summary.setText(
                f"Nothing to add: every one of these {len(doc_ids)} documents has "
                f"{self.per_doc.value()} of these annotators already"
            )
        self.loads.setRowCount(len(plan.loads))
        for row, (name, load) in enumerate(plan.loads.items()):
            for column, value in enumerate((name, str(load), f"+{plan.added[name]}")):
                self.loads.setItem(row, column, QTableWidgetItem(value))
        self.assign_button.setEnabled(added > 0)
