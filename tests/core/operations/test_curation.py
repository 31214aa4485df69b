"""Building curation steps from a comparison, without a database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.assets import default_schema
from annotator.core.comparison import ACCEPTED, REJECTED, Version
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.model import Document
from annotator.core.operations import Refusal
from annotator.core.operations.curation import (
    accept_edit,
    accept_unanimous_edit,
    mark_curated_edit,
    reject_edit,
)
from annotator.core.team import GOLD
from tests.helpers.team_document import TEAM_DOC, TEAM_TEXT, team_relations, team_spans

DOC = Document(id=TEAM_DOC, text=TEAM_TEXT)
SCHEMA = default_schema()


@pytest.fixture
def curation() -> Curation:
    return Curation(DOC.id, team_spans(DOC), team_relations(DOC), {})


def reading(curation: Curation, label: str, text: str) -> Version:
    return next(
        v for g in curation.groups for v in g.versions if (v.label, v.text) == (label, text)
    )


def settle(curation: Curation, step: CurationStep) -> None:
    """Take a step's gold and decisions in, as after applying it."""
    curation.take_step(step)


def test_accepting_copies_the_span_with_its_note_and_rejects_the_rival(curation: Curation) -> None:
    step = accept_edit(curation, SCHEMA, reading(curation, "PER", "Prabowo Subianto"))

    assert isinstance(step, CurationStep)
    (gold,) = step.gold_spans
    assert (gold.annotator, gold.label, gold.text, gold.note) == (
        GOLD,
        "PER",
        "Prabowo Subianto",
        "former general",
    )
    assert gold.id == "ana-PER-26.gold"
    assert sorted((d[0], d[2]) for d in step.decisions) == [
        ("ana-PER-26", ACCEPTED),
        ("budi-PER-26", ACCEPTED),
        ("citra-ORG-26", REJECTED),
    ]
    assert step.done_text() == (
        "accepted PER “Prabowo Subianto” of ana, budi into gold; rejected 1 other reading"
    )


def test_a_relation_follows_once_when_both_its_ends_are_accepted(curation: Curation) -> None:
    first = accept_edit(curation, SCHEMA, reading(curation, "PER", "Prabowo Subianto"))
    assert isinstance(first, CurationStep)
    assert first.gold_relations == ()
    settle(curation, first)

    second = accept_edit(curation, SCHEMA, reading(curation, "GPE", "Jakarta"))

    assert isinstance(second, CurationStep)
    (relation,) = second.gold_relations
    assert (relation.label, relation.head, relation.tail, relation.annotator) == (
        "located_in",
        "ana-PER-26.gold",
        "ana-GPE-46.gold",
        GOLD,
    )


def test_rejecting_leaves_nothing_in_gold(curation: Curation) -> None:
    step = reject_edit(curation, reading(curation, "DATE", "Monday"))

    assert isinstance(step, CurationStep)
    assert step.gold_spans == ()
    assert step.decisions == (("citra-DATE-57", None, REJECTED),)


def test_a_decided_reading_is_refused_a_second_time(curation: Curation) -> None:
    version = reading(curation, "DATE", "Monday")
    step = reject_edit(curation, version)
    assert isinstance(step, CurationStep)
    settle(curation, step)

    assert reject_edit(curation, version) == Refusal("DATE “Monday” is already rejected")
    accepted = accept_edit(curation, SCHEMA, reading(curation, "GPE", "Jakarta"))
    assert isinstance(accepted, CurationStep)
    settle(curation, accepted)
    assert accept_edit(curation, SCHEMA, reading(curation, "GPE", "Jakarta")) == Refusal(
        "GPE “Jakarta” is already in gold"
    )
    assert reject_edit(curation, reading(curation, "GPE", "Jakarta")) == Refusal(
        "GPE “Jakarta” is in gold; Ctrl+Z takes the step back"
    )


def test_accepting_the_unanimous_readings_takes_one_step(curation: Curation) -> None:
    step = accept_unanimous_edit(curation, SCHEMA)

    assert isinstance(step, CurationStep)
    assert [s.text for s in step.gold_spans] == ["Joko Widodo"]
    settle(curation, step)
    assert accept_unanimous_edit(curation, SCHEMA) == Refusal(
        "No reading that every annotator made is waiting for gold"
    )


def test_marking_curated_waits_for_every_difference(curation: Curation) -> None:
    assert mark_curated_edit(curation, "todo") == Refusal(
        "3 differences are still open: accept (A) or reject (X) them first"
    )
    for label, text in (("PER", "Prabowo Subianto"), ("GPE", "Jakarta")):
        step = accept_edit(curation, SCHEMA, reading(curation, label, text))
        assert isinstance(step, CurationStep)
        settle(curation, step)
    step = reject_edit(curation, reading(curation, "DATE", "Monday"))
    assert isinstance(step, CurationStep)
    settle(curation, step)

    assert mark_curated_edit(curation, "todo") == SetAnnotatorStatus(DOC.id, GOLD, "todo", "done")
    assert mark_curated_edit(curation, "done") == Refusal("This document is already marked curated")


def test_gold_the_adjudicate_command_wrote_counts_as_accepted(curation: Curation) -> None:
    version = reading(curation, "GPE", "Jakarta")
    adjudicated = version.spans[0]
    gold = replace(adjudicated, id="adj-1", annotator=GOLD)
    curation.set_gold([gold], [], {})

    assert curation.state(version) == ACCEPTED
    assert curation.gold_of(version) == gold
