"""The labels dialog: colours, hotkeys, descriptions, new labels; applied to a real project."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.schema import Schema
from annotator.gui.dialogs.labels import (
    COLOR,
    DESCRIPTION,
    HOTKEY,
    LAYER,
    NAME,
    ColorPicker,
    LabelsDialog,
    dialog_color_picker,
)
from annotator.store.repository import Repository
from annotator.store.schema_store import apply_schema_change
from tests.helpers.labels_dialog import commit, type_into


def row_of(dialog: LabelsDialog, name: str) -> int:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, NAME).text() == name:
            return row
    raise AssertionError(name)


def stored_schema(repo: Repository) -> dict[str, Any]:
    row = repo.db.execute("SELECT value FROM project WHERE key = 'schema'").fetchone()
    return json.loads(row[0])


def open_dialog(
    qtbot: QtBot,
    repo: Repository,
    apply_schema: Callable[[Schema], object] | None = None,
    pick_color: ColorPicker = dialog_color_picker,
) -> LabelsDialog:
    dialog = LabelsDialog(repo.schema(), apply_schema, pick_color)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_duplicate_hotkey_is_shown_and_nothing_applied(qtbot: QtBot, repo: Repository) -> None:
    applied: list[Schema] = []
    dialog = open_dialog(qtbot, repo, apply_schema=applied.append)
    type_into(qtbot, dialog, row_of(dialog, "MISC"), HOTKEY, "p")
    assert dialog.table.item(row_of(dialog, "MISC"), HOTKEY).text() == "p"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "hotkey 'p' is used by both 'PER' and 'MISC'" in dialog.error_label.text()
    assert applied == [] and dialog.new_schema() is None


def test_colour_and_description_change_is_applied_to_the_project(
    qtbot: QtBot, repo: Repository
) -> None:
    asked: list[str] = []

    def pick(initial: QColor, parent: QWidget) -> QColor:
        asked.append(initial.name())
        return QColor("#112233")

    dialog = open_dialog(
        qtbot,
        repo,
        apply_schema=lambda s: apply_schema_change(repo, s, annotator="tester"),
        pick_color=pick,
    )
    per = row_of(dialog, "PER")
    dialog.table.setCurrentCell(per, COLOR)
    qtbot.mouseClick(dialog.color_button, Qt.MouseButton.LeftButton)
    assert asked == ["#e28e4c"]
    assert dialog.table.item(per, COLOR).text() == "#112233"
    type_into(qtbot, dialog, per, DESCRIPTION, "A human being")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    label = next(e for e in stored_schema(repo)["labels"] if e["name"] == "PER")
    assert (label["color"], label["description"]) == ("#112233", "A human being")
    log = repo.edit_log(limit=1)[0]
    assert (log.kind, log.annotator) == ("schema_change", "tester")
    assert log.payload["changed"]["labels"] == ["PER"]


def test_add_a_label_to_a_layer(qtbot: QtBot, repo: Repository) -> None:
    dialog = open_dialog(
        qtbot, repo, apply_schema=lambda s: apply_schema_change(repo, s, annotator="tester")
    )
    dialog.table.setCurrentCell(row_of(dialog, "CLAIM"), NAME)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    row = dialog.table.rowCount() - 1
    editor = dialog.table.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, "RUMOUR")
    commit(qtbot, dialog, editor)
    combo = dialog.table.cellWidget(row, LAYER)
    assert isinstance(combo, QComboBox) and combo.currentText() == "claim"
    type_into(qtbot, dialog, row, HOTKEY, "h")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    new = dialog.new_schema()
    assert new is not None and new.label("RUMOUR").layer == "claim"
    entry = next(e for e in stored_schema(repo)["labels"] if e["name"] == "RUMOUR")
    assert (entry["layer"], entry["hotkey"], entry["color"]) == ("claim", "h", "#cccccc")
    assert repo.edit_log(limit=1)[0].payload["added"]["labels"] == ["RUMOUR"]


def test_reserved_hotkey_and_empty_name_are_refused(qtbot: QtBot, repo: Repository) -> None:
    dialog = open_dialog(qtbot, repo)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    commit(qtbot, dialog, dialog.table.focusWidget())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "a label has no name" in dialog.error_label.text()
    dialog.table.removeRow(dialog.table.rowCount() - 1)
    type_into(qtbot, dialog, row_of(dialog, "PER"), HOTKEY, "r")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "which the app uses for relations" in dialog.error_label.text()
    assert dialog.isVisible()


def test_a_label_name_with_a_space_is_refused_with_the_reason(
    qtbot: QtBot, repo: Repository
) -> None:
    applied: list[Schema] = []
    dialog = open_dialog(qtbot, repo, apply_schema=applied.append)
    dialog.table.setCurrentCell(row_of(dialog, "PER"), NAME)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.table.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, "HEAD OF STATE")
    commit(qtbot, dialog, editor)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and applied == []
    assert dialog.error_label.text().startswith(
        "label name 'HEAD OF STATE' is not allowed: it holds ' ', which a name in brat or CoNLL "
        "lines cannot carry; use letters, digits, _ and -"
    )
    assert "HEAD OF STATE" not in {label["name"] for label in stored_schema(repo)["labels"]}
