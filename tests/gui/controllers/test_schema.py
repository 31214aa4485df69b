"""Changing the project's schema from the window: the labels dialog (colour, hotkey) and a schema
file (plan, confirmation, refused removal, forced removal, bad files). Checked in the database
and in the palette, view and hotkeys."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema_path
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.labels import COLOR, HOTKEY, NAME, LabelsDialog
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.labels_dialog import type_into
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import CTRL, SHIFT, select_by_keys
from tests.helpers.window import add_span

LEFT = Qt.MouseButton.LeftButton


def row_of(dialog: LabelsDialog, label: str) -> int:
    for row in range(dialog.table.rowCount()):
        item = dialog.table.item(row, NAME)
        if item is not None and item.text() == label:
            return row
    raise AssertionError(label)


def cell_text(dialog: LabelsDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def test_labels_dialog_colour_and_hotkey_reach_the_database_palette_and_keys(
    qtbot: QtBot, window: MainWindow, view: ArticleView, workspace: Workspace, saved: SavedProject
) -> None:
    window.schema_actions.pick_color = lambda _initial, _parent: QColor("#123456")
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL | SHIFT)
    dialog = window.schema_actions.labels_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    row = row_of(dialog, "PER")
    table.setCurrentCell(row, COLOR)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on the colour opens the chooser
    assert cell_text(dialog, row, COLOR) == "#123456"
    type_into(qtbot, dialog, row, HOTKEY, "y")
    assert cell_text(dialog, row, HOTKEY) == "y"
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: window.schema_actions.labels_dialog is None)

    stored = saved.schema().label("PER")
    assert (stored.color, stored.hotkey) == ("#123456", "y")
    assert saved.edit_log()[0].kind == "schema_change"
    item = window.label_palette.item_for("PER")
    assert item is not None and item.text(1) == "y"
    assert workspace.schema.label("PER").color == "#123456"
    assert window.status_bar.message().startswith("Saved: schema changed")

    select_by_keys(qtbot, window, EMOJI_TEXT.find("there"), len("there"))
    qtbot.keyClick(view, "y")  # the new hotkey labels at once
    assert [r[1] for r in saved.span_rows()] == ["PER"]
    qtbot.keyClick(view, "p")
    assert window.status_bar.message() == "No label has the key “p”"


def _without_misc(tmp_path: Path) -> Path:
    text = default_schema_path().read_text(encoding="utf-8")
    text = re.sub(r'\[\[labels\]\]\nname = "MISC"\n(?:.+\n)+?\n', "", text)
    text = text.replace(', "MISC"]', "]")
    assert '"MISC"' not in text
    path = tmp_path / "no-misc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_file_removal_is_refused_then_forced(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    workspace: Workspace,
    session: EditSession,
    saved: SavedProject,
    tmp_path: Path,
) -> None:
    misc = add_span(window, "MISC", "café")
    actions = window.schema_actions
    path = _without_misc(tmp_path)

    actions.apply_schema_file(path)
    box = actions.message_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "label MISC is used by 1 span" in box.informativeText()
    assert "deletes them" in box.text()
    cancel = actions.button("Cancel")
    assert cancel is not None and actions.button("Force: delete them") is not None
    qtbot.mouseClick(cancel, LEFT)
    qtbot.waitUntil(lambda: actions.message_box is None)
    assert saved.schema().has_label("MISC")
    assert [r[0] for r in saved.span_rows()] == [misc.id]

    actions.apply_schema_file(path)
    force = actions.button("Force: delete them")
    assert force is not None
    qtbot.mouseClick(force, LEFT)
    qtbot.waitUntil(lambda: actions.message_box is None)
    assert not saved.schema().has_label("MISC")
    assert saved.span_rows() == []
    assert view.spans() == [] and window.span_model.rowCount() == 0
    assert window.label_palette.item_for("MISC") is None
    assert session.stack.count() == 0  # undo steps could name the removed label
    assert workspace.doc is not None and workspace.doc.id == "emoji"


def test_schema_file_adding_a_label_is_confirmed_then_applied(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject, tmp_path: Path
) -> None:
    text = default_schema_path().read_text(encoding="utf-8")
    text = text.replace(
        "[[relations]]",
        '[[labels]]\nname = "WEAPON"\nlayer = "entity"\ncolor = "#aa5500"\nhotkey = "w"\n\n'
        "[[relations]]",
        1,
    )
    path = tmp_path / "weapon.toml"
    path.write_text(text, encoding="utf-8")
    actions = window.schema_actions
    actions.apply_schema_file(path)
    box = actions.message_box
    assert box is not None and "label WEAPON" in box.informativeText()
    assert not saved.schema().has_label("WEAPON")  # nothing before "Apply"
    apply = actions.button("Apply")
    assert apply is not None
    qtbot.mouseClick(apply, LEFT)
    assert saved.schema().label("WEAPON").hotkey == "w"
    assert window.label_palette.item_for("WEAPON") is not None
    select_by_keys(qtbot, window, EMOJI_TEXT.find("café"), len("café"))
    qtbot.keyClick(view, "w")
    assert [r[1] for r in saved.span_rows()] == ["WEAPON"]


def test_bad_schema_files_are_refused_naming_the_line(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    actions = window.schema_actions
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[labels]\nname = "A"\n', encoding="utf-8")
    actions.apply_schema_file(bad)
    assert "invalid TOML" in window.status_bar.message()
    assert window.status_bar.kind() == "problem"
    assert actions.message_box is not None
    close = actions.button("Close")
    assert close is not None
    qtbot.mouseClick(close, LEFT)

    text = default_schema_path().read_text(encoding="utf-8").replace('hotkey = "o"', 'hotkey = "p"')
    duplicate = tmp_path / "duplicate.toml"
    duplicate.write_text(text, encoding="utf-8")
    actions.apply_schema_file(duplicate)
    message = window.status_bar.message()
    assert "hotkey 'p' is used by both 'PER' and 'ORG'" in message and "(line " in message
    assert saved.schema().label("ORG").hotkey == "o"
