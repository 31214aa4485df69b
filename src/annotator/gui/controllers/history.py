"""History across restarts: undo reaches back into the edit log, and the History panel
brings a document back to an earlier point as one undoable edit.

Every edit is logged with everything needed to rebuild it (``core.edit_log``), so after a
restart the open document's last ``UNDO_REACH`` edits go back on the undo stack as if they
had been made in this session: the edits of the annotator working now, as others' spans are
theirs to change. The reach stops at the first entry that is not a replayable
edit (an import, a schema change); the status bar says where it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from shiboken6 import isValid

from annotator.core.edit_log import edit_from_log
from annotator.core.edits import Batch, Edit
from annotator.core.operations import Refusal
from annotator.gui.editing.undo import EditCommand, EditSession
from annotator.gui.panels.history import HistoryPanel, local_time
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.repository import LogEntry

UNDO_REACH = 100
"""Edits of the open document that undo reaches back to after a restart."""
SHOWN = 500
"""Entries the History panel lists."""


class History(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        panel: HistoryPanel,
        status: StatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.session = session
        self.panel = panel
        self.status = status
        self.history_start = ""
        """When the oldest edit undo reaches was made ("" when none was loaded)."""
        workspace.documentOpened.connect(lambda _id: self.refresh())
        session.applied.connect(lambda *_args: self.refresh())
        session.stack.indexChanged.connect(self._undo_index_changed)
        panel.restoreRequested.connect(self.restore_to)

    def refresh(self) -> None:
        doc = self.workspace.doc
        if doc is None:
            self.panel.show_entries("No document", [])
            return
        self.panel.show_entries(doc.title or doc.id, self.workspace.repo.edit_log(doc.id, SHOWN))

    def reach_back(self) -> int:
        """Put the open document's logged edits on the empty undo stack; returns how many."""
        doc = self.workspace.doc
        stack = self.session.stack
        if doc is None or stack.count():
            return 0
        annotator = self.workspace.annotator
        entries = self.workspace.repo.edit_log(doc.id, UNDO_REACH)
        edits: list[tuple[LogEntry, Edit]] = []
        for entry in entries:  # newest first
            edit = edit_from_log(entry.kind, entry.payload)
            if edit is None:
                break
            if entry.annotator == annotator:  # others' edits are theirs to undo
                edits.append((entry, edit))
        for _entry, edit in reversed(edits):
            stack.push(EditCommand(self.session, edit))
        if edits:
            self.history_start = local_time(edits[-1][0].ts)
            self.status.info(
                f"Undo reaches back {len(edits)} edits of this document made before, "
                f"to {self.history_start}; the History panel lists them all."
            )
        return len(edits)

    def restore_to(self, log_id: int) -> None:
        """Undo, in one edit, every later logged edit the annotator made to the open document."""
        doc = self.workspace.doc
        if doc is None:
            return
        annotator = self.workspace.annotator
        later = [
            e
            for e in self.workspace.repo.edit_log(doc.id, limit=100_000)
            if e.id > log_id and e.annotator == annotator  # others' work stays as it is
        ]
        inverses: list[Edit] = []
        for entry in later:  # newest first: undone in that order
            edit = edit_from_log(entry.kind, entry.payload)
            if edit is None:
                self.session.perform(
                    Refusal(
                        f"cannot restore past “{entry.summary}” of {local_time(entry.ts)}: "
                        "it is not an edit that can be undone"
                    )
                )
                return
            inverses.append(edit.inverse())
        if not inverses:
            return
        target = next(e for e in self.panel.entries() if e.id == log_id)
        when = local_time(target.ts)
        self.session.perform(Batch(tuple(inverses), f"restore document to {when}"))

    def _undo_index_changed(self, index: int) -> None:
        stack = self.session.stack
        # The stack reports its last index while it is being destroyed with the window.
        if index == 0 and self.history_start and isValid(stack) and stack.count():
            self.status.info(
                f"Undo history ends here: the oldest edit it reaches was made {self.history_start}"
            )
