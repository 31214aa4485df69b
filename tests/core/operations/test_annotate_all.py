"""Annotate all from plain documents and spans: occurrences, clashes and the one Batch."""

from __future__ import annotations

from annotator.assets import default_schema
from annotator.core.edits import AddSpan
from annotator.core.find import FindOptions
from annotator.core.model import Document, make_span
from annotator.core.operations.annotate_all import build_batch, preview

DOC = Document(id="d", text="Jakarta 😀😀 Jakarta, Jakartans and Jakarta")


def added(batch_edits: tuple[object, ...]) -> list[tuple[int, int, str]]:
    return [(e.span.start, e.span.end, e.span.text) for e in batch_edits if isinstance(e, AddSpan)]


def test_batch_never_overlaps_itself_in_a_non_overlap_layer() -> None:
    schema = default_schema()
    doc = Document(id="x", text="aaaa")
    occ = preview([(doc, [])], schema, "BODY", "a+|aa", FindOptions(regex=True))
    occ = occ + preview([(doc, [])], schema, "BODY", "aa", FindOptions())
    batch = build_batch(occ, {"x": doc}, schema, "BODY", "ann")
    assert [(e.span.start, e.span.end) for e in batch.edits if isinstance(e, AddSpan)] == [(0, 4)]
    existing = [make_span(doc, "entity", "GPE", 0, 4, "ann")]
    assert preview([(doc, existing)], schema, "GPE", "aaaa")[0].clash


def test_occurrences_at_offset_zero_after_emoji_and_at_the_last_character() -> None:
    schema = default_schema()
    occ = preview([(DOC, [])], schema, "GPE", "Jakarta", FindOptions(case=True, whole_word=True))
    end = len(DOC.text)
    assert [(o.start, o.end) for o in occ] == [(0, 7), (11, 18), (end - 7, end)]
    assert [o.match for o in occ] == ["Jakarta"] * 3
    assert (occ[0].left, occ[-1].right) == ("", "")
    batch = build_batch(occ, {"d": DOC}, schema, "GPE", "ann")
    assert added(batch.edits) == [(0, 7, "Jakarta"), (11, 18, "Jakarta"), (end - 7, end, "Jakarta")]
    assert batch.describe() == "annotate all “Jakarta” as GPE (3)"


def test_a_span_touching_an_occurrence_is_no_clash_in_a_non_overlap_layer() -> None:
    schema = default_schema()
    doc = Document(id="t", text="Part one. Part two.")
    first = make_span(doc, "section", "BODY", 0, 9, "ann")
    occ = preview([(doc, [first])], schema, "BODY", "Part two.")
    assert [(o.start, o.end, o.ok) for o in occ] == [(10, 19, True)]
    occ = preview([(doc, [first])], schema, "BODY", "one. Part")
    assert occ[0].clash.startswith("overlaps BODY “Part one.” (0..9)")


def test_an_empty_query_finds_nothing_and_an_empty_batch_adds_nothing() -> None:
    schema = default_schema()
    assert preview([(DOC, [])], schema, "GPE", "") == []
    batch = build_batch([], {}, schema, "GPE", "ann")
    assert batch.edits == () and batch.describe() == "annotate all “” as GPE (0)"
