"""Every action of the table (``gui/actions/table.py``) bound to what it does in the window.

The main window passes itself; ``BoundWindow`` names the parts this module binds, so it never
imports the main window (only ``gui.app`` may).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from annotator.core.model import DOCUMENT_STATUSES
from annotator.gui.actions.panel_keys import bind_panel_keys
from annotator.gui.actions.window_actions import WindowActions
from annotator.gui.article.view import LAYER_KINDS
from annotator.gui.settings import LABEL_TAGS, OTHERS_WORK, SNAP_TO_WORDS, read_bool

if TYPE_CHECKING:
    from annotator.gui.article.view import ArticleView
    from annotator.gui.controllers.agreement import AgreementController
    from annotator.gui.controllers.annotate_all import AnnotateAllController
    from annotator.gui.controllers.annotator_name import AnnotatorName
    from annotator.gui.controllers.assignment import Assignments
    from annotator.gui.controllers.backups import Backups
    from annotator.gui.controllers.corpus_search import SearchController
    from annotator.gui.controllers.curation import CurationController
    from annotator.gui.controllers.documents import DocumentNavigation
    from annotator.gui.controllers.find import FindController
    from annotator.gui.controllers.focus_mode import FocusMode
    from annotator.gui.controllers.inspector import InspectorController
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
    from annotator.gui.editing.undo import EditSession
    from annotator.gui.panels.concordance import ConcordanceWidget
    from annotator.gui.panels.document_list import DocumentListView
    from annotator.gui.panels.label_palette import LabelPalette
    from annotator.gui.panels.span_list import SpanListView


class BoundWindow(Protocol):
    """The parts of the main window its actions are bound to."""

    actions_: WindowActions
    settings: QSettings
    session: EditSession
    view: ArticleView
    doc_list: DocumentListView
    label_palette: LabelPalette
    span_list: SpanListView
    concordance: ConcordanceWidget
    suggestions: ReviewPanel
    doc_dock: QDockWidget
    palette_dock: QDockWidget
    span_dock: QDockWidget
    inspector_dock: QDockWidget
    document_dock: QDockWidget
    search_dock: QDockWidget
    suggestions_dock: QDockWidget
    history_dock: QDockWidget
    comparison_dock: QDockWidget
    curation: CurationController
    transfers: Transfers
    open_project: OpenProject
    project_merge: ProjectMerge
    backups: Backups
    span_editing: SpanEditing
    relations: RelationMode
    find_in_text: FindController
    annotate_all: AnnotateAllController
    text_size: TextSize
    focus_mode: FocusMode
    inspector: InspectorController
    documents: DocumentNavigation
    queue: WorkQueue
    schema_actions: SchemaActions
    search: SearchController
    review: ReviewController
    tools: ToolDialogs
    assignments: Assignments
    agreement: AgreementController
    training: TrainingController
    annotator_name: AnnotatorName

    def close(self) -> bool: ...

    def show_about(self) -> QMessageBox: ...


def bind_actions(window: BoundWindow) -> None:
    """Bind every action of the window's table to the controller or panel that does it."""
    actions, settings = window.actions_, window.settings
    actions.bind("file.open_project", window.open_project.choose)
    actions.bind("file.import_files", window.transfers.import_files)
    actions.bind("file.import_folder", window.transfers.import_folder)
    actions.bind("file.export", window.transfers.export_dialog)
    actions.bind("file.merge_projects", window.project_merge.choose_files)
    actions.bind("file.set_annotator_name", window.annotator_name.ask)
    window.annotator_name.explain_unavailable(actions["file.set_annotator_name"])
    actions.bind("file.backups", window.backups.open_dialog)
    window.backups.explain_unavailable(actions["file.backups"])
    actions.bind("file.quit", window.close)

    actions.adopt_undo_stack(window.session.stack)
    actions.bind("edit.delete_span", window.span_editing.delete_selected_span)
    for edge in ("start", "end"):
        for word in ("", "word_"):
            for side, step in (("left", -1), ("right", 1)):
                actions.bind(
                    f"edit.span_{edge}_{word}{side}",
                    partial(window.span_editing.move_boundary, edge, step, bool(word)),
                )
    actions.bind("edit.add_relation", window.relations.start)
    actions["edit.snap_to_words"].setChecked(read_bool(settings, SNAP_TO_WORDS, True))
    actions.bind_toggled("edit.snap_to_words", lambda on: settings.setValue(SNAP_TO_WORDS, on))
    actions.bind("edit.find", window.find_in_text.open)
    actions.bind("edit.find_next", window.find_in_text.next)
    actions.bind("edit.find_previous", window.find_in_text.previous)
    actions.bind("edit.annotate_all", window.annotate_all.from_selection)

    actions.bind("view.zoom_in", lambda: window.text_size.zoom(1.0))
    actions.bind("view.zoom_out", lambda: window.text_size.zoom(-1.0))
    actions.bind("view.zoom_reset", lambda: window.text_size.zoom(0.0))
    actions["view.label_tags"].setChecked(read_bool(settings, LABEL_TAGS, True))
    window.view.set_tags_visible(actions["view.label_tags"].isChecked())
    actions.bind_toggled("view.label_tags", window.view.set_tags_visible)
    actions.bind("view.focus_mode", window.focus_mode.toggle)
    for kind in LAYER_KINDS:
        actions[f"view.show.{kind}"].setChecked(True)
        actions.bind_toggled(f"view.show.{kind}", partial(window.view.set_layer_visible, kind))
    actions["view.show.others"].setChecked(read_bool(settings, OTHERS_WORK, False))
    window.view.ghosts.set_visible(actions["view.show.others"].isChecked())
    actions.bind_toggled("view.show.others", window.view.ghosts.set_visible)
    actions.bind_toggled("view.show.others", lambda on: settings.setValue(OTHERS_WORK, on))
    actions.bind_toggled("view.label_tags", lambda on: settings.setValue(LABEL_TAGS, on))
    for name, dock in (
        ("documents", window.doc_dock),
        ("labels", window.palette_dock),
        ("spans", window.span_dock),
        ("inspector", window.inspector_dock),
        ("document", window.document_dock),
        ("corpus_search", window.search_dock),
        ("suggestions", window.suggestions_dock),
        ("history", window.history_dock),
        ("comparison", window.comparison_dock),
    ):
        actions.adopt_dock(f"view.panel.{name}", dock)
    actions.bind("view.inspect_span", window.inspector.focus_inspector)
    actions.bind("view.edit_document", window.inspector.focus_document)
    bind_panel_keys(
        actions,
        window.view,
        {
            "documents": (window.doc_dock, window.doc_list),
            "labels": (window.palette_dock, window.label_palette),
            "spans": (window.span_dock, window.span_list),
            "corpus_search": (window.search_dock, window.concordance.query),
            "suggestions": (window.suggestions_dock, window.suggestions.table),
        },
    )

    actions.bind("document.next", lambda: window.documents.step_document(1))
    actions.bind("document.previous", lambda: window.documents.step_document(-1))
    for status in DOCUMENT_STATUSES:
        actions.bind(
            f"document.status.{status}", partial(window.documents.set_document_status, status)
        )
    actions.bind("document.next_unfinished", lambda: window.queue.step(1))
    actions.bind("document.previous_unfinished", lambda: window.queue.step(-1))
    actions.bind("document.mark_done_next", window.queue.mark_done_and_next)

    actions.bind("project.labels", window.schema_actions.open_labels_dialog)
    actions.bind("project.apply_schema_file", window.schema_actions.choose_schema_file)
    actions.bind("project.assign", window.assignments.open_dialog)
    actions.bind("project.compare_annotators", window.curation.open)
    actions.bind("project.mark_curated", window.curation.mark_curated)
    actions.bind("project.agreement", window.agreement.open)
    actions.bind("project.train_model", window.training.open)

    review = window.review
    actions.bind("tools.corpus_search", window.search.open)
    actions.bind("tools.preannotate_all", lambda: review.open_preannotate(whole_corpus=True))
    actions.bind("tools.preannotate_document", lambda: review.open_preannotate(whole_corpus=False))
    actions.bind("tools.suggestion_accept", lambda: review.decide_current(accept=True))
    actions.bind("tools.suggestion_reject", lambda: review.decide_current(accept=False))
    actions.bind("tools.suggestion_next", lambda: review.step(1))
    actions.bind("tools.suggestion_previous", lambda: review.step(-1))
    actions.bind("tools.suggestion_accept_all", window.suggestions.accept_all_button.click)
    actions.bind("tools.suggestion_reject_all", window.suggestions.reject_all_button.click)
    actions.bind("tools.statistics", window.tools.show_statistics)

    actions.bind("settings.keyboard_shortcuts", window.tools.show_shortcuts_dialog)
    actions.bind("help.keyboard_shortcuts", window.tools.show_cheat_sheet)
    actions.bind("help.about", window.show_about)
    actions.bind("help.about_qt", QApplication.aboutQt)
