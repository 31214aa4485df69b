from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import Edit
from annotator.core.model import Document
from annotator.gui.panels.suggestions import SuggestionsPanel
from annotator.preannotate import run_preannotation
from annotator.preannotate.gazetteer import Gazetteer
from annotator.preannotate.rules import RuleSet
from annotator.store.repository import Repository

TEXT = "Jakarta 😀 and Bandung flooded; 400 people left Jakarta."


@pytest.fixture
def project(repo: Repository, tmp_path: Path) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT))
    gaz = tmp_path / "cities.csv"
    gaz.write_text("Jakarta,GPE\nBandung,GPE\n")
    run_preannotation(repo, Gazetteer.from_file(gaz, repo.schema()))
    rules = tmp_path / "rules.toml"
    rules.write_text("[[rules]]\nlabel = 'QUANTITY'\npattern = '\\d+ people'\n")
    run_preannotation(repo, RuleSet.from_file(rules, repo.schema()))
    return repo


def db_rows(repo: Repository, sql: str) -> list[tuple]:
    return [tuple(r) for r in repo.db.execute(sql)]


class RecordingPanel(SuggestionsPanel):
    """The panel applying its edits straight to the project, keeping them to undo."""

    def __init__(self, project: Repository) -> None:
        self.undo_log: list[Edit] = []
        super().__init__(project, "ann", self._apply)
        self._project = project

    def _apply(self, edit: Edit) -> None:
        self._project.apply(edit, "ann")
        self.undo_log.append(edit)


@pytest.fixture
def panel(qtbot, project: Repository) -> RecordingPanel:
    widget = RecordingPanel(project)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.suggestionsChanged) as blocker:
        widget.set_document("d1")
    assert [s.text for s in blocker.args[0]] == ["Jakarta", "Bandung", "400 people", "Jakarta"]
    return widget


def test_key_a_accepts_and_key_x_rejects(qtbot, panel: RecordingPanel, project) -> None:
    panel.table.setFocus()
    first = panel.table.visualRect(panel.table.model().index(0, 1)).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert db_rows(project, "SELECT label, text, origin, annotator FROM spans") == [
        ("GPE", "Jakarta", "gazetteer:cities.csv", "ann")
    ]
    assert panel.model.rowCount() == 3 and panel.model.items[0].text == "Bandung"
    qtbot.keyClick(panel.table, Qt.Key.Key_X)  # the selection moved to Bandung
    assert db_rows(project, "SELECT text, status FROM suggestions WHERE text = 'Bandung'") == [
        ("Bandung", "rejected")
    ]
    assert db_rows(project, "SELECT count(*) FROM spans") == [(1,)]
    # undo both (inverse edits, newest first)
    for edit in reversed(panel.undo_log):
        project.apply(edit.inverse(), "ann")
    panel.refresh()
    assert panel.model.rowCount() == 4 and db_rows(project, "SELECT count(*) FROM spans") == [(0,)]


def test_accept_all_of_a_label_then_reject_all(qtbot, panel: RecordingPanel, project) -> None:
    panel.label_choice.setCurrentText("GPE")
    qtbot.mouseClick(panel.accept_label_button, Qt.MouseButton.LeftButton)
    assert len(panel.undo_log) == 1
    assert sorted(db_rows(project, "SELECT text FROM spans")) == [
        ("Bandung",),
        ("Jakarta",),
        ("Jakarta",),
    ]
    assert [s.label for s in panel.model.items] == ["QUANTITY"]
    qtbot.mouseClick(panel.reject_all_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0
    assert db_rows(project, "SELECT status, count(*) FROM suggestions GROUP BY status") == [
        ("accepted", 3),
        ("rejected", 1),
    ]


def test_accept_all_button(qtbot, panel: RecordingPanel, project) -> None:
    with qtbot.waitSignal(panel.edited):
        qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    assert db_rows(project, "SELECT count(*) FROM spans") == [(4,)]
    assert db_rows(project, "SELECT count(*) FROM suggestions WHERE status = 'pending'") == [(0,)]
