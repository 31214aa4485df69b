"""Compare Annotators and curate with keys in the real window, checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.main_window import MainWindow
from annotator.gui.panels.comparison import ComparisonPanel
from tests.helpers.saved import SavedProject
from tests.helpers.team_document import TEAM_DOC, add_team_document
from tests.helpers.user_input import ALT, CTRL, SHIFT

GOLD_ROWS = "SELECT id, label, text, note FROM spans WHERE annotator = '@gold' ORDER BY start"
DECISIONS = "SELECT span_id, decision, curator FROM curation_decisions ORDER BY span_id"


@pytest.fixture
def panel(qtbot: QtBot, window: MainWindow) -> ComparisonPanel:
    """The team document open and compared (Ctrl+Alt+C), the keyboard in the differences."""
    add_team_document(window.workspace.repo)
    window.documents.reload_documents()
    window.workspace.open_document(TEAM_DOC)
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need the window active
    qtbot.keyClick(window.view, Qt.Key.Key_C, CTRL | ALT)
    assert window.comparison_dock.isVisible()
    return window.comparison


def rows(panel: ComparisonPanel) -> list[tuple[str, ...]]:
    model = panel.model
    return [
        tuple(str(model.index(row, column).data()) for column in (0, 2, 4, 5, 6))
        for row in range(model.rowCount())
    ]


def press(qtbot: QtBot, panel: ComparisonPanel, key: Qt.Key, row: int | None = None) -> None:
    if row is not None:
        panel.table.select_row(row)
    qtbot.keyClick(panel.table, key)


def test_the_comparison_lists_the_differences_of_three_annotators(panel: ComparisonPanel) -> None:
    assert rows(panel) == [
        ("1", "PER “Prabowo Subianto”", "ana, budi", "majority", "open"),
        ("1", "ORG “Prabowo Subianto”", "citra", "single", "open"),
        ("2", "GPE “Jakarta”", "ana, budi", "majority", "open"),
        ("3", "DATE “Monday”", "citra", "single", "open"),
    ]
    assert panel.lanes.lane_names() == ["ana", "budi", "citra", "gold"]
    assert "3 annotators (ana, budi, citra); 3 open differences, 0 gold spans" in (
        panel.heading.text()
    )


def test_merged_lanes_colour_the_readings_by_agreement(panel: ComparisonPanel) -> None:
    panel.mode.setCurrentIndex(1)

    (merged, gold) = panel.lanes.lanes
    assert (merged.name, gold.name) == ("agreement", "gold")
    assert [(box.text, box.color, box.selected) for box in merged.boxes] == [
        ("PER (3/3)", "#9fd89f", False),
        ("PER (2/3)", "#f2d08a", True),
        ("ORG (1/3)", "#f29a9a", False),
        ("GPE (2/3)", "#f2d08a", False),
        ("DATE (1/3)", "#f29a9a", False),
    ]


def test_a_accepts_the_reading_into_gold_and_moves_on(
    qtbot: QtBot, panel: ComparisonPanel, saved: SavedProject
) -> None:
    press(qtbot, panel, Qt.Key.Key_A, row=0)

    assert saved.rows(GOLD_ROWS) == [
        ("ana-PER-26.gold", "PER", "Prabowo Subianto", "former general")
    ]
    assert saved.rows(DECISIONS) == [
        ("ana-PER-26", "accepted", "tester"),
        ("budi-PER-26", "accepted", "tester"),
        ("citra-ORG-26", "rejected", "tester"),
    ]
    assert [row[4] for row in rows(panel)] == ["accepted", "rejected", "open", "open"]
    assert panel.table.current_row() == 2
    assert [box.text for box in panel.lanes.lanes[-1].boxes] == ["PER"]  # the gold lane


def test_x_rejects_and_the_rejection_stays_after_a_reopen(
    qtbot: QtBot, window: MainWindow, panel: ComparisonPanel, saved: SavedProject
) -> None:
    press(qtbot, panel, Qt.Key.Key_X, row=3)

    assert saved.rows(GOLD_ROWS) == []
    assert saved.rows(DECISIONS) == [("citra-DATE-57", "rejected", "tester")]
    window.curation.load()
    assert [row[1] for row in rows(panel)] == [
        "PER “Prabowo Subianto”",
        "ORG “Prabowo Subianto”",
        "GPE “Jakarta”",
    ]


def test_ctrl_z_undoes_a_curation_step(
    qtbot: QtBot, panel: ComparisonPanel, saved: SavedProject
) -> None:
    press(qtbot, panel, Qt.Key.Key_A, row=0)
    press(qtbot, panel, Qt.Key.Key_A, row=2)
    assert len(saved.rows("SELECT id FROM relations WHERE annotator = '@gold'")) == 1

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)

    assert [row[1] for row in saved.rows(GOLD_ROWS)] == ["PER"]
    assert saved.rows("SELECT id FROM relations WHERE annotator = '@gold'") == []
    assert [row[4] for row in rows(panel)] == ["accepted", "rejected", "open", "open"]


def test_e_accepts_then_label_and_edge_keys_change_the_gold_span(
    qtbot: QtBot, panel: ComparisonPanel, saved: SavedProject
) -> None:
    press(qtbot, panel, Qt.Key.Key_E, row=2)
    qtbot.keyClick(panel.table, Qt.Key.Key_L)  # LOC's key
    qtbot.keyClick(panel.table, Qt.Key.Key_Left, ALT)  # the start one character left
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    press(qtbot, panel, Qt.Key.Key_X, row=3)  # editing is over: X rejects again

    assert saved.rows(GOLD_ROWS) == [("ana-GPE-46.gold", "LOC", " Jakarta", "")]
    assert saved.rows(DECISIONS)[-1] == ("citra-DATE-57", "rejected", "tester")
    summaries = [entry.summary for entry in saved.edit_log(TEAM_DOC)]
    assert summaries[:3] == ["reject DATE “Monday”", "move boundary of LOC", "relabel GPE → LOC"]


def test_a_unanimous_reading_is_accepted_with_one_key_and_logged_for_the_curator(
    qtbot: QtBot, panel: ComparisonPanel, saved: SavedProject
) -> None:
    panel.shown.setCurrentIndex(2)  # everything still open
    assert rows(panel)[0] == ("1", "PER “Joko Widodo”", "ana, budi, citra", "unanimous", "open")

    press(qtbot, panel, Qt.Key.Key_A, row=0)

    assert saved.rows(GOLD_ROWS) == [("ana-PER-10.gold", "PER", "Joko Widodo", "")]
    entry = saved.edit_log(TEAM_DOC)[0]
    assert (entry.annotator, entry.summary) == (
        "tester",
        "accept PER “Joko Widodo” (ana, budi, citra)",
    )


def test_mark_curated_waits_for_open_differences_then_sets_the_gold_status(
    qtbot: QtBot, window: MainWindow, panel: ComparisonPanel, saved: SavedProject
) -> None:
    gold_status = "SELECT status FROM document_status WHERE annotator = '@gold'"
    qtbot.keyClick(panel.table, Qt.Key.Key_3, CTRL | SHIFT)
    assert saved.rows(gold_status) == []
    assert window.status_bar.message() == (
        "3 differences are still open: accept (A) or reject (X) them first"
    )

    press(qtbot, panel, Qt.Key.Key_A, row=0)
    press(qtbot, panel, Qt.Key.Key_A, row=2)
    press(qtbot, panel, Qt.Key.Key_X, row=3)
    qtbot.keyClick(panel.table, Qt.Key.Key_3, CTRL | SHIFT)

    assert saved.rows(gold_status) == [("done",)]
    assert saved.edit_log(TEAM_DOC)[0].annotator == "tester"


def test_showing_the_panel_from_the_view_menu_compares_the_open_document(
    window: MainWindow,
) -> None:
    add_team_document(window.workspace.repo)
    window.documents.reload_documents()
    window.workspace.open_document(TEAM_DOC)

    window.actions_["view.panel.comparison"].trigger()

    assert window.comparison_dock.isVisible()
    assert window.comparison.model.rowCount() == 4


def test_undo_after_a_restart_takes_back_the_logged_curation_step(
    qtbot: QtBot, window: MainWindow, panel: ComparisonPanel, saved: SavedProject
) -> None:
    press(qtbot, panel, Qt.Key.Key_A, row=0)
    window.session.stack.clear()  # what a new session starts with
    window.history.reach_back()

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)

    assert saved.rows(GOLD_ROWS) == []
    assert saved.rows(DECISIONS) == []
