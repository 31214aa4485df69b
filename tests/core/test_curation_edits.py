"""Curation steps apply, undo and come back from the edit log, without a database."""

from __future__ import annotations

from typing import Any

from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.edit_log import edit_from_log
from annotator.core.model import Relation, Span
from annotator.core.team import GOLD

GOLD_A = Span("a.gold", "d", "entity", "PER", 0, 3, "Ana", GOLD)
GOLD_B = Span("b.gold", "d", "entity", "GPE", 7, 12, "Paris", GOLD)
RELATION = Relation("r1", "d", "located_in", "a.gold", "b.gold", GOLD)
STEP = CurationStep(
    "d",
    (GOLD_A, GOLD_B),
    (RELATION,),
    (("a", None, "accepted"), ("c", "rejected", "accepted")),
    "accept PER “Ana” (ana)",
    "accepted PER “Ana” of ana into gold",
)


class Target:
    """Records writes in order, like the store would make them."""

    def __init__(self) -> None:
        self.writes: list[tuple[Any, ...]] = []

    def insert_span(self, span: Span) -> None:
        self.writes.append(("insert_span", span.id))

    def delete_span(self, span_id: str) -> None:
        self.writes.append(("delete_span", span_id))

    def insert_relation(self, relation: Relation) -> None:
        self.writes.append(("insert_relation", relation.id))

    def delete_relation(self, relation_id: str) -> None:
        self.writes.append(("delete_relation", relation_id))

    def set_curation_decision(self, doc_id: str, span_id: str, decision: str | None) -> None:
        self.writes.append(("decision", doc_id, span_id, decision))

    def set_annotator_status(self, doc_id: str, annotator: str, status: str) -> None:
        self.writes.append(("status", doc_id, annotator, status))


def test_a_step_writes_spans_before_relations_and_its_undo_the_reverse() -> None:
    target = Target()
    STEP.apply(target)  # type: ignore[arg-type]
    STEP.inverse().apply(target)  # type: ignore[arg-type]

    assert target.writes == [
        ("insert_span", "a.gold"),
        ("insert_span", "b.gold"),
        ("insert_relation", "r1"),
        ("decision", "d", "a", "accepted"),
        ("decision", "d", "c", "accepted"),
        ("decision", "d", "a", None),
        ("decision", "d", "c", "rejected"),
        ("delete_relation", "r1"),
        ("delete_span", "a.gold"),
        ("delete_span", "b.gold"),
    ]


def test_undo_and_redo_name_the_step() -> None:
    undo = STEP.inverse()

    assert undo.describe() == "undo accept PER “Ana” (ana)"
    assert undo.done_text() == "took back: accepted PER “Ana” of ana into gold"
    assert undo.inverse() == STEP
    assert STEP.changes().span_ids == {"a.gold", "b.gold"}
    assert STEP.changes().relation_ids == {"r1"}


def test_steps_and_status_changes_come_back_from_the_edit_log() -> None:
    status = SetAnnotatorStatus("d", GOLD, "todo", "done")

    assert edit_from_log(STEP.kind, STEP.payload()) == STEP
    assert edit_from_log(STEP.inverse().kind, STEP.inverse().payload()) == STEP.inverse()
    assert edit_from_log(status.kind, status.payload()) == status
    assert status.done_text() == "document marked curated"
    assert status.inverse().done_text() == "the gold status set to todo"
