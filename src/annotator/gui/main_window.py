"""The main window: builds the widgets, places and sizes every dock, creates the controllers
and connects them. It holds no application state (that is ``Workspace``) and changes no
data (that is ``EditSession``); nothing but ``annotator.gui.app`` imports this module."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.actions.bindings import bind_actions
from annotator.gui.actions.shortcuts import ShortcutRegistry
from annotator.gui.actions.window_actions import WindowActions
from annotator.gui.article.view import ArticleView
from annotator.gui.controllers.agreement import AgreementController
from annotator.gui.controllers.annotate_all import AnnotateAllController
from annotator.gui.controllers.annotator_name import AnnotatorName
from annotator.gui.controllers.assignment import Assignments
from annotator.gui.controllers.backups import Backups
from annotator.gui.controllers.corpus_search import SearchController
from annotator.gui.controllers.curation import CurationController
from annotator.gui.controllers.document_display import DocumentDisplay
from annotator.gui.controllers.documents import DocumentNavigation
from annotator.gui.controllers.find import FindController
from annotator.gui.controllers.focus_mode import FocusMode
from annotator.gui.controllers.history import History
from annotator.gui.controllers.inspector import InspectorController
from annotator.gui.controllers.live_refresh import live_refresh
from annotator.gui.controllers.open_project import OpenProject
from annotator.gui.controllers.project_merge import ProjectMerge
from annotator.gui.controllers.relations import RelationMode
from annotator.gui.controllers.review import ReviewController, ReviewPanel
from annotator.gui.controllers.schema import SchemaActions
from annotator.gui.controllers.span_editing import SpanEditing
from annotator.gui.controllers.text_size import TextSize
from annotator.gui.controllers.tool_dialogs import ToolDialogs
from annotator.gui.controllers.training import TrainingController
from annotator.gui.controllers.transfer import Transfers
from annotator.gui.controllers.work_queue import WorkQueue
from annotator.gui.dialogs.about import show_about
from annotator.gui.editing.tasks import TaskRunner
from annotator.gui.editing.undo import EditSession
from annotator.gui.panels.comparison import ComparisonPanel
from annotator.gui.panels.concordance import ANY, ConcordanceWidget
from annotator.gui.panels.document_filter import DocumentFilterBar
from annotator.gui.panels.document_info import DocumentPanel
from annotator.gui.panels.document_list import DocumentListModel, DocumentListView
from annotator.gui.panels.find_bar import FindBar
from annotator.gui.panels.history import HistoryPanel
from annotator.gui.panels.inspector import SpanInspector
from annotator.gui.panels.label_palette import LabelPalette
from annotator.gui.panels.span_list import SpanListModel, SpanListView
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.project_location import full_name, short_name
from annotator.gui.settings import (
    WINDOW_GEOMETRY,
    WINDOW_STATE,
)
from annotator.gui.state import Workspace
from annotator.store.backend import Location
from annotator.store.repository import Repository

SEARCH_DOCK_HEIGHT = 180  # its smallest: the article keeps >= 20 annotated lines of 800 px
LEFT_DOCK_WIDTH, RIGHT_DOCK_WIDTH = 220, 260  # the article keeps >= 55% of a 1280 px window
LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
VERTICAL, HORIZONTAL = Qt.Orientation.Vertical, Qt.Orientation.Horizontal


class MainWindow(QMainWindow):
    def __init__(
        self,
        repo: Repository,
        location: Location,
        annotator: str,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.project_name = short_name(location, repo.db)
        """The project as the title and status bar name it ("corpus on db.example.org")."""
        self.setWindowTitle(f"{self.project_name} — Annotator")
        self.setObjectName("MainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
        )
        self.workspace = Workspace(repo, location, annotator, self)
        self.session = EditSession(self.workspace, self)
        self.runner = TaskRunner(location, self, annotator)
        self.actions_ = WindowActions(self)
        self.shortcuts = ShortcutRegistry(
            self.actions_, settings, lambda key: self.workspace.schema.label_for_hotkey(key)
        )
        self._build_widgets(repo, location)
        self._build_docks()
        self._build_controllers()
        bind_actions(self)
        self._connect_signals()

        geometry, state = settings.value(WINDOW_GEOMETRY), settings.value(WINDOW_STATE)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            self._search_dock_sized = True  # the user's own layout, search height included
        self.status_bar.info("Ready. Every edit is committed to the database as you make it.")

    # ----- building -------------------------------------------------------------------------
    def _build_widgets(self, repo: Repository, location: Location) -> None:
        self.view = ArticleView(self)
        self.view.setObjectName("ArticleView")
        # First, so whoever reacts to the view's selection finds the workspace agreeing.
        self.view.spanSelected.connect(self.workspace.select_span)
        self.find_bar = FindBar()
        self.find_bar.setObjectName("FindBar")
        self.find_bar.hide()
        middle = QWidget(self)
        middle.setObjectName("ViewWithFindBar")
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(middle)

        self.doc_model = DocumentListModel(repo, self)
        self.doc_list = DocumentListView(self.doc_model, self)
        self.doc_filter = DocumentFilterBar(self.doc_list, self.doc_model, self)
        self.label_palette = LabelPalette(self)
        self.span_model = SpanListModel(self)
        self.span_list = SpanListView(self.span_model, self)
        self.span_inspector = SpanInspector()
        self.span_inspector.setObjectName("SpanInspector")
        self.document_panel = DocumentPanel()
        self.document_panel.setObjectName("DocumentPanel")
        self.concordance = ConcordanceWidget(repo)
        self.concordance.setObjectName("Concordance")
        self.suggestions = ReviewPanel(self.workspace, self.session)
        self.suggestions.setObjectName("SuggestionsPanel")
        self.history_panel = HistoryPanel()
        self.history_panel.setObjectName("HistoryPanel")
        self.comparison = ComparisonPanel()
        self.comparison.setObjectName("ComparisonPanel")
        self.status_bar = StatusBar(self.project_name, full_name(location, repo.db), self)
        self.setStatusBar(self.status_bar)

    def _build_docks(self) -> None:
        """Left: the document list over the open document's panel, with the span list as a
        tab beside the panel. Right: the palette over the inspector (both used all the time),
        suggestions as a tab beside the span list. Bottom: corpus search, hidden until used."""
        self.doc_dock = self._dock("Documents", self.doc_filter, LEFT)
        self.palette_dock = self._dock("Labels", self.label_palette, RIGHT)
        self.span_dock = self._dock("Spans", self.span_list, RIGHT)
        self.resizeDocks([self.doc_dock], [LEFT_DOCK_WIDTH], HORIZONTAL)
        self.resizeDocks([self.palette_dock], [RIGHT_DOCK_WIDTH], HORIZONTAL)
        self.resizeDocks([self.palette_dock, self.span_dock], [440, 360], VERTICAL)

        scroll = QScrollArea()
        scroll.setWidget(self.span_inspector)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.inspector_dock = self._dock("Inspector", scroll, RIGHT)
        self.document_dock = self._dock("Document", self.document_panel, LEFT)
        self.splitDockWidget(self.palette_dock, self.inspector_dock, VERTICAL)
        self.splitDockWidget(self.doc_dock, self.document_dock, VERTICAL)
        self.tabifyDockWidget(self.document_dock, self.span_dock)
        self.document_dock.raise_()
        self.resizeDocks([self.palette_dock, self.inspector_dock], [400, 400], VERTICAL)
        self.resizeDocks([self.doc_dock, self.document_dock], [400, 400], VERTICAL)

        self.search_dock = self._dock("Corpus Search", self.concordance, BOTTOM)
        self.search_dock.hide()
        self._search_dock_sized = False
        self.search_dock.visibilityChanged.connect(self._size_search_dock)
        self.suggestions_dock = self._dock("Suggestions", self.suggestions, RIGHT)
        self.tabifyDockWidget(self.span_dock, self.suggestions_dock)
        self.history_dock = self._dock("History", self.history_panel, RIGHT)
        self.tabifyDockWidget(self.span_dock, self.history_dock)
        self.span_dock.raise_()
        self.suggestions_dock.hide()
        self.history_dock.hide()
        self.comparison_dock = self._dock("Compare Annotators", self.comparison, BOTTOM)
        self.comparison_dock.hide()

    def docks(self) -> list[QDockWidget]:
        return self.findChildren(QDockWidget)

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

    def _show_search_dock(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()

    def _size_search_dock(self, visible: bool) -> None:
        """The first time corpus search opens (from a menu, a key or its panel toggle) it
        gets its own height, not its widgets' preferred one, so the text keeps its lines."""
        if visible and not self._search_dock_sized:
            self._search_dock_sized = True
            self.resizeDocks([self.search_dock], [SEARCH_DOCK_HEIGHT], VERTICAL)

    def _build_controllers(self) -> None:
        """In menu order: each controller appends its actions to the menus it uses."""
        ws, session, view, status = self.workspace, self.session, self.view, self.status_bar
        # First, so the view and the lists show a document or an edit before anyone else
        # reacts to it.
        self.display = DocumentDisplay(
            ws,
            session,
            view,
            self.span_list,
            self.span_model,
            self.doc_list,
            self.doc_model,
            self.doc_filter,
            self.label_palette,
            status,
            self.settings,
            self,
        )
        self.documents = DocumentNavigation(
            ws, session, self.doc_list, self.doc_model, self.doc_filter, status, self.settings, self
        )
        self.text_size = TextSize(view, status, self.settings, self)
        self.span_editing = SpanEditing(
            ws,
            session,
            view,
            self.span_model,
            status,
            self.actions_["edit.snap_to_words"].isChecked,
            self,
        )
        self.focus_mode = FocusMode(self.docks)
        self.open_project = OpenProject(status, self.settings, self)
        self.transfers = Transfers(
            ws,
            self.runner,
            status,
            self.settings,
            self.documents.reload_documents,
            lambda message: session.schema_changed(message, False),
            self,
        )
        self.inspector = InspectorController(
            ws,
            session,
            view,
            self.span_model,
            self.span_inspector,
            self.document_panel,
            self.inspector_dock,
            self.document_dock,
            status,
            self,
        )
        self.relations = RelationMode(ws, session, view, self.span_model, status, self)
        self.schema_actions = SchemaActions(ws, session, view, status, self)
        self.find_in_text = FindController(ws, view, self.find_bar, self)
        self.search = SearchController(
            ws,
            session,
            view,
            self.concordance,
            self.search_dock,
            self._show_search_dock,
            status,
            self,
        )
        self.annotate_all = AnnotateAllController(ws, session, view, status, self)
        self.review = ReviewController(
            ws, session, view, self.suggestions, self.suggestions_dock, status, self
        )
        self.queue = WorkQueue(ws, session, self.documents, self.doc_model, status, self)
        self.tools = ToolDialogs(ws, self.shortcuts, self)
        self.agreement = AgreementController(ws, self.runner, self)
        self.training = TrainingController(
            ws,
            session,
            self.runner,
            self.settings,
            self.project_name,
            self.review.refresh,
            status,
            self,
        )
        self.history = History(ws, session, self.history_panel, status, self)
        self.curation = CurationController(
            ws,
            session,
            self.comparison,
            self.comparison_dock,
            status,
            self,
            self.display.shown_spans,
        )
        self.backups = Backups(
            ws, session, self.runner, status, self.settings, self.documents.reload_documents, self
        )
        self.assignments = Assignments(ws, self.documents, self.doc_filter, status, self)
        self.project_merge = ProjectMerge(
            ws,
            self.runner,
            status,
            self.settings,
            self.documents.reload_documents,
            lambda message: session.schema_changed(message, False),
            self,
        )
        self.annotator_name = AnnotatorName(ws, self.runner, status, self)
        self.live_refresh = live_refresh(
            ws,
            self.doc_model,
            self.doc_list,
            self.doc_filter,
            view,
            self.curation,
            status,
            self.queue.refresh,
            self.documents.open_first_document,
            self,
        )

    def _connect_signals(self) -> None:
        ws, session, view, status = self.workspace, self.session, self.view, self.status_bar
        ws.documentOpened.connect(self._show_document_fields)
        ws.documentOpened.connect(lambda _id: status.clear_problem())
        ws.spanSelected.connect(lambda _id: status.clear_problem())
        ws.documentChanged.connect(self._show_document_fields)  # a title changed elsewhere too
        ws.annotatorChanged.connect(lambda _name: self._show_status())
        session.refused.connect(status.problem)
        session.failed.connect(lambda message: status.problem(f"Not saved: {message}"))

        view.hotkeyPressed.connect(self._hotkey)
        view.deleteRequested.connect(self.span_editing.delete_selected_span)
        view.edgeDragged.connect(self.span_editing.drag_boundary)
        view.escapePressed.connect(lambda: view.select_span(None))
        ws.spanSelected.connect(self.span_list.show_span)
        self.span_list.spanActivated.connect(view.select_span)
        self.span_list.deleteRequested.connect(self.span_editing.delete_selected_span)
        self.label_palette.labelClicked.connect(self.span_editing.apply_label)
        self.doc_list.documentActivated.connect(ws.open_document)
        self.agreement.documentChosen.connect(self._compare_document)

        self.concordance.annotateAllRequested.connect(
            lambda query, regex, case, word: self.annotate_all.from_query(
                query, regex, case, word, _chosen_label(self.concordance.label_filter.currentText())
            )
        )
        self.annotate_all.applied.connect(self.search.rerun)

    # ----- reactions ------------------------------------------------------------------------
    def _show_document_fields(self, _doc_id: str) -> None:
        """The open document's title in the window's, its status in the menu."""
        doc = self.workspace.doc
        if doc is not None:
            self.setWindowTitle(f"{doc.title or doc.id} — {self.project_name} — Annotator")
        self._show_status()

    def _show_status(self) -> None:
        doc = self.workspace.doc
        action = self.actions_.get(f"document.status.{doc.status}") if doc else None
        if action is not None:
            action.setChecked(True)

    def _compare_document(self, doc_id: str) -> None:
        """A document chosen in the agreement view opens with its annotators compared."""
        self.workspace.open_document(doc_id)
        self.curation.open()

    def _hotkey(self, key: str) -> None:
        if not self.relations.handles_hotkey(key):  # R starts a relation
            self.span_editing.label_hotkey(key)

    # ----- what the menus call --------------------------------------------------------------
    def show_about(self) -> QMessageBox:
        where = full_name(self.workspace.location, self.workspace.repo.db)
        return show_about(self, where, self.workspace.annotator, self.shortcuts)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel_all()
        self.display.remember_scroll()
        self.settings.setValue(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.setValue(WINDOW_STATE, self.saveState())
        self.settings.sync()
        super().closeEvent(event)


def _chosen_label(text: str) -> str:
    """The concordance's label filter, if one is chosen, is the label to give."""
    return "" if text == ANY else text
