"""Compare Annotators and curate: the open document's comparison in its dock, and the
curator's keys turned into edits.

Every decision is one edit through the edit session (committed, logged under the curator's
name, undone with Ctrl+Z). The annotators' spans are compared once per opening; after a
curation step only the gold and the decisions are read again, so a key on a 50,000-span
document does not compare everything anew.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from annotator.core.comparison import OPEN, Version
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.edits import Changes, Edit, UpdateSpan
from annotator.core.model import Span
from annotator.core.operations import Refusal
from annotator.core.operations.curation import (
    accept_edit,
    accept_unanimous_edit,
    mark_curated_edit,
    reject_edit,
)
from annotator.core.operations.spans import Edge, move_boundary_edit, relabel_edit
from annotator.core.team import GOLD
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.comparison import ComparisonPanel
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.state import Workspace
from annotator.store import curation as stored


class CurationController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        session: EditSession,
        panel: ComparisonPanel,
        dock: QDockWidget,
        status_bar: StatusBar,
        parent: QObject | None = None,
        shown_spans: Callable[[str], list[Span] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.session = workspace, session
        self._shown_spans = shown_spans
        """The spans the window already holds for a document (None: read them)."""
        self.panel, self.dock, self.status_bar = panel, dock, status_bar
        self.curation: Curation | None = None
        self.editing: str | None = None
        """The gold span E put under the curator's keys."""
        table = panel.table
        table.acceptRequested.connect(lambda row: self._decide(row, accept=True))
        table.rejectRequested.connect(lambda row: self._decide(row, accept=False))
        table.editRequested.connect(self._accept_and_edit)
        table.labelKeyPressed.connect(self._relabel)
        table.edgeMoveRequested.connect(self._move_edge)
        table.editingFinished.connect(self._stop_editing)
        panel.acceptUnanimousRequested.connect(self.accept_unanimous)
        panel.markCuratedRequested.connect(self.mark_curated)
        workspace.documentOpened.connect(self._document_opened)
        session.applied.connect(self._edit_applied)
        dock.visibilityChanged.connect(self._dock_shown)

    # ----- opening --------------------------------------------------------------------------
    def open(self) -> None:
        """Compare the open document's annotators in the dock, keys in its list."""
        if self.workspace.doc is None:
            self.status_bar.problem("Open a document first")
            return
        self.load()
        self.dock.show()
        self.dock.raise_()
        self.panel.table.setFocus()
        if self.curation is not None and not self.curation.annotators:
            self.status_bar.problem("Nobody has annotated this document yet: nothing to compare")

    def load(self) -> None:
        """Read the open document's spans, relations and decisions and compare them."""
        doc, repo = self.workspace.doc, self.workspace.repo
        self._stop_editing()
        if doc is None:
            self.curation = None
            self.panel.show_curation(None, "", "", {})
            return
        spans = self._shown_spans(doc.id) if self._shown_spans is not None else None
        if spans is None:
            spans = repo.spans(doc.id)
        self.curation = Curation(
            doc.id, spans, repo.relations(doc.id), stored.decisions(repo, doc.id)
        )
        colors = {label.name: label.color for label in self.workspace.schema.labels}
        self.panel.show_curation(self.curation, doc.text, doc.title or doc.id, colors)

    def _dock_shown(self, visible: bool) -> None:
        """Shown from the View menu: compare the open document if it is not shown yet."""
        doc, curation = self.workspace.doc, self.curation
        if visible and doc is not None and (curation is None or curation.doc_id != doc.id):
            self.load()

    def _document_opened(self, _doc_id: str) -> None:
        if self.dock.isVisible():
            self.load()

    def _edit_applied(self, edit: Edit | None, changes: Changes, _message: str) -> None:
        """Take a curation step (or its undo) in without reading the document again; any
        other change of the document's spans compares it anew."""
        curation = self.curation
        if curation is None or curation.doc_id not in changes.doc_ids:
            return
        if isinstance(edit, CurationStep) and not changes.schema:
            curation.take_step(edit)
        elif isinstance(edit, UpdateSpan) and edit.after.id in curation.gold:
            curation.take_gold_span(edit.after)
        elif not isinstance(edit, SetAnnotatorStatus):
            self.compare_again()
            return
        self.panel.refresh_states()

    def compare_again(self) -> None:
        """Compare the open document anew (its spans changed), keeping the selected reading."""
        keep = self.panel.selected_version()
        self.load()
        if keep is not None:
            self.panel.select_version(keep)

    # ----- deciding -------------------------------------------------------------------------
    def _decide(self, row: int, *, accept: bool) -> Version | None:
        curation, version = self.curation, self.panel.model.version_at(row)
        if curation is None or version is None:
            return None
        if accept:
            edit: Edit | Refusal = accept_edit(curation, self.workspace.schema, version)
        else:
            edit = reject_edit(curation, version)
        if self.session.perform(edit, owner=GOLD) is None:
            return None
        self._next_open(row)
        return version

    def _next_open(self, row: int) -> None:
        """Move to the first open reading from ``row`` on (the list keeps its rows)."""
        model, curation = self.panel.model, self.curation
        assert curation is not None
        for candidate in [*range(row, model.rowCount()), *range(row)]:
            version = model.version_at(candidate)
            if version is not None and curation.state(version) == OPEN:
                self.panel.table.select_row(candidate)
                return

    def _accept_and_edit(self, row: int) -> None:
        curation, version = self.curation, self.panel.model.version_at(row)
        if curation is None or version is None:
            return
        if curation.gold_of(version) is None and self._decide(row, accept=True) is None:
            return
        gold = curation.gold_of(version)
        if gold is None:
            return
        self.panel.table.select_row(row)
        self.editing = gold.id
        self.panel.set_editing(True)
        self.status_bar.info(f"Editing the gold {gold.label} “{gold.text[:40]}”")

    def _stop_editing(self) -> None:
        self.editing = None
        self.panel.set_editing(False)

    def _relabel(self, key: str) -> None:
        curation = self.curation
        label = self.workspace.schema.label_for_hotkey(key)
        if curation is None or self.editing is None:
            return
        gold = curation.gold.get(self.editing)
        if gold is None:
            self._stop_editing()
            return
        if label is None:
            self.session.perform(Refusal(f"No label has the key {key!r}"))
            return
        self.session.perform(relabel_edit(self.workspace.schema, gold, label.name), owner=GOLD)

    def _move_edge(self, edge: str, step: int, by_word: bool) -> None:
        curation, doc = self.curation, self.workspace.doc
        if curation is None or self.editing is None or doc is None:
            return
        gold = curation.gold.get(self.editing)
        if gold is None:
            self._stop_editing()
            return
        side: Edge = "end" if edge == "end" else "start"
        self.session.perform(move_boundary_edit(doc, gold, side, step, by_word), owner=GOLD)

    def accept_unanimous(self) -> None:
        if self.curation is None:
            self.open()
        if self.curation is not None:
            self.session.perform(
                accept_unanimous_edit(self.curation, self.workspace.schema), owner=GOLD
            )

    def mark_curated(self) -> None:
        """Set the open document's gold status to done (Project ▸ Mark Curated)."""
        doc = self.workspace.doc
        if doc is None:
            self.status_bar.problem("Open a document first")
            return
        if self.curation is None or self.curation.doc_id != doc.id:
            self.load()
        assert self.curation is not None
        status = stored.gold_status(self.workspace.repo, doc.id)
        self.session.perform(mark_curated_edit(self.curation, status), owner=GOLD)
