"""The work queue: next / previous unfinished document, "mark done and next", and progress.

Marking done is an ``UpdateDocument`` through the edit session (undoable: Ctrl+Z brings the
status back and reopens that document). The progress line in the status bar (documents
done / total, spans per label) is re-read after every committed edit and every import.
An annotator with assigned documents works through those only ("Done 3/10 assigned"); when
the annotator name changes, the list, the progress and the status are the new name's.

The queue's order (list, least certain first, random) is chosen above the document list and
remembered; the list, Next/Previous Unfinished and Mark Done and Next all follow it.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from annotator.core.edits import Changes, Edit
from annotator.gui.controllers.documents import DocumentNavigation
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.document_list import DocumentListModel
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.settings import QUEUE_ORDER, QUEUE_SEED, read_int, read_str
from annotator.gui.state import Workspace
from annotator.store.work_queue import (
    DONE,
    QUEUE_ORDERS,
    UNCERTAINTY_ORDER,
    CorpusProgress,
    QueueOrder,
    corpus_progress,
    neighbour_unfinished,
)

SHOWN_LABELS = 4


def progress_text(p: CorpusProgress) -> tuple[str, str]:
    """The short line for the status bar and the full one for its tooltip."""
    labels = list(p.spans_per_label.items())
    shown = " · ".join(f"{label} {n}" for label, n in labels[:SHOWN_LABELS])
    more = f" · +{len(labels) - SHOWN_LABELS}" if len(labels) > SHOWN_LABELS else ""
    assigned = " assigned" if p.assigned else ""
    line = f"Done {p.done}/{p.documents}{assigned}" + (f" · {shown}{more}" if shown else "")
    full = "\n".join(f"{label}: {n}" for label, n in labels) or "no spans yet"
    tip = f"{p.done} of {p.documents}{assigned} documents done, {p.spans} spans\n{full}"
    return line, tip


class WorkQueue(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        documents: DocumentNavigation,
        doc_model: DocumentListModel,
        status_bar: StatusBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.workspace, self.documents, self.status_bar = workspace, documents, status_bar
        self.doc_model = doc_model
        self.order_box = documents.doc_filter.order
        settings = documents.settings
        seed = read_int(settings, QUEUE_SEED, -1)
        if seed < 0:
            seed = random.randrange(1 << 31)
            settings.setValue(QUEUE_SEED, seed)
        self.seed = seed
        kind = read_str(settings, QUEUE_ORDER, doc_model.order.kind)
        if kind not in QUEUE_ORDERS:
            kind = doc_model.order.kind
        self.order_box.show_kind(kind)
        if kind != doc_model.order.kind:
            doc_model.set_order(QueueOrder(kind, seed))
        self.order_box.orderChosen.connect(self.choose_order)
        self.label = QLabel(status_bar)
        self.label.setObjectName("ProgressSummary")
        self.label.setContentsMargins(8, 0, 8, 0)
        status_bar.addPermanentWidget(self.label)
        session.applied.connect(self._edit_applied)
        doc_model.modelReset.connect(self.refresh)
        workspace.annotatorChanged.connect(lambda _name: documents.reload_documents())
        self.refresh()

    def choose_order(self, kind: str) -> None:
        """List the queue in this order (remembered), the open document still selected."""
        self.documents.settings.setValue(QUEUE_ORDER, kind)
        self.doc_model.order = QueueOrder(kind, self.seed)
        self.order_box.show_kind(kind)
        self.documents.reload_documents()
        if kind == UNCERTAINTY_ORDER and not self.doc_model.has_scores():
            self.status_bar.info(
                "No model has scored these documents yet: pre-annotate with a trained model "
                "to order them by its uncertainty"
            )

    def step(self, delta: int) -> None:
        current = self.workspace.doc.id if self.workspace.doc is not None else None
        target = neighbour_unfinished(self.workspace.repo, current, delta, self.doc_model.order)
        if target is None:
            self.status_bar.info("Every document is done")
        elif target == current:
            self.status_bar.info("This is the only unfinished document")
        else:
            self.workspace.open_document(target)

    def mark_done_and_next(self) -> None:
        if self.workspace.doc is None:
            self.status_bar.problem("Open a document first")
            return
        self.documents.set_document_status(DONE)
        if self.workspace.repo.document(self.workspace.doc.id).status != DONE:
            return  # refused; the status bar says why
        target = neighbour_unfinished(
            self.workspace.repo, self.workspace.doc.id, 1, self.doc_model.order
        )
        if target is None:
            self.status_bar.saved("Saved: marked done. Every document is done now")
            return
        message = self.status_bar.message()
        self.workspace.open_document(target)
        self.status_bar.saved(f"{message}; opened the next unfinished document")

    def refresh(self) -> None:
        line, tip = progress_text(corpus_progress(self.workspace.repo))
        self.label.setText(line)
        self.label.setToolTip(tip)

    def _edit_applied(self, _edit: Edit | None, _changes: Changes, _message: str) -> None:
        self.refresh()
