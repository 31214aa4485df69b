"""File ▸ Merge Project Files…: the chosen project files with what each holds, the name that
spans without an annotator are credited to, and whether bad files and documents are skipped.

The dialog only gathers the choices; the controller reads the files and runs the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.team import annotator_problem


@dataclass(frozen=True)
class SourceRow:
    """One chosen file: its counts, or why it cannot be read."""

    path: Path
    documents: int = 0
    spans: int = 0
    unattributed: int = 0
    problem: str = ""


class MergeProjectsDialog(QDialog):
    def __init__(self, rows: list[SourceRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge Project Files")
        self.rows = rows
        self.sources = QTreeWidget(self)
        self.sources.setRootIsDecorated(False)
        self.sources.setHeaderLabels(["File", "Documents", "Spans", "Without annotator"])
        for row in rows:
            values = [str(row.path), "", "", ""]
            if row.problem:
                values[1] = row.problem
            else:
                values[1:] = [str(row.documents), str(row.spans), str(row.unattributed)]
            self.sources.addTopLevelItem(QTreeWidgetItem(values))
        self.sources.resizeColumnToContents(0)
        unattributed = sum(row.unattributed for row in rows)
        self.as_name = QLineEdit(self)
        self.as_name.setPlaceholderText("leave empty to keep them unattributed")
        self.as_name.setEnabled(unattributed > 0)
        self.name_problem = QLabel(self)
        self.name_problem.setStyleSheet("color: #b00020;")
        self.skip_bad_box = QCheckBox(
            "Skip files and documents that cannot be merged, and merge the rest", self
        )
        self.skip_bad_box.setChecked(any(row.problem for row in rows))
        explanation = QLabel(
            "Documents are matched by id and must have the same text; spans keep their "
            "annotator. What the project already holds is not added again. The project is "
            "backed up first, and the files chosen are only read.",
            self,
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(
            f"Credit {unattributed} span(s) without an annotator to:"
            if unattributed
            else "No span lacks an annotator:",
            self.as_name,
        )
        form.addRow("", self.name_problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button: QPushButton = buttons.addButton(
            "Merge", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.sources)
        layout.addLayout(form)
        layout.addWidget(self.skip_bad_box)
        layout.addWidget(buttons)
        self.as_name.textChanged.connect(self._check_name)
        self.skip_bad_box.toggled.connect(lambda _on: self._check_name())
        self.resize(720, 360)
        self._check_name()

    def chosen_paths(self) -> list[Path]:
        return [row.path for row in self.rows]

    def chosen_as_name(self) -> str | None:
        name = self.as_name.text().strip()
        return name if name and self.as_name.isEnabled() else None

    def skip_bad(self) -> bool:
        return self.skip_bad_box.isChecked()

    def _check_name(self) -> None:
        name = self.as_name.text().strip()
        problem = annotator_problem(name) if name else None
        self.name_problem.setText(problem or "")
        unreadable = any(row.problem for row in self.rows) and not self.skip_bad()
        self.merge_button.setEnabled(problem is None and not unreadable)
