"""The work queue: next / previous unfinished document, "mark done and next", and progress.

Marking done is an ``UpdateDocument`` through the edit session (undoable: Ctrl+Z brings the
status back and reopens that document). The progress line in the status bar (documents
done / total, spans per label) is re-read after every committed edit and every import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from annotator.core.edits import Changes, Edit
from annotator.store.work_queue import DONE, CorpusProgress, corpus_progress, neighbour_unfinished

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SHOWN_LABELS = 4


def progress_text(p: CorpusProgress) -> tuple[str, str]:
    """The short line for the status bar and the full one for its tooltip."""
    labels = list(p.spans_per_label.items())
    shown = " · ".join(f"{label} {n}" for label, n in labels[:SHOWN_LABELS])
    more = f" · +{len(labels) - SHOWN_LABELS}" if len(labels) > SHOWN_LABELS else ""
    line = f"Done {p.done}/{p.documents}" + (f" · {shown}{more}" if shown else "")
    full = "\n".join(f"{label}: {n}" for label, n in labels) or "no spans yet"
    tip = f"{p.done} of {p.documents} documents done, {p.spans} spans\n{full}"
    return line, tip


class WorkQueue(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        actions = window.actions_
        actions.bind("document.next_unfinished", lambda: self.step(1))
        actions.bind("document.previous_unfinished", lambda: self.step(-1))
        actions.bind("document.mark_done_next", self.mark_done_and_next)
        self.label = QLabel(window.status_bar)
        self.label.setObjectName("ProgressSummary")
        self.label.setContentsMargins(8, 0, 8, 0)
        window.status_bar.addPermanentWidget(self.label)
        window.session.applied.connect(self._edit_applied)
        window.doc_model.modelReset.connect(self.refresh)
        self.refresh()

    def step(self, delta: int) -> None:
        window = self.window
        current = window.doc.id if window.doc is not None else None
        target = neighbour_unfinished(window.repo, current, delta)
        if target is None:
            window.status_bar.info("Every document is done")
        elif target == current:
            window.status_bar.info("This is the only unfinished document")
        else:
            window.open_document(target)

    def mark_done_and_next(self) -> None:
        window = self.window
        if window.doc is None:
            window.status_bar.problem("Open a document first")
            return
        window.set_document_status(DONE)
        if window.repo.document(window.doc.id).status != DONE:
            return  # refused; the status bar says why
        target = neighbour_unfinished(window.repo, window.doc.id, 1)
        if target is None:
            window.status_bar.saved("Saved: marked done. Every document is done now")
            return
        message = window.status_bar.message()
        window.open_document(target)
        window.status_bar.saved(f"{message}; opened the next unfinished document")

    def refresh(self) -> None:
        line, tip = progress_text(corpus_progress(self.window.repo))
        self.label.setText(line)
        self.label.setToolTip(tip)

    def _edit_applied(self, _edit: Edit, _changes: Changes, _message: str) -> None:
        self.refresh()
