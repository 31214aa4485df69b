"""Which document is open: the first one at start-up, the next or previous one, the one the
project still has after an import, and the open document's status.

The last document opened is remembered in the settings and opened again next time. A read
that fails (``Workspace.readFailed``: a server that cannot be reached again) is a status-bar
message, never the crash dialog; it is shown once the slots of the failed action have run, so
that the problem is not cleared by the action's own "moved on" handlers.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt

from annotator.core.operations.documents import set_document_status
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.document_list import DocumentListModel, DocumentListView
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.errors import StoreError

LAST_DOCUMENT_KEY = "session/last_doc"


class DocumentNavigation(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        doc_list: DocumentListView,
        doc_model: DocumentListModel,
        doc_filter: DocumentFilterBar,
        status_bar: StatusBar,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.session = workspace, session
        self.doc_list, self.doc_model, self.doc_filter = doc_list, doc_model, doc_filter
        self.status_bar, self.settings = status_bar, settings
        workspace.documentOpened.connect(
            lambda doc_id: settings.setValue(LAST_DOCUMENT_KEY, doc_id)
        )
        workspace.readFailed.connect(self._read_failed, Qt.ConnectionType.QueuedConnection)

    def _read_failed(self, message: str) -> None:
        """Say why, and keep the list's selection on the document still open."""
        self.status_bar.problem(message)
        doc = self.workspace.doc
        if doc is not None:
            self.doc_list.select_document(doc.id)

    def open_first_document(self, doc_id: str | None = None) -> None:
        """Open ``doc_id``, else the last one opened, else the first; say so if none exist."""
        repo = self.workspace.repo
        last = str(self.settings.value(LAST_DOCUMENT_KEY, "") or "")
        for candidate in (doc_id, last):
            if candidate and repo.has_document(candidate):
                self.workspace.open_document(candidate)
                return
        if doc_id:
            self.status_bar.problem(f"No document with id “{doc_id}” in this project")
        ids = self.doc_model.document_ids()
        if ids:
            self.workspace.open_document(ids[0])
        elif not doc_id:
            self.status_bar.info("The project has no documents yet: File ▸ Import Files…")

    def step_document(self, step: int) -> None:
        """The next or previous document of the list (the annotator's queue)."""
        ids = self.doc_model.document_ids()
        if not ids:
            return
        doc = self.workspace.doc
        index = ids.index(doc.id) + step if doc and doc.id in ids else 0
        self.workspace.open_document(ids[max(0, min(len(ids) - 1, index))])

    def reload_documents(self) -> None:
        """After an import: new rows in the list, the open document stays open."""
        try:
            self.doc_model.reload()
        except StoreError as exc:
            self.workspace.readFailed.emit(f"Document list not refreshed: {exc}")
            return
        self.doc_filter.refresh()
        doc = self.workspace.doc
        if doc is not None and self.workspace.repo.has_document(doc.id):
            self.doc_list.select_document(doc.id)
        else:
            self.workspace.close_document()
            self.open_first_document()

    def set_document_status(self, status: str) -> None:
        doc = self.workspace.doc
        if doc is None:
            return
        stored = self.workspace.repo.document(doc.id)
        if stored.status != status:
            self.session.perform(set_document_status(stored, status))
