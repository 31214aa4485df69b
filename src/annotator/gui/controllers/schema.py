"""Project ▸ Labels… and Project ▸ Apply Schema File…: changing the project's schema in the app.

Both go through ``apply_schema_change`` (one transaction, recorded in the edit log), exactly
as ``annotator schema apply`` does. A schema file's plan is shown first and must be
confirmed; removals that would delete annotations are refused with their counts, and only an
explicit "Force" deletes them. Afterwards the change is announced through the edit session's
``applied`` signal (``Changes.schema``), from which the palette, the view, the span list, the
document filter and the inspector take the stored schema.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_toml
from annotator.core.schema_plan import SchemaPlan
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.labels import ColorPicker, LabelsDialog, dialog_color_picker
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.schema_store import apply_schema_change, plan_schema_change


def plan_text(plan: SchemaPlan) -> str:
    """The plan in one line for the status bar."""
    return " ".join(" ".join(plan.lines()).split())


class SchemaActions(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        view: ArticleView,
        status_bar: StatusBar,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.session = workspace, session
        self.view, self.status_bar = view, status_bar
        self.window = window
        """The parent of the dialogs and message boxes."""
        self.pick_color: ColorPicker = dialog_color_picker
        self.labels_dialog: LabelsDialog | None = None
        self.message_box: QMessageBox | None = None

    # ----- labels dialog ------------------------------------------------------------------
    def open_labels_dialog(self) -> LabelsDialog:
        dialog = LabelsDialog(
            self.workspace.schema, self._apply_from_dialog, self.pick_color, self.window
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
        self.view.setFocus()

    def _apply_from_dialog(self, schema: Schema) -> SchemaPlan:
        """Called by the dialog's OK; a refusal raises and the dialog shows it."""
        plan = apply_schema_change(
            self.workspace.repo, schema, False, self.workspace.annotator
        ).plan
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
        plan = plan_schema_change(self.workspace.repo, schema)
        if plan.change.is_empty():
            self.status_bar.info(f"{path.name} matches the project's schema: no change")
            return
        box = self._box(QMessageBox.Icon.Question, f"Apply {path.name}?", "\n".join(plan.lines()))
        if plan.refusals(True):  # cannot be done even when forced: the user cleans up first
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(f"{path.name} cannot be applied; nothing was changed.")
            box.setInformativeText("\n".join(plan.refusal_messages(True)))
            box.setDetailedText("\n".join(plan.lines()))
            box.addButton(QMessageBox.StandardButton.Close)
            self.status_bar.problem("Schema not applied: " + plan.refusal_messages(True)[0])
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
            self.status_bar.problem("Schema not applied yet: " + "; ".join(messages))
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
            plan = apply_schema_change(
                self.workspace.repo, schema, force, self.workspace.annotator
            ).plan
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
        self.status_bar.problem(message)
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
        """Announce the committed change; widgets take the stored schema from the session's
        ``applied`` signal, and re-read the document when annotations changed."""
        touched = any(use.count for use in plan.uses)
        self.session.schema_changed(f"Saved: schema changed — {plan_text(plan)}", touched)
