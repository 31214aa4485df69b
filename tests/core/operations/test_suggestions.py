"""Accepting and rejecting suggestions as edits, built from plain data without a database."""

from __future__ import annotations

from dataclasses import replace

from annotator.assets import default_schema
from annotator.core.edits import Batch, Changes
from annotator.core.model import Document, Relation, Span, make_span
from annotator.core.operations.suggestions import accept_edit, reject_edit
from annotator.core.schema import Schema
from annotator.core.suggestion_edits import AcceptSuggestion, RejectSuggestion, Suggestion

DOC = Document(id="d", text="😀😀 Jakarta and Bandung flooded. Part two.")


def suggestion(sid: str, label: str, needle: str, status: str = "pending") -> Suggestion:
    start = DOC.text.index(needle)
    layer = default_schema().label(label).layer
    end = start + len(needle)
    return Suggestion(sid, "d", layer, label, start, end, needle, "rules", status=status)


class SpansInMemory:
    """The reads accepting makes: the schema and the spans of a document."""

    def __init__(self, spans: list[Span]) -> None:
        self._spans = spans

    def schema(self) -> Schema:
        return default_schema()

    def span(self, span_id: str) -> Span | None:
        return next((s for s in self._spans if s.id == span_id), None)

    def spans(self, doc_id: str) -> list[Span]:
        return [s for s in self._spans if s.doc_id == doc_id]

    def relations_of_span(self, span_id: str) -> list[Relation]:
        return []


def test_accepting_one_makes_a_span_with_the_suggestions_source_as_origin() -> None:
    jakarta = suggestion("g1", "GPE", "Jakarta")
    decision = accept_edit(SpansInMemory([]), [jakarta], "ann")
    edit = decision.edit
    assert isinstance(edit, AcceptSuggestion) and edit.span is not None
    assert (edit.span.start, edit.span.end, edit.span.text) == (3, 10, "Jakarta")
    assert (edit.span.origin, edit.span.annotator) == ("rules", "ann")
    assert decision.count == 1 and decision.skipped == []
    assert edit.changes() == Changes(
        frozenset({"d"}), frozenset({edit.span.id}), suggestion_ids=frozenset({"g1"})
    )
    assert edit.describe() == "accept GPE “Jakarta”"
    assert edit.done_text() == "accept GPE “Jakarta”"


def test_accepting_several_is_one_batch_reporting_every_suggestion() -> None:
    items = [suggestion("g1", "GPE", "Jakarta"), suggestion("g2", "GPE", "Bandung")]
    edit = accept_edit(SpansInMemory([]), items, "ann").edit
    assert isinstance(edit, Batch)
    assert edit.describe() == "accept 2 suggestions"
    assert edit.changes().suggestion_ids == {"g1", "g2"}
    assert edit.inverse().changes().suggestion_ids == {"g1", "g2"}


def test_a_suggestion_identical_to_a_span_is_accepted_without_a_second_span() -> None:
    start = DOC.text.index("Jakarta")
    span = make_span(DOC, "entity", "GPE", start, start + 7, "ann")
    edit = accept_edit(SpansInMemory([span]), [suggestion("g1", "GPE", "Jakarta")], "ann").edit
    assert edit == AcceptSuggestion(suggestion("g1", "GPE", "Jakarta"), None)


def test_a_suggestion_touching_a_span_of_its_layer_is_accepted() -> None:
    start = DOC.text.index("Part two.")
    body = make_span(DOC, "section", "BODY", 0, start, "ann")
    decision = accept_edit(SpansInMemory([body]), [suggestion("b", "BODY", "Part two.")], "ann")
    assert decision.skipped == [] and decision.count == 1


def test_an_overlapping_suggestion_stays_pending_with_the_reason() -> None:
    body = make_span(DOC, "section", "BODY", 0, DOC.text.index(" two"), "ann")
    part = suggestion("b", "BODY", "Part two.")
    decision = accept_edit(SpansInMemory([body]), [part], "ann")
    assert decision.edit is None and decision.count == 0
    assert decision.skipped == [(part, f"overlaps BODY 0..{body.end}")]


def test_two_suggestions_that_overlap_each_other_are_not_both_accepted() -> None:
    whole = suggestion("b1", "BODY", "Jakarta and Bandung flooded.")
    inner = suggestion("b2", "BODY", "Bandung flooded. Part")
    decision = accept_edit(SpansInMemory([]), [whole, inner], "ann")
    assert decision.count == 1
    assert [s.id for s, _ in decision.skipped] == ["b2"]


def test_decided_suggestions_are_left_out() -> None:
    done = suggestion("g1", "GPE", "Jakarta", status="accepted")
    assert accept_edit(SpansInMemory([]), [done], "ann").edit is None
    assert reject_edit([done]).edit is None
    assert reject_edit([]).count == 0


def test_rejecting_marks_the_suggestion_and_reports_it() -> None:
    jakarta = suggestion("g1", "GPE", "Jakarta")
    edit = reject_edit([jakarta]).edit
    assert edit == RejectSuggestion(jakarta)
    assert edit.changes() == Changes(frozenset({"d"}), suggestion_ids=frozenset({"g1"}))
    assert edit.inverse().changes() == edit.changes()
    assert edit.describe() == "reject GPE “Jakarta”"
    both = reject_edit([jakarta, suggestion("g2", "GPE", "Bandung")]).edit
    assert both is not None and both.describe() == "reject 2 suggestions"


