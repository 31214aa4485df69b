"""Project ▸ Assign…: opens the assignment dialog over the project's annotators and
documents, writes the accepted plan in one committed transaction, then refreshes the list
and the progress line (the viewer's queue may have changed)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from annotator.core.assignment import loads_text
from annotator.core.errors import AnnotatorError
from annotator.gui.controllers.documents import DocumentNavigation
from annotator.gui.dialogs.assign import AssignDialog
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.assignments import (
    assignments,
    documents_not_done,
    known_annotators,
    write_plan,
)


class Assignments(QObject):
    def __init__(
        self,
        workspace: Workspace,
        documents: DocumentNavigation,
        doc_filter: DocumentFilterBar,
        status_bar: StatusBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace, self.documents, self.doc_filter = workspace, documents, doc_filter
        self.status_bar, self.window = status_bar, window
        self.dialog: AssignDialog | None = None

    def open_dialog(self) -> AssignDialog:
        repo = self.workspace.repo
        names = known_annotators(repo)
        if self.workspace.annotator not in names:
            names.append(self.workspace.annotator)
        scopes = [
            ("All documents", repo.document_ids()),
            ("The documents the list shows", self._listed_ids()),
            ("Not yet done by anyone", documents_not_done(repo)),
        ]
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = AssignDialog(names, scopes, assignments(repo), self.window)
        self.dialog.accepted.connect(self._assign)
        self.dialog.open()
        return self.dialog

    def _listed_ids(self) -> list[str]:
        """The documents the list shows through its filter, in list order."""
        proxy, model = self.doc_filter.proxy, self.doc_filter.model
        return [
            model.doc_id(proxy.mapToSource(proxy.index(row, 0)).row())
            for row in range(proxy.rowCount())
        ]

    def _assign(self) -> None:
        plan = self.dialog.plan() if self.dialog is not None else None
        if plan is None or not plan.pairs:
            return
        try:
            added = write_plan(self.workspace.repo, plan)
        except AnnotatorError as exc:
            self.status_bar.problem(f"Not saved: {exc}")
            return
        self.documents.reload_documents()
        self.status_bar.saved(
            f"Saved: {added} assignment{'' if added == 1 else 's'} on {plan.documents} "
            f"documents · {loads_text(plan)}"
        )
