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


def test_new_spans_carry_the_layers_default_attributes() -> None:
    schema = default_schema()
    doc = Document(id="c", text="Baku fired first. Baku fired first.")
    occ = preview([(doc, [])], schema, "CLAIM", "Baku fired first")
    batch = build_batch(occ, {"c": doc}, schema, "CLAIM", "ann")
    spans = [e.span for e in batch.edits if isinstance(e, AddSpan)]
    assert [s.attrs for s in spans] == [schema.default_attrs("claim")] * 2
    assert spans[0].attrs == {"checkworthy": False}  # the news schema's only claim default
    assert [(s.layer, s.label, s.annotator, s.doc_id) for s in spans] == [
        ("claim", "CLAIM", "ann", "c")
    ] * 2


def test_occurrences_may_overlap_each_other_in_a_layer_that_allows_overlap() -> None:
    schema = default_schema()
    doc = Document(id="x", text="New York York")
    occ = preview([(doc, [])], schema, "GPE", "New York", FindOptions())
    occ += preview([(doc, [])], schema, "GPE", "York York", FindOptions())
    batch = build_batch(occ, {"x": doc}, schema, "GPE", "ann")
    assert added(batch.edits) == [(0, 8, "New York"), (4, 13, "York York")]


def test_an_existing_span_overlapping_in_an_overlap_layer_is_no_clash_but_the_same_span_is() -> (
    None
):
    schema = default_schema()
    doc = Document(id="x", text="New York city")
    existing = [
        make_span(doc, "entity", "ORG", 0, 8, "ann"),
        make_span(doc, "entity", "GPE", 4, 8, "ann"),
    ]
    occ = preview([(doc, existing)], schema, "GPE", "York")
    assert [o.clash for o in occ] == ["already annotated as GPE"]
    assert not occ[0].ok
    occ = preview([(doc, existing)], schema, "LOC", "York")
    assert [o.clash for o in occ] == [""] and occ[0].ok
    occ = preview([(doc, existing)], schema, "GPE", "New York")
    assert [o.clash for o in occ] == [""]


def test_a_clash_is_found_behind_spans_of_other_layers() -> None:
    schema = default_schema()
    doc = Document(id="x", text="Part one. Part two.")
    spans = [
        make_span(doc, "entity", "ORG", 0, 4, "ann"),
        make_span(doc, "claim", "CLAIM", 0, 9, "ann"),
        make_span(doc, "section", "LEAD", 0, 9, "ann"),
    ]
    occ = preview([(doc, spans)], schema, "BODY", "one")
    assert [o.clash for o in occ] == ["overlaps LEAD “Part one.” (0..9)"]
    batch = build_batch(occ, {"x": doc}, schema, "BODY", "ann")
    assert batch.edits == ()


def test_occurrences_say_their_document_and_context() -> None:
    schema = default_schema()
    docs = [Document(id="a", text="left Baku right"), Document(id="b", text="Baku")]
    occ = preview([(d, []) for d in docs], schema, "GPE", "baku", width=3)
    assert [(o.doc_id, o.start, o.end, o.left, o.match, o.right) for o in occ] == [
        ("a", 5, 9, "ft ", "Baku", " ri"),
        ("b", 0, 4, "", "Baku", ""),
    ]
    batch = build_batch(occ, {d.id: d for d in docs}, schema, "GPE", "ann")
    assert [e.span.doc_id for e in batch.edits if isinstance(e, AddSpan)] == ["a", "b"]


def test_the_batch_is_named_by_its_first_text_cut_to_thirty_characters() -> None:
    schema = default_schema()
    text = "Kementerian Pertahanan Republik Azerbaijan"
    doc = Document(id="x", text=text)
    batch = build_batch(preview([(doc, [])], schema, "ORG", text), {"x": doc}, schema, "ORG", "ann")
    assert batch.describe() == "annotate all “Kementerian Pertahanan Republi” as ORG (1)"


def test_a_clash_names_forty_characters_of_the_span_it_hits() -> None:
    schema = default_schema()
    text = "A" * 45 + " tail"
    doc = Document(id="x", text=text)
    lead = make_span(doc, "section", "LEAD", 0, 45, "ann")
    occ = preview([(doc, [lead])], schema, "BODY", "A tail")
    assert occ[0].clash == f"overlaps LEAD “{'A' * 40}” (0..45)"


def test_the_context_is_forty_characters_each_side_by_default() -> None:
    schema = default_schema()
    text = "x" * 50 + "Baku" + "y" * 50
    occ = preview([(Document(id="x", text=text), [])], schema, "GPE", "Baku")
    assert (occ[0].left, occ[0].right) == ("x" * 40, "y" * 40)


def test_skipped_occurrences_do_not_stop_the_batch() -> None:
    schema = default_schema()
    doc = Document(id="x", text="Part one. Part two. Part three.")
    lead = make_span(doc, "section", "LEAD", 0, 9, "ann")
    occ = preview([(doc, [lead])], schema, "BODY", "Part")
    assert [o.ok for o in occ] == [False, True, True]
    twice = occ + occ
    batch = build_batch(twice, {"x": doc}, schema, "BODY", "ann")
    assert added(batch.edits) == [(10, 14, "Part"), (20, 24, "Part")]


def test_the_same_occurrence_twice_is_added_once_even_where_overlap_is_allowed() -> None:
    schema = default_schema()
    doc = Document(id="x", text="Baku and Baku")
    occ = preview([(doc, [])], schema, "GPE", "Baku")
    batch = build_batch(occ + occ, {"x": doc}, schema, "GPE", "ann")
    assert added(batch.edits) == [(0, 4, "Baku"), (9, 13, "Baku")]


def test_occurrences_in_two_documents_at_the_same_offsets_are_both_added() -> None:
    schema = default_schema()
    docs = [Document(id="a", text="Part one."), Document(id="b", text="Part one.")]
    occ = preview([(d, []) for d in docs], schema, "BODY", "Part one.")
    batch = build_batch(occ, {d.id: d for d in docs}, schema, "BODY", "ann")
    assert [e.span.doc_id for e in batch.edits if isinstance(e, AddSpan)] == ["a", "b"]


def test_an_occurrence_repeated_in_the_batch_does_not_stop_the_ones_after_it() -> None:
    schema = default_schema()
    doc = Document(id="x", text="Baku and Baku")
    first, second = preview([(doc, [])], schema, "GPE", "Baku")
    batch = build_batch([first, first, second], {"x": doc}, schema, "GPE", "ann")
    assert added(batch.edits) == [(0, 4, "Baku"), (9, 13, "Baku")]
