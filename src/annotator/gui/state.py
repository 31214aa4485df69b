"""What the app is working on: the project, its schema, the open document, the selected span
and the annotator's name, with a signal for each change.

Controllers and panels read the current document or schema here instead of asking the main
window, and react to the signals instead of being called by it. The workspace holds state
only: it never touches a widget, and edits go through the edit session
(``annotator.gui.editing.undo.EditSession``), which announces what they changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from annotator.core.model import Document
from annotator.core.schema import Schema
from annotator.store.backend import Location, is_server_location
from annotator.store.errors import StoreError
from annotator.store.repository import Repository


class Workspace(QObject):
    documentOpened = Signal(str)
    """A document was opened, or the open one re-read (``reload_document``)."""
    documentChanged = Signal(str)
    """The open document's stored fields (status, labels, note) were re-read."""
    schemaChanged = Signal(object)
    """The project's schema was re-read after a change; carries the new ``Schema``."""
    spanSelected = Signal(object)
    """The selected span id, or ``None`` when no span is selected."""
    annotatorChanged = Signal(str)
    """The name recorded on every new edit changed."""
    readFailed = Signal(str)
    """A read the user asked for could not be made (a server project whose server cannot be
    reached again); carries the status-bar text. What was shown stays as it was, or is
    cleared when it can no longer be trusted."""

    def __init__(
        self,
        repo: Repository,
        location: Location,
        annotator: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        repo.viewer = annotator  # the document statuses shown are this annotator's
        repo.clear_cache()
        self.location = location
        """The project's file, or the connection string of a server project (a worker
        thread opens its own connection to it)."""
        self._schema = repo.schema()
        self._doc: Document | None = None
        self._selected: str | None = None
        self._annotator = annotator

    # ----- reading ------------------------------------------------------------------------
    @property
    def schema(self) -> Schema:
        return self._schema

    @property
    def doc(self) -> Document | None:
        """The open document as last read from the store."""
        return self._doc

    @property
    def selected_span_id(self) -> str | None:
        return self._selected

    @property
    def annotator(self) -> str:
        return self._annotator

    @property
    def project_file(self) -> Path | None:
        """The project's SQLite file, or None when the project lives on a PostgreSQL server
        (what only a file has, such as backups, does not apply)."""
        return None if is_server_location(self.location) else Path(self.location)

    # ----- changing -----------------------------------------------------------------------
    def open_document(self, doc_id: str) -> None:
        """Open ``doc_id``; opening the document that is already open does nothing. When it
        cannot be read, the open document stays open and ``readFailed`` says why."""
        if self._doc is not None and self._doc.id == doc_id:
            return
        try:
            doc = self.repo.document(doc_id)
        except StoreError as exc:
            self.readFailed.emit(f"Not opened: {exc}")
            return
        self._doc = doc
        self.documentOpened.emit(doc_id)

    def reload_document(self) -> None:
        """Read the open document again and show it anew (after its annotations or the
        schema changed under it)."""
        if self._doc is None:
            return
        self._doc = self.repo.document(self._doc.id)
        self.documentOpened.emit(self._doc.id)

    def close_document(self) -> None:
        """Forget the open document (it was deleted, or the project has none)."""
        self._doc = None
        self.select_span(None)

    def refresh_document(self) -> None:
        """Re-read the open document's fields after an edit changed them."""
        if self._doc is None:
            return
        self._doc = self.repo.document(self._doc.id)
        self.documentChanged.emit(self._doc.id)

    def reload_schema(self) -> None:
        """Take the stored schema after it was changed (here or by a worker's connection)."""
        self._schema = self.repo.reread_schema()
        self.schemaChanged.emit(self._schema)

    def select_span(self, span_id: str | None) -> None:
        span_id = span_id or None
        if span_id == self._selected:
            return
        self._selected = span_id
        self.spanSelected.emit(span_id)

    def set_annotator(self, name: str) -> None:
        if name == self._annotator:
            return
        self._annotator = name
        self.repo.viewer = name  # statuses are per annotator: the open document's may differ
        self.repo.clear_cache()
        if self._doc is not None:
            self._doc = self.repo.document(self._doc.id)
        self.annotatorChanged.emit(name)
