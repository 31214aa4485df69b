"""The assignment dialog: names ticked, added and refused, per-doc, scope and seed, and the
preview of each annotator's load before anything is written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.dialogs.assign import AssignDialog

DOCS = ["d1", "d2", "d3", "d4"]


@pytest.fixture
def dialog(qtbot: QtBot) -> AssignDialog:
    """ana and budi known, d1 already ana's; scopes: all four, or d3 and d4."""
    shown = AssignDialog(
        ["ana", "budi"], [("All documents", DOCS), ("Not yet done", ["d3", "d4"])], {"d1": {"ana"}}
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def preview(dialog: AssignDialog) -> list[tuple[str, str, str]]:
    table = dialog.loads
    return [
        (table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    ]


def test_the_preview_shows_each_annotators_load_with_what_is_added(
    dialog: AssignDialog,
) -> None:
    assert dialog.chosen_names() == ["ana", "budi"]
    assert dialog.per_doc.value() == 2
    assert dialog.scope.itemText(0) == "All documents (4)"
    assert dialog.summary.text() == (
        "Adds 7 assignments on 4 of 4 documents; each annotator's documents afterwards:"
    )
    assert preview(dialog) == [("ana", "4", "+3"), ("budi", "4", "+4")]
    assert dialog.assign_button.isEnabled()


def test_per_doc_and_scope_change_the_plan(qtbot: QtBot, dialog: AssignDialog) -> None:
    dialog.per_doc.setFocus()
    qtbot.keyClick(dialog.per_doc, Qt.Key.Key_Down)
    assert dialog.per_doc.value() == 1
    assert preview(dialog) == [("ana", "2", "+1"), ("budi", "2", "+2")]  # d1 stays ana's
    dialog.scope.setCurrentIndex(1)
    assert preview(dialog) == [("ana", "1", "+0"), ("budi", "2", "+2")]
    plan = dialog.plan()
    assert plan is not None and plan.pairs == (("d3", "budi"), ("d4", "budi"))


def test_the_seed_makes_the_same_plan_again(qtbot: QtBot, dialog: AssignDialog) -> None:
    qtbot.keyClick(dialog.per_doc, Qt.Key.Key_Down)
    first = dialog.plan()
    plans = set()
    for seed in range(1, 6):
        dialog.seed.setValue(seed)
        plan = dialog.plan()
        assert plan is not None
        plans.add(plan.pairs)
    dialog.seed.setValue(0)
    assert dialog.plan() == first
    assert len(plans) > 1


def test_a_typed_name_joins_ticked_and_an_unticked_one_leaves(
    qtbot: QtBot, dialog: AssignDialog
) -> None:
    qtbot.keyClicks(dialog.new_name, "citra")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.chosen_names() == ["ana", "budi", "citra"]
    assert dialog.new_name.text() == ""
    assert [row[0] for row in preview(dialog)] == ["ana", "budi", "citra"]

    budi = dialog.names.item(1)
    dialog.names.setCurrentItem(budi)
    qtbot.keyClick(dialog.names, Qt.Key.Key_Space)
    assert budi.checkState() == Qt.CheckState.Unchecked
    assert dialog.chosen_names() == ["ana", "citra"]
    assert [row[0] for row in preview(dialog)] == ["ana", "citra"]


def test_a_name_kept_for_the_tool_is_refused_where_it_is_typed(
    qtbot: QtBot, dialog: AssignDialog
) -> None:
    qtbot.keyClicks(dialog.new_name, "@gold")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.summary.text().startswith("“@gold” cannot be an annotator: names starting with @")
    assert dialog.chosen_names() == ["ana", "budi"]
    assert dialog.new_name.text() == "@gold"  # left to correct


def test_more_per_document_than_annotators_cannot_be_assigned(
    qtbot: QtBot, dialog: AssignDialog
) -> None:
    dialog.names.setCurrentRow(0)
    qtbot.keyClick(dialog.names, Qt.Key.Key_Space)  # untick ana: budi alone, 2 per document
    assert dialog.summary.text() == (
        "Cannot assign: per-doc 2 is more than the 1 annotator given (budi): "
        "a document cannot go to the same annotator twice"
    )
    assert dialog.plan() is None
    assert not dialog.assign_button.isEnabled()
    assert dialog.loads.rowCount() == 0


def test_nothing_to_add_leaves_assign_disabled(qtbot: QtBot) -> None:
    dialog = AssignDialog(["ana"], [("All documents", ["d1"])], {"d1": {"ana"}})
    qtbot.addWidget(dialog)
    assert dialog.per_doc.value() == 1
    assert dialog.summary.text() == (
        "Nothing to add: every one of these 1 documents has 1 of these annotators already"
    )
    assert not dialog.assign_button.isEnabled()
