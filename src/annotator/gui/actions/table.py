"""Every window action, declared once: its stable id, text, menu place, default keys and tip.

The id is what a user's rebound key is saved under (``shortcuts/<id>`` in QSettings), so it
never changes when the text does; an id that must change keeps its old name in ``FORMER_IDS``.
Menus are built from this table: top-level menus in the order of ``MENUS``; inside a menu,
items by ``group`` (a separator between groups), then by ``order``, then as listed here.
Handlers are bound by id by whoever owns the behaviour (``WindowActions.bind``); nothing else
creates window actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import DOCUMENT_STATUSES, STATUS_TEXT


@dataclass(frozen=True)
class MenuSpec:
    id: str
    title: str
    parent: str = ""
    """The menu this one is a submenu of; "" for the menu bar."""
    group: int = 0
    order: int = 0


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    """The id of the menu the action is listed in."""
    group: int = 0
    """Items of one group sit together; groups are separated by a line."""
    order: int = 0
    """Position inside the group; equal orders keep the table's order."""
    keys: tuple[str, ...] = ()
    """Default shortcuts in portable text ("Ctrl+Shift+F"); the user may rebind them."""
    tip: str = ""
    checkable: bool = False
    exclusive: bool = False
    """Checkable, and only one action of its menu group is checked at a time."""
    text_keys: str = ""
    """Keys the article view itself handles for this action (not rebindable, e.g. "Delete");
    the shortcuts dialog lists them so the action does not read as unbound."""


MENUS: tuple[MenuSpec, ...] = (
    MenuSpec("file", "&File"),
    MenuSpec("edit", "&Edit"),
    MenuSpec("edit.span_edges", "Move Span &Edges", parent="edit", group=1),
    MenuSpec("view", "&View"),
    MenuSpec("view.show", "&Show", parent="view"),
    MenuSpec("document", "&Document"),
    MenuSpec("document.status", "&Status", parent="document", group=1),
    MenuSpec("project", "&Project"),
    MenuSpec("tools", "&Tools"),
    MenuSpec("settings", "&Settings"),
    MenuSpec("help", "&Help"),
)

