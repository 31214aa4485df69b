"""Accepting and rejecting suggestions as undoable edits, without a database."""

from __future__ import annotations

from typing import Any

from annotator.core.edits import Batch, Changes, RemoveSpan
from annotator.core.model import Relation, Span
from annotator.core.suggestion_edits import (
    SUGGESTION_STATUSES,
    AcceptSuggestion,
    RejectSuggestion,
    SetSuggestionStatus,
    Suggestion,
)

SUGGESTION = Suggestion("g1", "d", "entity", "GPE", 0, 4, "Baku", "gazetteer:cities.csv", 0.9)


class SuggestionTarget:
    def __init__(self) -> None:
        self.spans: dict[str, Span] = {}
        self.statuses: dict[str, str] = {"g1": "pending"}

    def insert_span(self, span: Span) -> None:
        assert span.id not in self.spans
        self.spans[span.id] = span

    def delete_span(self, span_id: str) -> None:
        del self.spans[span_id]

    def set_suggestion_status(self, suggestion_id: str, status: str) -> None:
        assert status in SUGGESTION_STATUSES
        self.statuses[suggestion_id] = status

    def update_span(self, span: Span) -> None:
        raise AssertionError("not used")

    def insert_relation(self, relation: Relation) -> None:
        raise AssertionError("not used")

    def delete_relation(self, relation_id: str) -> None:
        raise AssertionError("not used")

    def update_document(self, doc_id: str, fields: dict[str, Any]) -> None:
        raise AssertionError("not used")


def test_the_span_of_an_accepted_suggestion_keeps_its_source_as_origin() -> None:
    span = SUGGESTION.as_span("ann", {"negated": False})
    assert (span.doc_id, span.layer, span.label, span.start, span.end, span.text) == (
        "d",
        "entity",
        "GPE",
        0,
        4,
        "Baku",
    )
    assert (span.annotator, span.origin, span.attrs, span.note) == (
        "ann",
        "gazetteer:cities.csv",
        {"negated": False},
        "",
    )
    assert span.id.startswith("s-") and span.created_at.endswith("+00:00")
    assert SUGGESTION.as_span("ann").attrs == {}
    assert SUGGESTION.as_span("ann").id != span.id


def test_accepting_adds_the_span_and_undo_takes_it_away_again() -> None:
    target = SuggestionTarget()
    span = SUGGESTION.as_span("ann")
    accept = AcceptSuggestion(SUGGESTION, span)
    accept.apply(target)
    assert target.spans == {span.id: span} and target.statuses["g1"] == "accepted"
    undo = accept.inverse()
    assert undo == Batch(
        (SetSuggestionStatus("g1", "d", "accepted", "pending"), RemoveSpan(span)),
        "undo accept GPE “Baku”",
    )
    undo.apply(target)
    assert target.spans == {} and target.statuses["g1"] == "pending"
    assert accept.changes() == Changes(
        frozenset({"d"}), frozenset({span.id}), suggestion_ids=frozenset({"g1"})
    )


def test_accepting_where_the_span_exists_only_marks_the_suggestion() -> None:
    target = SuggestionTarget()
    accept = AcceptSuggestion(SUGGESTION, None)
    accept.apply(target)
    assert target.spans == {} and target.statuses["g1"] == "accepted"
    assert accept.inverse() == SetSuggestionStatus("g1", "d", "accepted", "pending")
    accept.inverse().apply(target)
    assert target.statuses["g1"] == "pending"
    assert accept.changes() == Changes(frozenset({"d"}), suggestion_ids=frozenset({"g1"}))
    assert accept.payload() == {"suggestion": SUGGESTION_PAYLOAD, "span": None}


SUGGESTION_PAYLOAD = {
    "id": "g1",
    "doc_id": "d",
    "layer": "entity",
    "label": "GPE",
    "start": 0,
    "end": 4,
    "text": "Baku",
    "source": "gazetteer:cities.csv",
    "score": 0.9,
    "status": "pending",
    "created_at": "",
}


def test_rejecting_marks_it_and_undo_restores_its_status() -> None:
    target = SuggestionTarget()
    reject = RejectSuggestion(SUGGESTION)
    reject.apply(target)
    assert target.statuses["g1"] == "rejected"
    assert reject.inverse() == SetSuggestionStatus("g1", "d", "rejected", "pending")
    reject.inverse().apply(target)
    assert target.statuses["g1"] == "pending"
    assert reject.changes() == Changes(frozenset({"d"}), suggestion_ids=frozenset({"g1"}))
    assert reject.payload() == {"suggestion": SUGGESTION_PAYLOAD}
    assert reject.kind == "reject_suggestion"


def test_a_status_change_inverts_to_the_opposite_change() -> None:
    target = SuggestionTarget()
    status = SetSuggestionStatus("g1", "d", "pending", "rejected")
    status.apply(target)
    assert target.statuses["g1"] == "rejected"
    assert status.inverse() == SetSuggestionStatus("g1", "d", "rejected", "pending")
    assert status.inverse().inverse() == status
    assert status.changes() == Changes(frozenset({"d"}), suggestion_ids=frozenset({"g1"}))
    assert status.payload() == {
        "suggestion_id": "g1",
        "doc_id": "d",
        "before": "pending",
        "after": "rejected",
    }
    assert status.kind == "suggestion_status"


def test_each_suggestion_edit_names_itself() -> None:
    long = Suggestion(
        "g2", "d", "claim", "CLAIM", 0, 40, "Baku said\nthat Yerevan fired first and again", "model"
    )
    assert AcceptSuggestion(SUGGESTION, None).describe() == "accept GPE “Baku”"
    assert (
        AcceptSuggestion(long, None).describe() == "accept CLAIM “Baku said that Yerevan fired …”"
    )
    assert RejectSuggestion(SUGGESTION).describe() == "reject GPE “Baku”"
    assert SetSuggestionStatus("g1", "d", "pending", "accepted").describe() == (
        "suggestion pending → accepted"
    )
    assert AcceptSuggestion(SUGGESTION, None).kind == "accept_suggestion"


def test_an_accepted_span_is_logged_with_every_field() -> None:
    span = Span(
        "s1", "d", "entity", "GPE", 0, 4, "Baku", "ann", "t", {}, "", "gazetteer:cities.csv"
    )
    assert AcceptSuggestion(SUGGESTION, span).payload()["span"] == {
        "id": "s1",
        "doc_id": "d",
        "layer": "entity",
        "label": "GPE",
        "start": 0,
        "end": 4,
        "text": "Baku",
        "annotator": "ann",
        "created_at": "t",
        "attrs": {},
        "note": "",
        "origin": "gazetteer:cities.csv",
    }
