"""The window's menus and shortcuts. Every action here does real work; none is a placeholder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT
from annotator.gui.controllers.documents import DocumentNavigation
from annotator.gui.controllers.inspector import InspectorController
from annotator.gui.controllers.relations import RelationMode
from annotator.gui.controllers.schema import SchemaActions
from annotator.gui.controllers.span_editing import SpanEditing
from annotator.gui.controllers.text_size import TextSize
from annotator.gui.controllers.transfer import Transfers
from annotator.gui.editing.undo import EditSession

STATUS_KEYS = {
    "todo": "Ctrl+1",
    "in_progress": "Ctrl+2",
    "done": "Ctrl+3",
    "needs_review": "Ctrl+4",
}


class MenuTargets(Protocol):
    """What the menus' actions call (the main window's parts)."""

    settings: QSettings
    session: EditSession
    transfers: Transfers
    span_editing: SpanEditing
    relations: RelationMode
    inspector: InspectorController
    documents: DocumentNavigation
    schema_actions: SchemaActions
    text_size: TextSize
    doc_dock: QDockWidget
    palette_dock: QDockWidget
    span_dock: QDockWidget

    def show_about(self) -> object: ...

    def ask_annotator_name(self) -> object: ...


@dataclass
class MenuActions:
    undo: QAction
    redo: QAction
    delete: QAction
    snap: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    import_files: QAction
    import_folder: QAction
    export: QAction
    set_annotator: QAction
    status: dict[str, QAction] = field(default_factory=dict)

    def show_status(self, status: str) -> None:
        action = self.status.get(status)
        if action is not None:
            action.setChecked(True)

    def all(self) -> list[QAction]:
        return [
            self.undo,
            self.redo,
            self.delete,
            self.snap,
            self.zoom_in,
            self.zoom_out,
            self.zoom_reset,
            self.import_files,
            self.import_folder,
            self.export,
            self.set_annotator,
            *self.status.values(),
        ]


def _action(
    window: QMainWindow, text: str, shortcuts: list[QKeySequence] | None = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts(shortcuts)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(window: QMainWindow, targets: MenuTargets) -> MenuActions:
    bar = window.menuBar()
    key = QKeySequence

    file_menu = bar.addMenu("&File")
    import_files = _action(
        window,
        "&Import Files…",
        [key("Ctrl+I")],
        "Import documents: text, native JSONL, brat, CoNLL, doccano, Label Studio, Prodigy",
    )
    import_files.triggered.connect(targets.transfers.import_files)
    import_folder = _action(
        window, "Import &Folder…", [key("Ctrl+Shift+I")], "Import every document in a folder"
    )
    import_folder.triggered.connect(targets.transfers.import_folder)
    export = _action(window, "&Export…", [key("Ctrl+E")], "Export the project")
    export.triggered.connect(targets.transfers.export_dialog)
    set_annotator = _action(window, "Set &Annotator Name…", tip="Name recorded on every edit")
    set_annotator.triggered.connect(targets.ask_annotator_name)
    quit_action = _action(window, "&Quit", [key("Ctrl+Q")])
    quit_action.triggered.connect(window.close)
    for item in (import_files, import_folder, export, None, set_annotator, None, quit_action):
        if item is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(item)

    edit_menu = bar.addMenu("&Edit")
    undo = targets.session.stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([key("Ctrl+Z")])
    redo = targets.session.stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([key("Ctrl+Shift+Z"), key("Ctrl+Y")])
    window.addAction(undo)
    window.addAction(redo)
    delete = _action(
        window, "&Delete Span", tip="Delete the selected span (Delete key in the text)"
    )
    delete.triggered.connect(targets.span_editing.delete_selected_span)
    snap = _action(window, "&Snap to Words", tip="Extend selections to whole words")
    snap.setCheckable(True)
    snap.setChecked(_bool(targets.settings.value("edit/snap_to_words", True)))
    snap.toggled.connect(lambda on: targets.settings.setValue("edit/snap_to_words", on))
    relation = targets.relations.action
    for item in (undo, redo, None, delete, relation, None, snap):
        if item is None:
            edit_menu.addSeparator()
        else:
            edit_menu.addAction(item)

    view_menu = bar.addMenu("&View")
    zoom_in = _action(window, "&Larger Text", [key("Ctrl+="), key("Ctrl++")])
    zoom_in.triggered.connect(lambda: targets.text_size.zoom(1.0))
    zoom_out = _action(window, "&Smaller Text", [key("Ctrl+-")])
    zoom_out.triggered.connect(lambda: targets.text_size.zoom(-1.0))
    zoom_reset = _action(window, "&Reset Text Size", [key("Ctrl+0")])
    zoom_reset.triggered.connect(lambda: targets.text_size.zoom(0.0))
    for item in (zoom_in, zoom_out, zoom_reset):
        view_menu.addAction(item)
    view_menu.addSeparator()
    for dock in (
        targets.doc_dock,
        targets.palette_dock,
        targets.span_dock,
        *targets.inspector.docks(),
    ):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()  # keyboard into the inspector / document panel
    view_menu.addAction(targets.inspector.focus_inspector_action)
    view_menu.addAction(targets.inspector.focus_document_action)

    doc_menu = bar.addMenu("&Document")
    next_doc = _action(window, "&Next Document", [key("Ctrl+PgDown")])
    next_doc.triggered.connect(lambda: targets.documents.step_document(1))
    prev_doc = _action(window, "&Previous Document", [key("Ctrl+PgUp")])
    prev_doc.triggered.connect(lambda: targets.documents.step_document(-1))
    doc_menu.addAction(next_doc)
    doc_menu.addAction(prev_doc)
    doc_menu.addSeparator()
    status_menu = doc_menu.addMenu("&Status")
    group = QActionGroup(window)
    group.setExclusive(True)
    status_actions: dict[str, QAction] = {}
    for status in DOCUMENT_STATUSES:
        action = QAction(STATUS_TEXT.get(status, status), group)
        action.setCheckable(True)
        action.triggered.connect(lambda _=False, s=status: targets.documents.set_document_status(s))
        status_menu.addAction(action)
        status_actions[status] = action

    project_menu = bar.addMenu("&Project")  # schema editing
    for action in targets.schema_actions.actions():
        project_menu.addAction(action)

    help_menu = bar.addMenu("&Help")
    about = _action(window, "&About Annotator")
    about.triggered.connect(targets.show_about)
    help_menu.addAction(about)
    about_qt = _action(window, "About &Qt")
    about_qt.triggered.connect(QApplication.aboutQt)
    help_menu.addAction(about_qt)

    return MenuActions(
        undo=undo,
        redo=redo,
        delete=delete,
        snap=snap,
        zoom_in=zoom_in,
        zoom_out=zoom_out,
        zoom_reset=zoom_reset,
        import_files=import_files,
        import_folder=import_folder,
        export=export,
        set_annotator=set_annotator,
        status=status_actions,
    )


def give_default_keys(actions: MenuActions) -> None:
    """Keys for the menus' actions that were made without one."""
    actions.snap.setShortcut(QKeySequence("Ctrl+Shift+W"))
    actions.set_annotator.setShortcut(QKeySequence("Ctrl+Shift+U"))
    for status, key in STATUS_KEYS.items():
        if status in actions.status:
            actions.status[status].setShortcut(QKeySequence(key))


def _bool(value: object) -> bool:
    """QSettings returns "true"/"false" strings from INI files."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