STATUS_KEYS = {
    "todo": "Ctrl+1",
    "in_progress": "Ctrl+2",
    "done": "Ctrl+3",
    "needs_review": "Ctrl+4",
}
GO_TO_TIP = "Show the {} panel with the keyboard in it; again: back to the text"
A = ActionSpec

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    A(
        "file.open_project",
        "&Open Project…",
        "file",
        group=-1,
        keys=("Ctrl+O",),
        tip="Open a project file, or a project on a PostgreSQL server, in place of this one",
    ),
    A(
        "file.import_files",
        "&Import Files…",
        "file",
        keys=("Ctrl+I",),
        tip="Import documents: text, native JSONL, brat, CoNLL, doccano, Label Studio, Prodigy",
    ),
    A(
        "file.import_folder",
        "Import &Folder…",
        "file",
        keys=("Ctrl+Shift+I",),
        tip="Import every document in a folder",
    ),
    A("file.export", "&Export…", "file", keys=("Ctrl+E",), tip="Export the project"),
    A(
        "file.merge_projects",
        "&Merge Project Files…",
        "file",
        tip="Bring annotators' copies of the project into it: documents, spans, statuses, logs",
    ),
    A(
        "file.set_annotator_name",
        "Set &Annotator Name…",
        "file",
        group=1,
        keys=("Ctrl+Shift+U",),
        tip="Name recorded on every edit",
    ),
    A(
        "file.backups",
        "&Backups…",
        "file",
        group=1,
        tip="The project's automatic backups: back up now, or restore one",
    ),
    A("file.quit", "&Quit", "file", group=2, keys=("Ctrl+Q",)),
    # Edit
    A("edit.undo", "&Undo", "edit", keys=("Ctrl+Z",)),
    A("edit.redo", "&Redo", "edit", keys=("Ctrl+Shift+Z", "Ctrl+Y")),
    A(
        "edit.delete_span",
        "&Delete Span",
        "edit",
        group=1,
        tip="Delete the selected span (Delete key in the text)",
        text_keys="Delete, Backspace",
    ),
    A(
        "edit.add_relation",
        "Add &Relation…",
        "edit",
        group=1,
        tip="Relation from the selected span: R in the text, Tab to the other end, Enter, "
        "then the type. Or Ctrl+drag from one span to another.",
        text_keys="R",
    ),
    *(
        A(
            f"edit.span_{edge}_{'word_' if word else ''}{side}",
            f"{edge.capitalize()} {'a Word' if word else 'a Character'} {side.capitalize()}",
            "edit.span_edges",
            group=int(word),
            keys=(("Ctrl+" if word else "") + ("Alt+Shift+" if edge == "end" else "Alt+") + key,),
            tip=f"Move the selected span's {edge} one {'word' if word else 'character'} to the "
            f"{side} (one undoable edit)",
        )
        for edge in ("start", "end")
        for word in (False, True)
        for side, key in (("left", "Left"), ("right", "Right"))
    ),
    A(
        "edit.snap_to_words",
        "&Snap to Words",
        "edit",
        group=2,
        keys=("Ctrl+Shift+W",),
        tip="Extend selections to whole words",
        checkable=True,
    ),
    A("edit.find", "&Find…", "edit", group=3, keys=("Ctrl+F",), tip="Find in this document"),
    A("edit.find_next", "Find &Next", "edit", group=3, keys=("F3",), tip="Next hit"),
    A(
        "edit.find_previous",
        "Find Pre&vious",
        "edit",
        group=3,
        keys=("Shift+F3",),
        tip="Previous hit",
    ),
    A(
        "edit.annotate_all",
        "Annotate &All Occurrences…",
        "edit",
        group=3,
        keys=("Ctrl+Shift+A",),
        tip="Give the selected span's label to every other occurrence of its text, after a preview",
    ),
    # View
    A("view.zoom_in", "&Larger Text", "view", keys=("Ctrl+=", "Ctrl++")),
    A("view.zoom_out", "&Smaller Text", "view", keys=("Ctrl+-",)),
    A("view.zoom_reset", "&Reset Text Size", "view", keys=("Ctrl+0",)),
    *(
        A(
            f"view.show.{kind}",
            kind.capitalize(),
            "view.show",
            keys=(f"Ctrl+Alt+{number}",),
            tip=f"Show or hide the {kind} in the text",
            checkable=True,
        )
        for number, kind in enumerate(
            ("entities", "claims", "sections", "relations", "suggestions"), start=1
        )
    ),
    A(
        "view.show.others",
        "&Other Annotators' Work",
        "view.show",
        group=1,
        keys=("Ctrl+Alt+6",),
        tip="Show other annotators' spans on this document, faint and read-only, with their names",
        checkable=True,
    ),
    A(
        "view.focus_mode",
        "&Focus Mode",
        "view",
        keys=("F11",),
        tip="Hide every panel so the text has the whole window; again to bring them back",
    ),
    A(
        "view.label_tags",
        "Label &Tags",
        "view",
        keys=("Ctrl+Alt+L",),
        tip="Write each span's label above its first word (the lines move apart to make room)",
        checkable=True,
    ),
    # The panels' own show/hide actions (``WindowActions.adopt_dock``), text = panel title.
    A("view.panel.documents", "Documents", "view", group=1, checkable=True),
    A("view.panel.labels", "Labels", "view", group=1, checkable=True),
    A("view.panel.spans", "Spans", "view", group=1, checkable=True),
    A("view.panel.inspector", "Inspector", "view", group=1, checkable=True),
    A("view.panel.document", "Document", "view", group=1, checkable=True),
    A("view.panel.corpus_search", "Corpus Search", "view", group=1, checkable=True),
    A("view.panel.suggestions", "Suggestions", "view", group=1, checkable=True),
    A("view.panel.history", "History", "view", group=1, checkable=True),
    A("view.panel.comparison", "Compare Annotators", "view", group=1, checkable=True),
    A(
        "view.inspect_span",
        "&Inspect Selected Span",
        "view",
        group=2,
        keys=("F2",),
        tip="Edit the selected span's attributes and note (Tab moves on, Esc back to the text)",
    ),
    A(
        "view.edit_document",
        "Edit &Document Labels and Note",
        "view",
        group=2,
        keys=("Shift+F2",),
        tip="Status, document labels and note (Esc: back)",
    ),
    *(
        A(
            f"view.go_to.{name}",
            f"Go to {title}",
            "view",
            group=3,
            keys=(f"Alt+{number}",),
            tip=GO_TO_TIP.format(title),
        )
        for number, (name, title) in enumerate(
            (
                ("documents", "Documents"),
                ("labels", "Labels"),
                ("spans", "Spans"),
                ("corpus_search", "Corpus Search"),
                ("suggestions", "Suggestions"),
            ),
            start=1,
        )
    ),
    # Document
    A("document.next", "&Next Document", "document", keys=("Ctrl+PgDown",)),
    A("document.previous", "&Previous Document", "document", keys=("Ctrl+PgUp",)),
    *(
        A(
            f"document.status.{status}",
            STATUS_TEXT[status],
            "document.status",
            keys=(STATUS_KEYS[status],),
            exclusive=True,
        )
        for status in DOCUMENT_STATUSES
    ),
    A(
        "document.next_unfinished",
        "Next &Unfinished",
        "document",
        group=2,
        keys=("Alt+N",),
        tip="Open the next document that is not done",
    ),
    A(
        "document.previous_unfinished",
        "Previous Unfinis&hed",
        "document",
        group=2,
        keys=("Alt+Shift+N",),
        tip="Open the previous document that is not done",
    ),
    A(
        "document.mark_done_next",
        "&Mark Done and Next",
        "document",
        group=2,
        keys=("Ctrl+Return", "Ctrl+Enter"),
        tip="Mark this document done and open the next unfinished one",
    ),
    # Project
    A(
        "project.labels",
        "&Labels…",
        "project",
        keys=("Ctrl+Shift+L",),
        tip="Label colours, hotkeys and descriptions; add labels",
    ),
    A(
        "project.apply_schema_file",
        "Apply &Schema File…",
        "project",
        tip="Make a TOML schema file the project's schema (shows the plan first)",
    ),
    A(
        "project.assign",
        "&Assign…",
        "project",
        group=1,
        tip="Give each document to some of the annotators, balanced; each then sees their own",
    ),
    A(
        "project.compare_annotators",
        "&Compare Annotators",
        "project",
        group=5,
        keys=("Ctrl+Alt+C",),
        tip="The open document's annotators side by side, and its differences to curate into "
        "gold (A accept, X reject, E accept and edit)",
    ),
    A(
        "project.mark_curated",
        "Mark &Curated",
        "project",
        group=5,
        keys=("Ctrl+Shift+3",),
        tip="Set the open document's gold status to done once no difference is open",
    ),
    A(
        "project.agreement",
        "&Agreement…",
        "project",
        group=2,
        tip="How far the annotators agree: kappa, alpha and span F1 per pair, label and document",
    ),
    A(
        "project.train_model",
        "&Train Model…",
        "project",
        group=6,
        tip="Train a spaCy model on the annotations, see its held-out scores and learning "
        "curve, let it suggest; optionally retrain in the background",
    ),
    # Tools
    A(
        "tools.corpus_search",
        "&Corpus Search…",
        "tools",
        keys=("Ctrl+Shift+F",),
        tip="Search every document and see each hit in its context",
    ),
    A(
        "tools.preannotate_all",
        "&Pre-annotate All Documents…",
        "tools",
        group=1,
        keys=("Ctrl+Shift+P",),
        tip="Suggest spans from a gazetteer, regex rules or a spaCy pipeline",
    ),
    A(
        "tools.preannotate_document",
        "Pre-annotate &This Document…",
        "tools",
        group=1,
        keys=("Ctrl+Alt+P",),
        tip="Suggest spans in the open document only",
    ),
    A(
        "tools.suggestion_accept",
        "&Accept Suggestion",
        "tools",
        group=2,
        keys=("Alt+A",),
        tip="Accept the suggestion at the caret",
    ),
    A(
        "tools.suggestion_reject",
        "Re&ject Suggestion",
        "tools",
        group=2,
        keys=("Alt+X",),
        tip="Reject the suggestion at the caret",
    ),
    A(
        "tools.suggestion_next",
        "Ne&xt Suggestion",
        "tools",
        group=2,
        keys=("Alt+Down",),
        tip="Select the next suggestion",
    ),
    A(
        "tools.suggestion_previous",
        "Previous S&uggestion",
        "tools",
        group=2,
        keys=("Alt+Up",),
        tip="Select the previous suggestion",
    ),
    A(
        "tools.suggestion_accept_all",
        "Accept All in Document",
        "tools",
        group=2,
        keys=("Alt+Shift+A",),
        tip="Accept every suggestion",
    ),
    A(
        "tools.suggestion_reject_all",
        "Reject All in Document",
        "tools",
        group=2,
        keys=("Alt+Shift+X",),
        tip="Reject every suggestion",
    ),
    A(
        "tools.statistics",
        "&Statistics…",
        "tools",
        group=3,
        keys=("Ctrl+Shift+T",),
        tip="Spans per label, layer and annotator, progress, as bar charts",
    ),
    # Settings
    A(
        "settings.keyboard_shortcuts",
        "&Keyboard Shortcuts…",
        "settings",
        keys=("Ctrl+Alt+S",),
        tip="Change the key of any action",
    ),
    # Help
    A(
        "help.keyboard_shortcuts",
        "&Keyboard Shortcuts",
        "help",
        keys=("F1",),
        tip="Every key the app answers to",
    ),
    A("help.about", "&About Annotator", "help", group=1),
    A("help.about_qt", "About &Qt", "help", group=1),
)

