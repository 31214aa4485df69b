"""Live team work on a server project: what other copies of the app commit shows here within
moments, without a restart.

The server announces every committed change of spans, relations, statuses and assignments,
curation decisions and documents (``store.postgres.notices``). A ``QSocketNotifier`` on the
listener's connection wakes this controller when one arrives: nothing polls. The listener
drops the notices of this window's own commits (the window showed those edits when it made
them).
A burst (an import, a curator's run of decisions) is gathered into one refresh, at most one
every ``COALESCE_MS``, and a refresh reads only what the notices name: the rows of the
documents they touched in the list (statuses, "Done by", span counts, titles, labels), the
progress line, and for the open document its status, title, note and labels, the other
annotators' spans (ghosts) and an open comparison. Documents imported or deleted elsewhere
reload the list, keeping its selection, scroll and filter; a deleted open document is closed
(the first one opens instead, and the status bar says why), and one whose text was extracted
again is opened anew at the paragraph the reader was at. It never touches the user's own
spans, selection, scroll position or a gold span being edited (that comparison is read again
when the editing ends).

A dropped connection is made again quietly, in a background thread (a server that went away
may take the connection timeout to answer), at once and then after pauses that grow while the
server stays away; the notices sent meanwhile are lost, so everything shown is read again once
it is back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer, Signal

from annotator.core.lanes import sort_in_document_order
from annotator.core.model import Span
from annotator.core.operations.ownership import UNATTRIBUTED, owns, split_own
from annotator.gui.article.view import ArticleView
from annotator.gui.controllers.curation import CurationController
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.document_list import DocumentListModel, DocumentListView
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store.backend import is_postgres, operational_errors
from annotator.store.errors import StoreError
from annotator.store.postgres.notices import ChangeListener, ChangeNotice
from annotator.store.work_queue import ordered_queue

if TYPE_CHECKING:
    from annotator.store.postgres.database import PgDatabase

COALESCE_MS = 200
"""The shortest time between two refreshes: a burst of notices is shown in one."""
RECONNECT_MS = (250, 1_000, 2_000, 5_000, 10_000, 30_000)
"""Pauses before each new attempt to listen again after the connection dropped."""
OTHERS_WORK = frozenset({"spans", "relations"})
"""Tables whose changes on the open document are redrawn as ghosts and compared."""
RESHAPING = frozenset({"document_status", "documents"})
"""Tables whose changes may add rows to the document list or take rows from it (an
assignment, an import, a deletion)."""


class LiveRefresh(QObject):
    refreshed = Signal(object)
    """After a refresh: the document ids it read again (None: everything shown)."""
    listening = Signal(bool)
    """The listener connected (True) or lost the server (False)."""
    _attempted = Signal(object)
    """A background attempt to listen again ended: the new listener, or None."""

    def __init__(
        self,
        workspace: Workspace,
        doc_model: DocumentListModel,
        doc_list: DocumentListView,
        doc_filter: DocumentFilterBar,
        view: ArticleView,
        curation: CurationController,
        status: StatusBar,
        refresh_progress: Callable[[], None],
        open_first_document: Callable[[], None],
        listen: Callable[[], ChangeListener],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.view, self.curation = workspace, view, curation
        self.doc_model, self.doc_list, self.doc_filter = doc_model, doc_list, doc_filter
        self.status = status
        self._refresh_progress, self._listen = refresh_progress, listen
        self._open_first_document = open_first_document
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._pending: list[ChangeNotice] = []
        self._everything = False
        self._comparison_stale = False
        self._attempts = 0
        self._failures: tuple[type[Exception], ...] = (StoreError, *operational_errors())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._since = QTimer(self)  # only its remaining time is read: when the last refresh ran
        self._since.setSingleShot(True)
        for timer in (self._timer, self._since):  # a coarse timer may fire 5% early
            timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._reconnect = QTimer(self)
        self._reconnect.setSingleShot(True)
        self._reconnect.timeout.connect(self._connect_in_background)
        self._connecting = self._closed = False
        self._attempted.connect(self._attempt_done)
        curation.panel.table.editingFinished.connect(self._editing_finished)
        if parent is not None:
            parent.installEventFilter(self)  # the window closing stops the listening
        self._start()

    # ----- the listener ---------------------------------------------------------------------
    def _start(self) -> None:
        """Listen from the start: the server was reached a moment ago to open the project, so
        this connection is made at once; if it fails, later attempts run in the background."""
        try:
            listener = self._listen()
        except StoreError:
            self._retry_later()
            return
        self._watch(listener)

    def _watch(self, listener: ChangeListener) -> None:
        self.listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        if self._attempts:  # notices sent while the connection was down are lost
            self._everything = True
            self._schedule()
        self._attempts = 0
        self.listening.emit(True)

    def _retry_later(self) -> None:
        delay = RECONNECT_MS[min(self._attempts, len(RECONNECT_MS) - 1)]
        self._attempts += 1
        self._reconnect.start(delay)

    def _connect_in_background(self) -> None:
        """Connect off the GUI thread: a server that has gone away may take the connection's
        whole timeout to answer, and the user keeps working meanwhile."""
        if self._connecting or self._closed:
            return
        self._connecting = True
        listen, attempted = self._listen, self._attempted

        def attempt() -> None:
            try:
                listener: ChangeListener | None = listen()
            except StoreError:
                listener = None
            try:
                attempted.emit(listener)
            except RuntimeError:  # the window was closed and deleted meanwhile
                if listener is not None:
                    listener.close()

        threading.Thread(target=attempt, name="listen-again", daemon=True).start()

    def _attempt_done(self, listener: ChangeListener | None) -> None:
        self._connecting = False
        if self._closed:
            if listener is not None:
                listener.close()
        elif listener is None:
            self._retry_later()
        else:
            self._watch(listener)

    def _lost(self) -> None:
        """Stop watching the socket before it is closed (a closed one reads as ready forever),
        then try again at once; later attempts wait longer."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self._attempts = max(self._attempts, 1)
        self.listening.emit(False)
        self._reconnect.start(0)

    def _readable(self) -> None:
        listener = self.listener
        if listener is None:
            return
        try:
            notices = listener.read()
        except StoreError:
            self._lost()
            return
        if notices:
            self._pending.extend(notices)
            self._schedule()

    def _schedule(self) -> None:
        """Refresh now, or when ``COALESCE_MS`` have passed since the last refresh; notices
        arriving meanwhile join the one refresh."""
        if not self._timer.isActive():
            self._timer.start(max(0, self._since.remainingTime()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.close()
        return False

    def close(self) -> None:
        """Stop listening (the window closes)."""
        self._closed = True
        self._reconnect.stop()
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    # ----- refreshing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Show what the gathered notices name (everything, after a reconnection)."""
        notices, self._pending = self._pending, []
        everything, self._everything = self._everything, False
        if not notices and not everything:
            return
        named: set[str] | None = set()
        for notice in notices:
            if notice.doc_ids is None or named is None:
                named = None
            else:
                named |= notice.doc_ids
        if everything:
            named = None
        try:
            self._forget_documents(notices, everything)
            self._refresh_list(named, notices, everything)
            self._refresh_open_document(notices, everything)
            self._refresh_progress()
        except self._failures:
            # The app's own connection failed too: its next edit says so and reconnects;
            # this refresh is made again in full with the next notice.
            self._everything = True
            return
        finally:
            self._since.start(COALESCE_MS)  # from the end: the user gets the time between
        self.refreshed.emit(named)

    def _sees_status(self, notice: ChangeNotice) -> bool:
        """Whether the notice may change a status the viewer sees: their own row's, or the
        project's (the empty name's) where they have none."""
        return notice.table == "document_status" and notice.annotator in (
            None,
            UNATTRIBUTED,
            self.workspace.annotator,
        )

    def _forget_documents(self, notices: list[ChangeNotice], everything: bool) -> None:
        """Drop the cached documents whose fields, or status the viewer sees, changed (a
        document's text can be megabytes: one whose spans or others' statuses changed is
        kept)."""
        listed = set(self.doc_model.document_ids())
        stale: set[str] = listed if everything else set()
        for notice in notices:
            if notice.table != "documents" and not self._sees_status(notice):
                continue
            stale |= notice.doc_ids if notice.doc_ids is not None else listed
        for doc_id in stale:
            self.workspace.repo.forget_document(doc_id)

    def _refresh_list(
        self, named: set[str] | None, notices: list[ChangeNotice], everything: bool
    ) -> None:
        """The listed rows the notices touched; the whole list only when the viewer's queue
        changed (an assignment, an import, a deletion), keeping the open document selected,
        the list's scroll and its filter."""
        reshaped = everything or any(n.table in RESHAPING for n in notices)
        queue = self.doc_model.document_ids()
        if reshaped and ordered_queue(self.workspace.repo, self.doc_model.order) != queue:
            bar = self.doc_list.verticalScrollBar()
            scroll = bar.value()
            self.doc_model.reload()
            self.doc_filter.refresh()
            doc = self.workspace.doc
            if doc is not None and doc.id in self.doc_model.document_ids():
                self.doc_list.select_document(doc.id)
            bar.setValue(scroll)
            return
        if named is None:
            self.doc_model.refresh_all()
            self.doc_filter.refresh()
        else:
            self.doc_model.refresh(named)
            names = {n.annotator for n in notices if n.table == "spans"}
            if None in names:  # several people's spans at once: the names are read again
                self.doc_filter.refresh()
            else:
                self.doc_filter.refresh(named)
                for name in sorted(n for n in names if n is not None):
                    self.doc_filter.refresh(set(), name)
        self.doc_list.show_team_column()

    def _refresh_open_document(self, notices: list[ChangeNotice], everything: bool) -> None:
        doc = self.workspace.doc
        if doc is None:
            return
        if not self.workspace.repo.has_document(doc.id):
            self._deleted_elsewhere(doc.title or doc.id)
            return
        touching = [n for n in notices if n.touches(doc.id)]
        fields = [n for n in touching if n.table == "documents"]
        if any(n.text_changed for n in fields):
            self.workspace.reload_document()  # spans, ghosts and an open comparison with it
            return
        if everything or fields or any(self._sees_status(n) for n in touching):
            self.workspace.refresh_document()
        work = [n for n in touching if n.table in OTHERS_WORK]
        if everything or work:
            self._show_others(doc.id, None if everything else work)
        if everything or work or any(n.table == "curation_decisions" for n in touching):
            self._compare_again(doc.id)

    def _deleted_elsewhere(self, title: str) -> None:
        """The open document is gone from the project: the first one opens in its place."""
        self.workspace.close_document()
        self._open_first_document()
        self.status.info(f"“{title}” was deleted from the project elsewhere")

    def _show_others(self, doc_id: str, notices: list[ChangeNotice] | None) -> None:
        """Other annotators' spans and relations of the open document, read again: only the
        named annotators' spans when each notice names one, every span otherwise."""
        repo, annotator, view = self.workspace.repo, self.workspace.annotator, self.view
        names = {n.annotator for n in notices} if notices is not None else {None}
        others = {name for name in names if name is None or not owns(annotator, name)}
        if not others:
            return  # the viewer's own work, committed from another copy of the app
        scroll = view.verticalScrollBar().value()
        if None in others:
            ghosts = split_own(repo.spans(doc_id), annotator)[1]
        else:
            ghosts = [s for s in view.ghosts.spans() if s.annotator not in others]
            ghosts += self._spans_of(doc_id, sorted(n for n in others if n is not None))
            sort_in_document_order(ghosts)
        view.ghosts.set_spans(ghosts)
        view.ghosts.set_relations(
            [r for r in repo.relations(doc_id) if not owns(annotator, r.annotator)]
        )
        view.verticalScrollBar().setValue(scroll)

    def _spans_of(self, doc_id: str, names: list[str]) -> list[Span]:
        """The spans ``names`` made in the document: one indexed read per layer."""
        repo, doc = self.workspace.repo, self.workspace.doc
        assert doc is not None
        layers = {layer.name for layer in self.workspace.schema.layers}
        layers |= {span.layer for span in self.view.ghosts.spans()}
        found: list[Span] = []
        for layer in sorted(layers):
            found += repo.spans_overlapping(doc_id, layer, 0, len(doc.text), names)
        return [span for span in found if span.annotator != UNATTRIBUTED]

    def _compare_again(self, doc_id: str) -> None:
        """An open comparison of the document compares anew, keeping the selected reading;
        while the curator edits a gold span it waits for the editing to end."""
        curation = self.curation
        if curation.curation is None or curation.curation.doc_id != doc_id:
            return
        if not curation.dock.isVisible():
            return
        if curation.editing is not None:
            self._comparison_stale = True
            return
        curation.compare_again()

    def _editing_finished(self) -> None:
        doc = self.workspace.doc
        if self._comparison_stale and doc is not None:
            self._comparison_stale = False
            self._compare_again(doc.id)


def live_refresh(
    workspace: Workspace,
    doc_model: DocumentListModel,
    doc_list: DocumentListView,
    doc_filter: DocumentFilterBar,
    view: ArticleView,
    curation: CurationController,
    status: StatusBar,
    refresh_progress: Callable[[], None],
    open_first_document: Callable[[], None],
    parent: QObject,
) -> LiveRefresh | None:
    """Live refresh for a server project (None for a project file: nobody else commits to
    it while it is open)."""
    if not is_postgres(workspace.repo.db):
        return None
    return LiveRefresh(
        workspace,
        doc_model,
        doc_list,
        doc_filter,
        view,
        curation,
        status,
        refresh_progress,
        open_first_document,
        lambda: ChangeListener.of_project(cast("PgDatabase", workspace.repo.db)),
        parent,
    )
