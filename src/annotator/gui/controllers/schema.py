"""Project ▸ Labels… and Project ▸ Apply Schema File…: changing the project's schema in the app.

Both go through ``apply_schema_change`` (one transaction, recorded in the edit log), exactly
as ``annotator schema apply`` does. A schema file's plan is shown first and must be
confirmed; removals that would delete annotations are refused with their counts, and only an
explicit "Force" deletes them. Afterwards the window takes the stored schema into the
palette, the view, the span list, the document filter and the inspector.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_toml
from annotator.core.schema_plan import SchemaPlan
from annotator.gui.dialogs.labels import ColorPicker, LabelsDialog, dialog_color_picker
from annotator.store.schema_store import apply_schema_change, plan_schema_change

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def plan_text(plan: SchemaPlan) -> str:
    """The plan in one line for the status bar."""
    return " ".join(" ".join(plan.lines()).split())


class SchemaActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pick_color: ColorPicker = dialog_color_picker
        self.labels_dialog: LabelsDialog | None = None
        self.message_box: QMessageBox | None = None
        window.actions_.bind("project.labels", self.open_labels_dialog)
        window.actions_.bind("project.apply_schema_file", self.choose_schema_file)

    # ----- labels dialog ------------------------------------------------------------------
    def open_labels_dialog(self) -> LabelsDialog:
        dialog = LabelsDialog(
            self.window.schema, self._apply_from_dialog, self.pick_color, self.window
        )
        dialog.setObjectName("LabelsDialog")
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.labels_dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: LabelsDialog) -> None:
        if self.labels_dialog is dialog:
            self.labels_dialog = None
        dialog.deleteLater()
        self.window.view.setFocus()

    def _apply_from_dialog(self, schema: Schema) -> SchemaPlan:
        """Called by the dialog's OK; a refusal raises and the dialog shows it."""
        plan = apply_schema_change(self.window.repo, schema, False, self.window.annotator).plan
        self.reload(plan)
        return plan

    # ----- schema file --------------------------------------------------------------------
    def choose_schema_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "Apply schema file", "", "Schema files (*.toml);;All files (*)"
        )
        if path:
            self.apply_schema_file(Path(path))

    def apply_schema_file(self, path: Path) -> None:
        """Read ``path``, show its plan and ask; refusals offer "Force" with a warning."""
        try:
            schema = schema_from_toml(path.read_text(encoding="utf-8"), path.name)
        except (OSError, UnicodeDecodeError) as exc:
            self._tell(QMessageBox.Icon.Warning, f"{path}: cannot read the schema file: {exc}")
            return
        except AnnotatorError as exc:
            self._tell(QMessageBox.Icon.Warning, str(exc))
            return
        plan = plan_schema_change(self.window.repo, schema)
        if plan.change.is_empty():
            self.window.status_bar.info(f"{path.name} matches the project's schema: no change")
            return
        box = self._box(QMessageBox.Icon.Question, f"Apply {path.name}?", "\n".join(plan.lines()))
        if plan.refusals(True):  # cannot be done even when forced: the user cleans up first
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(f"{path.name} cannot be applied; nothing was changed.")
            box.setInformativeText("\n".join(plan.refusal_messages(True)))
            box.setDetailedText("\n".join(plan.lines()))
            box.addButton(QMessageBox.StandardButton.Close)
            self.window.status_bar.problem("Schema not applied: " + plan.refusal_messages(True)[0])
        elif plan.refusals(False):
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(
                f"{path.name} removes parts of the schema that annotations use. "
                "Forcing it deletes them for good (they can only come back from an export)."
            )
            messages = [use.message() for use in plan.refusals(False)]
            box.setInformativeText("\n".join(messages))
            box.setDetailedText("\n".join(plan.lines()))
            force = box.addButton("Force: delete them", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.buttonClicked.connect(
                lambda button: self._apply(schema, True) if button is force else None
            )
            self.window.status_bar.problem("Schema not applied yet: " + "; ".join(messages))
        else:
            apply = box.addButton("Apply", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(apply)
            box.buttonClicked.connect(
                lambda button: self._apply(schema, False) if button is apply else None
            )
        box.open()

    def _apply(self, schema: Schema, force: bool) -> None:
        try:
            plan = apply_schema_change(self.window.repo, schema, force, self.window.annotator).plan
        except AnnotatorError as exc:
            self._tell(QMessageBox.Icon.Warning, f"Schema not applied: {exc}")
            return
        self.reload(plan)

    def _box(self, icon: QMessageBox.Icon, text: str, informative: str = "") -> QMessageBox:
        if self.message_box is not None:
            self.message_box.close()
        box = QMessageBox(icon, "Schema", text, QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("SchemaMessage")
        box.setInformativeText(informative)
        box.finished.connect(lambda _result: self._box_closed(box))
        self.message_box = box
        return box

    def _box_closed(self, box: QMessageBox) -> None:
        if self.message_box is box:
            self.message_box = None
        box.deleteLater()

    def _tell(self, icon: QMessageBox.Icon, message: str) -> None:
        self.window.status_bar.problem(message)
        box = self._box(icon, message)
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()

    def button(self, text: str) -> QPushButton | None:
        """The open message box's button labelled ``text`` (tests and accessibility)."""
        box = self.message_box
        if box is None:
            return None
        for button in box.buttons():
            if isinstance(button, QPushButton) and button.text().replace("&", "") == text:
                return button
        return None

    # ----- after a change -------------------------------------------------------------------
    def reload(self, plan: SchemaPlan) -> None:
        """Take the stored schema everywhere; re-read the document when annotations changed."""
        window = self.window
        window.schema = window.repo.schema()
        window.label_palette.set_schema(window.schema)
        window.doc_filter.set_schema(window.schema)
        touched = any(use.count for use in plan.uses)
        if touched:
            # Undo steps may name labels or relations that are gone or renamed now.
            window.session.stack.clear()
            window.doc_model.reload()
        doc = window.doc
        if doc is not None:
            view = window.view
            selected, scroll = view.selected_span_id(), view.verticalScrollBar().value()
            if touched:
                window.doc = None
                window.open_document(doc.id)
                view.verticalScrollBar().setValue(scroll)
                if selected and window.span_model.row_of(selected) >= 0:
                    view.select_span(selected)
            else:
                view.set_schema(window.schema)
                window.span_model.set_spans(view.spans(), window.schema)
                window.span_list.show_span(selected)
        window.inspector.refresh()
        window.status_bar.saved(f"Saved: schema changed — {plan_text(plan)}")