FORMER_IDS: dict[str, str] = {
    "view.larger_text": "view.zoom_in",
    "view.smaller_text": "view.zoom_out",
    "view.reset_text_size": "view.zoom_reset",
    "view.documents": "view.panel.documents",
    "view.labels": "view.panel.labels",
    "view.spans": "view.panel.spans",
    "view.inspector": "view.panel.inspector",
    "view.document": "view.panel.document",
    "view.corpus_search_panel": "view.panel.corpus_search",
    "view.suggestions_panel": "view.panel.suggestions",
    "view.inspect_selected_span": "view.inspect_span",
    "view.edit_document_labels_and_note": "view.edit_document",
    "document.next_document": "document.next",
    "document.previous_document": "document.previous",
    "document.status.to_do": "document.status.todo",
    "help.about_annotator": "help.about",
}
"""Names that bindings were saved under when an action's name was made from its menu path and
text -> the action's id now. A binding saved under such a name moves to the id once (see
``ShortcutRegistry``); an id equal to its former name needs no entry."""


def plain(text: str) -> str:
    """A menu text without mnemonics and ellipsis: "&Find…" -> "Find"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def menu_path(menu_id: str) -> str:
    """The menu's place as the user reads it: "Document ▸ Status"."""
    menus = {m.id: m for m in MENUS}
    parts: list[str] = []
    current = menus.get(menu_id)
    while current is not None:
        parts.insert(0, plain(current.title))
        current = menus.get(current.parent)
    return " ▸ ".join(parts)
