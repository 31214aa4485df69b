"""Where a document's curation stands, without a database."""

from __future__ import annotations

from annotator.core.comparison import ACCEPTED, OPEN, REJECTED
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep
from annotator.core.model import Document, Span
from annotator.core.team import GOLD
from tests.helpers.team_document import TEAM_DOC, TEAM_TEXT, team_relations, team_spans

DOC = Document(id=TEAM_DOC, text=TEAM_TEXT)


def curation() -> Curation:
    return Curation(DOC.id, team_spans(DOC), team_relations(DOC), {})


def test_each_reading_finds_its_group() -> None:
    team = curation()

    for group in team.groups:
        for version in group.versions:
            assert team.group_of(version) is group
            assert all(team.version_of[s.id] is version for s in version.spans)


def test_the_spans_of_a_stretch_are_found_from_its_first_to_its_last_character() -> None:
    team = curation()
    jakarta = TEAM_TEXT.index("Jakarta")

    assert {s.text for s in team.overlapping(jakarta, jakarta + 1)} == {"Jakarta"}
    assert {s.text for s in team.overlapping(jakarta + 6, jakarta + 7)} == {"Jakarta"}
    assert team.overlapping(jakarta + 7, jakarta + 9) == []
    assert {s.text for s in team.overlapping(0, len(TEAM_TEXT))} == {
        "Joko Widodo",
        "Prabowo Subianto",
        "Jakarta",
        "Monday",
    }


def test_a_step_and_its_undo_move_a_reading_between_open_and_decided() -> None:
    team = curation()
    monday = team.groups[-1].versions[0]
    jakarta = team.groups[2].versions[0]
    gold = Span("g", DOC.id, "entity", "GPE", 46, 53, "Jakarta", GOLD)
    step = CurationStep(
        DOC.id,
        (gold,),
        decisions=(("citra-DATE-57", None, REJECTED), ("ana-GPE-46", None, ACCEPTED)),
    )

    team.take_step(step)
    assert (team.state(monday), team.state(jakarta)) == (REJECTED, ACCEPTED)
    assert team.gold_of(jakarta) == gold
    assert len(team.groups_where(differences_only=True, open_only=True)) == 1

    undo = step.inverse()
    assert isinstance(undo, CurationStep)
    team.take_step(undo)
    assert (team.state(monday), team.state(jakarta)) == (OPEN, OPEN)
    assert team.gold == {}


def test_gold_spans_in_the_document_are_kept_apart_from_the_annotators() -> None:
    gold = Span("g", DOC.id, "entity", "PER", 10, 21, "Joko Widodo", GOLD)
    team = Curation(DOC.id, [*team_spans(DOC), gold], [], {})

    assert team.annotators == ["ana", "budi", "citra"]
    assert team.gold == {"g": gold}
    assert team.state(team.groups[0].versions[0]) == ACCEPTED