def test_a_decided_suggestion_before_a_pending_one_does_not_stop_the_accepting() -> None:
    done = suggestion("g1", "GPE", "Jakarta", status="rejected")
    bandung = suggestion("g2", "GPE", "Bandung")
    decision = accept_edit(SpansInMemory([]), [done, bandung], "ann")
    assert decision.count == 1
    assert isinstance(decision.edit, AcceptSuggestion) and decision.edit.suggestion == bandung
    rejected = reject_edit([done, bandung])
    assert rejected.count == 1 and rejected.edit == RejectSuggestion(bandung)


def test_a_span_sharing_only_the_start_or_the_label_is_no_reason_to_skip_the_span() -> None:
    start = DOC.text.index("Jakarta")
    longer = make_span(DOC, "entity", "GPE", start, start + 11, "ann")
    other_label = make_span(DOC, "entity", "LOC", start, start + 7, "ann")
    decision = accept_edit(
        SpansInMemory([longer, other_label]), [suggestion("g1", "GPE", "Jakarta")], "ann"
    )
    edit = decision.edit
    assert isinstance(edit, AcceptSuggestion) and edit.span is not None
    assert (edit.span.start, edit.span.end) == (start, start + 7)
    assert edit.span.attrs == {}  # the news schema gives entities no default attribute


def test_a_clash_does_not_stop_the_suggestions_after_it() -> None:
    body = make_span(DOC, "section", "BODY", 0, DOC.text.index(" two"), "ann")
    part = suggestion("b", "BODY", "Part two.")
    jakarta = suggestion("g1", "GPE", "Jakarta")
    decision = accept_edit(SpansInMemory([body]), [part, jakarta], "ann")
    assert decision.count == 1 and [s.id for s, _ in decision.skipped] == ["b"]
    assert isinstance(decision.edit, AcceptSuggestion) and decision.edit.suggestion == jakarta


def test_spans_of_another_document_or_layer_never_clash() -> None:
    other = Document(id="o", text=DOC.text)
    elsewhere = make_span(other, "section", "BODY", 0, len(DOC.text), "ann")
    claim = make_span(DOC, "claim", "CLAIM", 0, len(DOC.text), "ann")
    decision = accept_edit(
        SpansInMemory([elsewhere, claim]), [suggestion("b", "BODY", "Part two.")], "ann"
    )
    assert decision.count == 1 and decision.skipped == []


def test_a_rejection_reports_how_many_and_skips_none() -> None:
    decision = reject_edit([suggestion("g1", "GPE", "Jakarta"), suggestion("g2", "GPE", "Bandung")])
    assert decision.count == 2 and decision.skipped == []
    accepted = accept_edit(SpansInMemory([]), [suggestion("g1", "GPE", "Jakarta")], "ann")
    assert accepted.skipped == [] and accepted.count == 1


def test_a_suggestion_already_annotated_does_not_stop_the_ones_after_it() -> None:
    start = DOC.text.index("Jakarta")
    span = make_span(DOC, "entity", "GPE", start, start + 7, "ann")
    items = [suggestion("g1", "GPE", "Jakarta"), suggestion("g2", "GPE", "Bandung")]
    decision = accept_edit(SpansInMemory([span]), items, "ann")
    assert decision.count == 2
    assert isinstance(decision.edit, Batch)
    assert [e.span is None for e in decision.edit.edits if isinstance(e, AcceptSuggestion)] == [
        True,
        False,
    ]


def test_each_documents_spans_decide_its_own_suggestions() -> None:
    other = Document(id="o", text=DOC.text)
    body = make_span(other, "section", "BODY", 0, len(DOC.text), "ann")
    here = suggestion("b", "BODY", "Part two.")
    there = Suggestion("c", "o", "section", "BODY", 0, 4, DOC.text[:4], "rules")
    decision = accept_edit(SpansInMemory([body]), [here, there], "ann")
    assert decision.count == 1 and [s.id for s, _ in decision.skipped] == ["c"]


def test_another_annotators_span_neither_clashes_nor_counts_as_accepted() -> None:
    start = DOC.text.index("Jakarta")
    theirs = make_span(DOC, "entity", "GPE", start, start + 7, "budi")
    body = make_span(DOC, "section", "BODY", 0, 20, "budi")
    items = [suggestion("g1", "GPE", "Jakarta"), suggestion("b", "LEAD", "Jakarta and")]
    decision = accept_edit(SpansInMemory([theirs, body]), items, "ana")
    assert decision.skipped == [] and decision.count == 2
    assert isinstance(decision.edit, Batch)
    spans = [e.span for e in decision.edit.edits if isinstance(e, AcceptSuggestion)]
    assert [(s.label, s.annotator) for s in spans if s] == [("GPE", "ana"), ("LEAD", "ana")]
    mine = accept_edit(SpansInMemory([replace(theirs, annotator="ana")]), items[:1], "ana")
    assert isinstance(mine.edit, AcceptSuggestion) and mine.edit.span is None
