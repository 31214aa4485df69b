"""The Compare Annotators panel on its own: the list model and the lanes' alignment."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.core.curation import Curation
from annotator.core.model import Document
from annotator.gui.panels.comparison import ComparisonPanel
from annotator.gui.panels.comparison_lanes import Lane, LaneBox, LanesView
from tests.helpers.team_document import TEAM_DOC, TEAM_TEXT, team_relations, team_spans

DOC = Document(id=TEAM_DOC, text=TEAM_TEXT)


def test_the_list_model_passes_qts_model_checks(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    panel.show_curation(
        Curation(DOC.id, team_spans(DOC), team_relations(DOC), {}), TEAM_TEXT, "Team", {}
    )

    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 4


def test_boxes_of_different_lanes_over_the_same_characters_line_up(qtbot: QtBot) -> None:
    lanes = LanesView()
    qtbot.addWidget(lanes)
    text = "😀😀 Jakarta"
    lanes.show_stretch(
        text,
        100,
        (103, 110),
        [
            Lane("ana", (LaneBox(103, 110, "GPE", "#4cbb9d"),)),
            Lane(
                "budi", (LaneBox(100, 102, "MISC", "#cccccc"), LaneBox(103, 110, "LOC", "#f2d97f"))
            ),
        ],
    )

    assert lanes.lane_names() == ["ana", "budi"]
    assert lanes.x_of(100) < lanes.x_of(101) < lanes.x_of(102) < lanes.x_of(103)
    assert lanes.x_of(110) == lanes.x_of(999)  # clamped to the end of the stretch
    assert lanes.sizeHint().width() > lanes.x_of(110)


def test_nothing_to_compare_says_so(qtbot: QtBot) -> None:
    panel = ComparisonPanel()
    qtbot.addWidget(panel)

    panel.show_curation(None, "", "", {})

    assert panel.heading.text() == "No annotators' spans to compare in this document"
    assert panel.lanes.lane_names() == []


def test_the_heading_names_a_lone_annotator_in_words(qtbot: QtBot) -> None:
    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    ana = [span for span in team_spans(DOC) if span.annotator == "ana"]
    panel.show_curation(Curation(DOC.id, ana, [], {}), TEAM_TEXT, "Team", {})

    assert panel.heading.text().startswith("Team: one annotator: ana; 0 open differences, ")
