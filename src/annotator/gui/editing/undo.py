"""Undo and redo over committed edits.

Undo logic lives in the core (``edit.inverse()``); a ``QUndoCommand`` here only replays it
through ``Repository.apply`` so each undo and redo is validated, committed and logged like any
other edit. The first ``redo`` Qt calls on push is the edit that was already applied, so it is
skipped rather than applied twice. An undo or redo the store could not save (the connection to
the server dropped, the file was locked) leaves the step where it was, to be tried again.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.edits import Changes, Edit
from annotator.core.errors import AnnotatorError
from annotator.core.operations import Refusal
from annotator.core.operations.ownership import foreign_refusal
from annotator.gui.state import Workspace
from annotator.store.errors import StoreError
from annotator.store.repository import Repository


def edit_doc_id(edit: Edit) -> str | None:
    """The one document an edit touches, if it touches exactly one."""
    doc_ids = edit.changes().doc_ids
    return next(iter(doc_ids)) if len(doc_ids) == 1 else None


class Replay(Enum):
    """What became of an undo or redo."""

    DONE = "done"
    UNSAVED = "unsaved"
    """The store could not write it (connection lost, locked, disk full): nothing changed."""
    STALE = "stale"
    """Refused, or the database no longer matches the step (another tool changed it)."""


class EditSession(QObject):
    """The one entrance for changing data from the GUI; views refresh from ``applied``.

    ``perform`` takes an edit, or a ``Refusal`` saying why none could be built. A refusal is
    reported through ``refused``; an edit is committed through ``Repository.apply`` and goes
    on the undo stack. ``applied(edit, changes, message)`` fires only after a commit: for new
    edits, undo and redo, and (with ``edit`` ``None`` and ``changes.schema`` set) after a
    schema change, which is committed elsewhere and is not undoable. ``failed(message)``
    fires when the store refused or could not save an edit (nothing changed; on a server
    whose connection dropped, the next edit connects again).
    Before an undo or redo of an edit of another document, that document is opened, so the
    user sees what is being undone.
    """

    applied = Signal(object, object, str)
    failed = Signal(str)
    refused = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.stack = QUndoStack(self)
        # The steps on the stack are the previous annotator's: the next one may not undo them.
        workspace.annotatorChanged.connect(lambda _name: self.stack.clear())

    @property
    def repo(self) -> Repository:
        return self.workspace.repo

    @property
    def annotator(self) -> str:
        return self.workspace.annotator

    def perform(self, edit: Edit | Refusal, owner: str | None = None) -> Changes | None:
        """Apply a new edit; on success it goes on the undo stack. A refusal is reported.

        The edit may touch only ``owner``'s spans and relations (default: the workspace
        annotator's, see ``core.operations.ownership``); anyone else's refuse it.
        """
        if isinstance(edit, Refusal):
            self.refused.emit(str(edit))
            return None
        changes = self._apply(edit, f"Saved: {edit.done_text()}", owner)
        if isinstance(changes, Replay):
            return None
        self.stack.push(EditCommand(self, edit, owner))
        return changes

    def schema_changed(self, message: str, annotations_changed: bool) -> None:
        """Announce a committed schema change. When it changed or deleted annotations, the
        undo steps may name labels that are gone, so the stack is cleared."""
        self.workspace.reload_schema()
        doc_ids: frozenset[str] = frozenset()
        if annotations_changed:
            self.stack.clear()
            doc_ids = frozenset(self.repo.document_ids())
        self.applied.emit(None, Changes(doc_ids=doc_ids, schema=True), message)

    def replay(self, edit: Edit, message: str, owner: str | None = None) -> Replay:
        doc_id = edit_doc_id(edit)
        if doc_id is not None:
            self.workspace.open_document(doc_id)
        done = self._apply(edit, message, owner)
        return done if isinstance(done, Replay) else Replay.DONE

    def return_to(self, index: int) -> None:
        """Put the stack back at ``index`` once Qt has finished moving it (an undo or redo
        that was not saved: the step still stands as it was)."""
        QTimer.singleShot(0, self, lambda: self.stack.setIndex(index))

    def _apply(self, edit: Edit, message: str, owner: str | None = None) -> Changes | Replay:
        refusal = foreign_refusal(edit, self.annotator if owner is None else owner, self.repo)
        if refusal is not None:
            self.refused.emit(str(refusal))
            return Replay.STALE
        try:
            changes = self.repo.apply(edit, self.annotator)
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return Replay.UNSAVED if isinstance(exc, StoreError) else Replay.STALE
        self.applied.emit(edit, changes, message)
        return changes


class EditCommand(QUndoCommand):
    """One committed edit on the undo stack; its text is the edit's ``describe()``."""

    def __init__(self, session: EditSession, edit: Edit, owner: str | None = None) -> None:
        super().__init__(edit.describe())
        self.session = session
        self.edit = edit
        self.owner = owner
        """Whose spans the edit may touch (None: the annotator working when it is replayed)."""
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        index = self.session.stack.index()
        redid = f"Saved: redid {self.edit.done_text()}"
        self._settle(self.session.replay(self.edit, redid, self.owner), True, index)

    def undo(self) -> None:
        if not self._applied:
            return  # a redo that was not saved: the stack steps back over it
        index = self.session.stack.index()
        undid = f"Saved: undid {self.edit.done_text()}"
        self._settle(self.session.replay(self.edit.inverse(), undid, self.owner), False, index)

    def _settle(self, replay: Replay, applied: bool, index: int) -> None:
        if replay is Replay.DONE:
            self._applied = applied
        elif replay is Replay.UNSAVED:
            self.session.return_to(index)
        else:
            # The database no longer matches (e.g. another tool changed it): drop the step
            # rather than leave a command that cannot be replayed.
            self.setObsolete(True)
