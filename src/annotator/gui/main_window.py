"""The main window: document list, article view, label palette and span list around one
project database. Every edit goes through ``EditSession`` (``Repository.apply``); widgets are
updated from the edit's ``Changes`` only after it is committed."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from annotator.core.edits import AddSpan, Changes, Edit
from annotator.core.model import DOCUMENT_STATUSES, Document
from annotator.core.operations import Refusal
from annotator.core.operations.documents import set_document_status
from annotator.core.operations.spans import delete_edit, label_edit
from annotator.gui.actions.shortcuts import ShortcutRegistry
from annotator.gui.actions.window_actions import WindowActions
from annotator.gui.article.view import ArticleView
from annotator.gui.controllers.annotation_tools import install_fast_annotation
from annotator.gui.controllers.inspector import InspectorDocks
from annotator.gui.controllers.relations import RelationMode
from annotator.gui.controllers.schema import SchemaActions
from annotator.gui.controllers.transfer import Transfers
from annotator.gui.dialogs.about import show_about
from annotator.gui.dialogs.annotator_name import ask_annotator_name
from annotator.gui.editing.tasks import TaskRunner
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.document_list import DocumentListModel, DocumentListView
from annotator.gui.panels.label_palette import LabelPalette
from annotator.gui.panels.span_list import SpanListModel, SpanListView
from annotator.gui.panels.status_bar import StatusBar
from annotator.store.repository import Repository

DEFAULT_FONT_SIZE = 12.0
MIN_FONT_SIZE, MAX_FONT_SIZE = 7.0, 40.0


class MainWindow(QMainWindow):
    documentOpened = Signal(str)
    """A document was opened (after the view, span list and list selection show it)."""

    def __init__(
        self,
        repo: Repository,
        db_path: Path,
        annotator: str,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.db_path = db_path
        self.settings = settings
        self.schema = repo.schema()
        self.doc: Document | None = None
        self.setWindowTitle("Annotator")
        self.setObjectName("MainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
        )

        self.actions_ = WindowActions(self)
        self.shortcuts = ShortcutRegistry(
            self.actions_, settings, lambda key: self.schema.label_for_hotkey(key)
        )
        self.session = EditSession(repo, annotator, self.open_document, self)
        self.session.applied.connect(self._edit_applied)
        self.session.failed.connect(self._edit_failed)
        self.runner = TaskRunner(db_path, self)

        self.view = ArticleView(self)
        self.view.setObjectName("ArticleView")
        self.setCentralWidget(self.view)
        self.doc_model = DocumentListModel(repo, self)
        self.doc_list = DocumentListView(self.doc_model, self)
        self.doc_filter = DocumentFilterBar(self.doc_list, self.doc_model, self)
        self.doc_filter.set_schema(self.schema)
        self.label_palette = LabelPalette(self)
        self.label_palette.set_schema(self.schema)
        self.span_model = SpanListModel(self)
        self.span_list = SpanListView(self.span_model, self)
        self.doc_dock = self._dock(
            "Documents", self.doc_filter, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.palette_dock = self._dock(
            "Labels", self.label_palette, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.span_dock = self._dock("Spans", self.span_list, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.doc_dock], [280], Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock], [400], Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock, self.span_dock], [440, 360], Qt.Orientation.Vertical)

        self.status_bar = StatusBar(db_path, self)
        self.setStatusBar(self.status_bar)
        self.status_bar.set_annotator(annotator)
        self.transfers = Transfers(self)
        # Issue 3: span inspector + document panel, relation making, schema editing.
        self.inspector = InspectorDocks(self)
        self.relations = RelationMode(self)
        self.schema_actions = SchemaActions(self)
        self._bind_actions()
        # issue 5: find, corpus search, annotate all, suggestions, work queue, statistics
        self.fast = install_fast_annotation(self)

        self.view.hotkeyPressed.connect(self._hotkey)
        self.view.deleteRequested.connect(self.delete_selected_span)
        self.view.escapePressed.connect(lambda: self.view.select_span(None))
        self.view.spanSelected.connect(self.span_list.show_span)
        self.span_list.spanActivated.connect(self._span_activated)
        delete_in_list = QAction("Delete Span", self.span_list)
        delete_in_list.setShortcuts([QKeySequence("Delete"), QKeySequence("Backspace")])
        delete_in_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_in_list.triggered.connect(self.delete_selected_span)
        self.span_list.addAction(delete_in_list)
        self.label_palette.labelClicked.connect(self.apply_label)
        self.doc_list.documentActivated.connect(self.open_document)

        self.font_size = DEFAULT_FONT_SIZE
        self._set_font_size(_float(settings.value("view/font_size"), DEFAULT_FONT_SIZE))
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.status_bar.info("Ready. Every edit is committed to the database as you make it.")

    def _bind_actions(self) -> None:
        """The window's own actions; controllers bind theirs."""
        actions = self.actions_
        actions.bind("file.import_files", self.transfers.import_files)
        actions.bind("file.import_folder", self.transfers.import_folder)
        actions.bind("file.export", self.transfers.export_dialog)
        actions.bind("file.set_annotator_name", lambda: ask_annotator_name(self))
        actions.bind("file.quit", self.close)
        actions.adopt_undo_stack(self.session.stack)
        actions.bind("edit.delete_span", self.delete_selected_span)
        snap = actions["edit.snap_to_words"]
        snap.setChecked(_bool(self.settings.value("edit/snap_to_words", True)))
        actions.bind_toggled(
            "edit.snap_to_words", lambda on: self.settings.setValue("edit/snap_to_words", on)
        )
        actions.bind("view.zoom_in", lambda: self.zoom(1.0))
        actions.bind("view.zoom_out", lambda: self.zoom(-1.0))
        actions.bind("view.zoom_reset", lambda: self.zoom(0.0))
        for name, dock in (
            ("documents", self.doc_dock),
            ("labels", self.palette_dock),
            ("spans", self.span_dock),
            ("inspector", self.inspector.inspector_dock),
            ("document", self.inspector.document_dock),
        ):
            actions.adopt_dock(f"view.panel.{name}", dock)
        actions.bind("document.next", lambda: self.step_document(1))
        actions.bind("document.previous", lambda: self.step_document(-1))
        for status in DOCUMENT_STATUSES:
            actions.bind(f"document.status.{status}", partial(self.set_document_status, status))
        actions.bind(
            "help.about",
            lambda: show_about(self, self.db_path, self.annotator, self.shortcuts),
        )
        actions.bind("help.about_qt", QApplication.aboutQt)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title}Dock")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    # ----- settings-backed state ----------------------------------------------------------
    @property
    def annotator(self) -> str:
        return self.session.annotator

    def set_annotator(self, name: str) -> None:
        self.session.annotator = name
        self.status_bar.set_annotator(name)

    @property
    def snap_to_words(self) -> bool:
        return self.actions_["edit.snap_to_words"].isChecked()

    def _show_status(self, status: str) -> None:
        action = self.actions_.get(f"document.status.{status}")
        if action is not None:
            action.setChecked(True)

    def zoom(self, step: float) -> None:
        self._set_font_size(self.font_size + step if step else DEFAULT_FONT_SIZE)
        self.settings.setValue("view/font_size", self.font_size)
        self.status_bar.info(f"Text size {self.font_size:g} pt")

    def _set_font_size(self, size: float) -> None:
        self.font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        self.view.set_font_point_size(self.font_size)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel_all()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)

    # ----- documents ------------------------------------------------------------------------
    def open_first_document(self, doc_id: str | None = None) -> None:
        """Open ``doc_id``, else the last one opened, else the first; say so if none exist."""
        last = str(self.settings.value("session/last_doc", "") or "")
        for candidate in (doc_id, last):
            if candidate and self.repo.has_document(candidate):
                self.open_document(candidate)
                return
        if doc_id:
            self.status_bar.problem(f"No document with id “{doc_id}” in this project")
        ids = self.repo.document_ids()
        if ids:
            self.open_document(ids[0])
        elif not doc_id:
            self.status_bar.info("The project has no documents yet: File ▸ Import Files…")

    def open_document(self, doc_id: str) -> None:
        if self.doc is not None and self.doc.id == doc_id:
            return
        doc = self.repo.document(doc_id)
        self.doc = doc
        spans = self.repo.spans(doc_id)
        self.view.set_document(doc.text, spans, self.schema)
        self.view.set_relations(self.repo.relations(doc_id))
        self.span_model.set_spans(spans, self.schema)
        self.doc_list.select_document(doc_id)
        self._show_status(doc.status)
        self.settings.setValue("session/last_doc", doc_id)
        self.setWindowTitle(f"{doc.title or doc.id} — Annotator")
        self.view.setFocus()
        self.documentOpened.emit(doc_id)

    def step_document(self, step: int) -> None:
        ids = self.repo.document_ids()
        if not ids:
            return
        index = ids.index(self.doc.id) + step if self.doc and self.doc.id in ids else 0
        self.open_document(ids[max(0, min(len(ids) - 1, index))])

    def reload_documents(self) -> None:
        """After an import: new rows in the list, the open document stays open."""
        self.doc_model.reload()
        self.doc_filter.refresh()
        if self.doc is not None and self.repo.has_document(self.doc.id):
            self.doc_list.select_document(self.doc.id)
        else:
            self.doc = None
            self.open_first_document()

    def set_document_status(self, status: str) -> None:
        if self.doc is None:
            return
        stored = self.repo.document(self.doc.id)
        if stored.status != status:
            self.perform(set_document_status(stored, status))

    # ----- edits ---------------------------------------------------------------------------
    def perform(self, edit: Edit | Refusal) -> bool:
        if isinstance(edit, Refusal):
            self.status_bar.problem(str(edit))
            return False
        changes = self.session.perform(edit)
        if changes is None:
            return False
        if isinstance(edit, AddSpan):
            # The new span becomes the selection, so another hotkey relabels it.
            end = edit.span.end
            self.view.set_selection_cp(end, end)
            self.view.select_span(edit.span.id)
        return True

    def apply_label(self, label_name: str) -> None:
        if self.doc is None:
            self.status_bar.problem("Open a document first")
            return
        edit = label_edit(
            self.repo,
            self.doc,
            label_name,
            self.view.selection_cp(),
            self.view.selected_span_id(),
            self.annotator,
            snap_to_words=self.snap_to_words,
            spans_at=self.span_model.spans_at,
        )
        self.perform(edit)
        self.view.setFocus()

    def delete_selected_span(self) -> None:
        span_id = self.view.selected_span_id()
        if span_id is None:
            self.status_bar.problem("Select a span to delete (click it or press Tab)")
            return
        self.perform(delete_edit(self.repo, span_id))

    def _hotkey(self, key: str) -> None:
        if self.relations.handles_hotkey(key):  # R: relation mode (issue 3)
            return
        label = self.schema.label_for_hotkey(key)
        if label is None:
            self.status_bar.problem(f"No label has the key “{key}”")
            return
        self.apply_label(label.name)

    def _span_activated(self, span_id: str) -> None:
        self.view.select_span(span_id)

    def _edit_failed(self, message: str) -> None:
        self.status_bar.problem(f"Not saved: {message}")

    def _edit_applied(self, _edit: Edit, changes: Changes, message: str) -> None:
        """Bring the widgets in line with a committed edit, touching only what it changed."""
        doc = self.doc
        if doc is not None and doc.id in changes.doc_ids:
            for span_id in changes.span_ids:
                span = self.repo.span(span_id)
                shown = self.span_model.row_of(span_id) >= 0
                if span is None or span.doc_id != doc.id:
                    if shown:
                        self.view.remove_span(span_id)
                        self.span_model.remove(span_id)
                    continue
                if shown:
                    self.view.update_span(span)
                else:
                    self.view.add_span(span)
                self.span_model.put(span)
            if changes.relation_ids:
                self.view.set_relations(self.repo.relations(doc.id))
            if changes.document_fields:
                self.doc = self.repo.document(doc.id)
                self._show_status(self.doc.status)
            selected = self.view.selected_span_id()
            self.span_list.show_span(selected)
        # The span model holds every span of the open document: its size is the count.
        counts = {doc.id: self.span_model.rowCount()} if doc is not None else {}
        self.doc_model.refresh(changes.doc_ids, counts)
        self.doc_filter.refresh(changes.doc_ids, self.annotator)
        self.status_bar.saved(message)


def _float(value: object, default: float) -> float:
    """A number from QSettings (INI files give strings back)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _bool(value: object) -> bool:
    """QSettings returns "true"/"false" strings from INI files."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
