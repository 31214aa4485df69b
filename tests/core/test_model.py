"""Spans overlap when they share a code point: touching spans do not, nested and identical do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, Span, make_span, new_id

DOC = Document(id="d", text="Baku 😀 accused Yerevan")


def _span(start: int, end: int) -> Span:
    return make_span(DOC, "section", "BODY", start, end, "a")


@pytest.mark.parametrize(
    ("first", "second", "overlapping"),
    [
        ((0, 4), (4, 6), False),  # touching: one ends where the other begins
        ((4, 6), (0, 4), False),
        ((0, 4), (0, 4), True),  # identical
        ((0, 10), (2, 4), True),  # nested
        ((2, 4), (0, 10), True),
        ((0, 5), (4, 6), True),  # sharing one code point (the emoji)
        ((0, 1), (22, 23), False),  # first and last character
    ],
)
def test_spans_overlap_only_when_they_share_a_character(
    first: tuple[int, int], second: tuple[int, int], overlapping: bool
) -> None:
    assert _span(*first).overlaps(*second) is overlapping


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 30).flatmap(lambda s: st.tuples(st.just(s), st.integers(s + 1, 31))),
    st.integers(0, 30).flatmap(lambda s: st.tuples(st.just(s), st.integers(s + 1, 31))),
)
def test_overlap_is_symmetric_and_means_a_shared_code_point(
    first: tuple[int, int], second: tuple[int, int]
) -> None:
    a = Span("a", "d", "section", "BODY", *first, text="")
    b = Span("b", "d", "section", "BODY", *second, text="")
    shared = set(range(*first)) & set(range(*second))
    assert a.overlaps(*second) is bool(shared)
    assert a.overlaps(*second) is b.overlaps(*first)


def test_a_made_span_takes_its_text_and_fields_from_the_document() -> None:
    span = make_span(
        DOC, "entity", "GPE", 5, 6, "ann", span_id="s1", attrs={"negated": True}, note="n"
    )
    assert (span.id, span.doc_id, span.layer, span.label) == ("s1", "d", "entity", "GPE")
    assert (span.start, span.end, span.text, span.annotator) == (5, 6, "😀", "ann")
    assert (span.attrs, span.note, span.origin) == ({"negated": True}, "n", "")
    assert span.created_at.endswith("+00:00") and "T" in span.created_at


def test_a_made_span_gets_a_fresh_id_and_its_own_attribute_dict() -> None:
    attrs = {"negated": True}
    first = make_span(DOC, "entity", "GPE", 0, 4, "ann", attrs=attrs)
    second = make_span(DOC, "entity", "GPE", 0, 4, "ann")
    assert first.id.startswith("s-") and len(first.id) == 18
    assert first.id != second.id
    attrs["negated"] = False
    assert first.attrs == {"negated": True} and second.attrs == {}
    assert (second.note, second.origin) == ("", "")


def test_new_ids_name_their_kind() -> None:
    assert new_id("r").startswith("r-") and new_id("r") != new_id("r")


def test_relabelling_keeps_everything_but_the_label() -> None:
    span = _span(0, 4)
    relabelled = span.with_label("LEAD")
    assert relabelled.label == "LEAD" and span.label == "BODY"
    assert (relabelled.id, relabelled.start, relabelled.end) == (span.id, 0, 4)
