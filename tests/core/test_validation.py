from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.assets import default_schema
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, make_span
from annotator.core.validation import (
    _WORD_PUNCT,
    check_offsets,
    check_relation,
    check_span,
    trim_selection,
)

TEXT = "Jakarta, IDN Times - Kementerian Pertahanan Azerbaijan said 😀 Baku fired first."
DOC = Document(id="d", text=TEXT)


def span(layer: str, label: str, needle: str, span_id: str | None = None):
    start = TEXT.find(needle)
    return make_span(DOC, layer, label, start, start + len(needle), "tester", span_id=span_id)


def test_valid_entity_span_passes() -> None:
    check_span(DOC, span("entity", "GPE", "Azerbaijan"), default_schema())


def test_span_text_must_match_document() -> None:
    bad = span("entity", "GPE", "Azerbaijan")
    object.__setattr__(bad, "text", "Armenia")
    with pytest.raises(ValidationError, match="document says 'Azerbaijan'"):
        check_span(DOC, bad, default_schema())


def test_span_off_the_text_is_refused() -> None:
    bad = make_span(DOC, "entity", "GPE", 70, 500, "t")
    with pytest.raises(ValidationError, match="off the text"):
        check_span(DOC, bad, default_schema())


def test_unknown_label_lists_known_ones() -> None:
    bad = span("entity", "PERSON", "Baku")
    with pytest.raises(ValidationError, match="known labels: PER, ORG"):
        check_span(DOC, bad, default_schema())


def test_label_of_other_layer_is_refused() -> None:
    with pytest.raises(ValidationError, match="belongs to layer 'entity'"):
        check_span(DOC, span("claim", "GPE", "Baku"), default_schema())


def test_sections_may_not_overlap_but_entities_may() -> None:
    schema = default_schema()
    lead = span("section", "LEAD", "Kementerian Pertahanan Azerbaijan said")
    body = span("section", "BODY", "Azerbaijan said 😀 Baku")
    with pytest.raises(ValidationError, match="may not overlap"):
        check_span(DOC, body, schema, [lead])
    org = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan")
    gpe = span("entity", "GPE", "Azerbaijan")
    check_span(DOC, gpe, schema, [org])


def test_relation_ends_follow_schema() -> None:
    schema = default_schema()
    claim = span("claim", "CLAIM", "Baku fired first", "c")
    org = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan", "o")
    spans = {"c": claim, "o": org}
    check_relation(Relation("r", "d", "claimant", "c", "o"), spans, schema)
    with pytest.raises(ValidationError, match="may not start at a ORG span"):
        check_relation(Relation("r", "d", "claimant", "o", "c"), spans, schema)
    with pytest.raises(ValidationError, match="missing span"):
        check_relation(Relation("r", "d", "claimant", "c", "zzz"), spans, schema)


@pytest.mark.parametrize(
    ("selected", "snap", "expected"),
    [
        (" Baku ", True, "Baku"),
        ("aku fir", True, "Baku fired"),
        ("aku fir", False, "aku fir"),
        (" ", True, ""),
        ("Kementerian Pert", True, "Kementerian Pertahanan"),
        ("- Kementerian Pert", True, "Kementerian Pertahanan"),
        ("Times - ", True, "Times"),
        ("- Kementerian Pert", False, "- Kementerian Pert"),
        ("-", True, "-"),
    ],
)
def test_trim_selection(selected: str, snap: bool, expected: str) -> None:
    start = TEXT.find(selected)
    assert start >= 0
    s, e = trim_selection(TEXT, start, start + len(selected), snap)
    assert TEXT[s:e] == expected


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (3, 3, r"span 3\.\.3 is empty or reversed"),
        (5, 3, r"span 5\.\.3 is empty or reversed"),
        (0, 0, r"span 0\.\.0 is empty or reversed"),
        (-1, 2, r"span -1\.\.2 is off the text \(the document has 10 characters\)"),
        (0, 11, r"span 0\.\.11 is off the text \(the document has 10 characters\)"),
        (0, 2.0, r"span offsets must be integers, got 0\.\.2\.0"),
        (1.0, 2, r"span offsets must be integers, got 1\.0\.\.2"),
        ("0", "2", r"span offsets must be integers, got '0'\.\.'2'"),
    ],
)
def test_bad_offsets_are_refused_with_what_is_wrong(start: Any, end: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=f"^{message}$"):
        check_offsets("Baku 😀 sai", start, end)


@pytest.mark.parametrize(("start", "end"), [(0, 1), (9, 10), (0, 10), (5, 6)])
def test_offsets_at_the_first_and_last_character_and_on_an_emoji_pass(start: int, end: int) -> None:
    text = "Baku 😀 sai"
    check_offsets(text, start, end, text[start:end])


def test_span_text_mismatch_names_both_texts() -> None:
    with pytest.raises(
        ValidationError, match=r"^span 0\.\.4 has text 'Bak' but the document says 'Baku'$"
    ):
        check_offsets("Baku 😀 sai", 0, 4, "Bak")


def test_a_span_whose_own_id_is_among_the_others_does_not_clash_with_itself() -> None:
    lead = span("section", "LEAD", "Kementerian Pertahanan", "lead")
    moved = make_span(DOC, "section", "LEAD", lead.start, lead.end + 5, "t", span_id="lead")
    check_span(DOC, moved, default_schema(), [lead])


def test_spans_of_another_layer_never_clash_with_a_section() -> None:
    entity = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan")
    check_span(DOC, span("section", "LEAD", "Pertahanan Azerbaijan"), default_schema(), [entity])


def test_section_overlap_message_names_both_spans() -> None:
    lead = span("section", "LEAD", "Kementerian Pertahanan Azerbaijan said")
    body = span("section", "BODY", "Azerbaijan said 😀 Baku")
    with pytest.raises(
        ValidationError,
        match=(
            rf"^section spans may not overlap: {body.start}\.\.{body.end} overlaps "
            rf"LEAD {lead.start}\.\.{lead.end} \('Kementerian Pertahanan Azerbaijan said'\)$"
        ),
    ):
        check_span(DOC, body, default_schema(), [lead])


@pytest.mark.parametrize(
    ("other", "clashes"),
    [
        ((0, 7), False),  # ends where the new section begins
        ((27, 30), False),  # begins where the new section ends
        ((7, 27), True),  # identical
        ((10, 12), True),  # nested inside
        ((0, 30), True),  # around it
        ((0, 8), True),  # one code point shared
    ],
)
def test_sections_that_touch_pass_and_sections_that_share_a_character_clash(
    other: tuple[int, int], clashes: bool
) -> None:
    schema = default_schema()
    existing = make_span(DOC, "section", "LEAD", *other, "t")
    new = make_span(DOC, "section", "BODY", 7, 27, "t")
    if clashes:
        with pytest.raises(ValidationError, match="section spans may not overlap"):
            check_span(DOC, new, schema, [existing])
    else:
        check_span(DOC, new, schema, [existing])


def test_attribute_values_are_checked_against_the_schema() -> None:
    schema = default_schema()
    claim = span("claim", "CLAIM", "Baku fired first")
    check_span(DOC, replace(claim, attrs={"checkworthy": True}), schema)
    with pytest.raises(ValidationError, match="verifiability"):
        check_span(DOC, replace(claim, attrs={"verifiability": "maybe"}), schema)
    with pytest.raises(ValidationError, match="nonsense"):
        check_span(DOC, replace(claim, attrs={"nonsense": 1}), schema)


def test_relation_errors_name_the_end_and_the_allowed_labels() -> None:
    schema = default_schema()
    claim = span("claim", "CLAIM", "Baku fired first", "c")
    org = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan", "o")
    spans = {"c": claim, "o": org}
    with pytest.raises(
        ValidationError, match=r"^relation 'claimant' head names a missing span 'zzz'$"
    ):
        check_relation(Relation("r", "d", "claimant", "zzz", "o"), spans, schema)
    with pytest.raises(
        ValidationError, match=r"^relation 'claimant' tail names a missing span 'zzz'$"
    ):
        check_relation(Relation("r", "d", "claimant", "c", "zzz"), spans, schema)
    with pytest.raises(ValidationError, match=r"^a relation joins two different spans$"):
        check_relation(Relation("r", "d", "claimant", "c", "c"), spans, schema)
    with pytest.raises(
        ValidationError,
        match=r"^relation 'claimant' may not start at a ORG span; allowed heads: CLAIM, QUOTE$",
    ):
        check_relation(Relation("r", "d", "claimant", "o", "c"), spans, schema)
    with pytest.raises(
        ValidationError,
        match=r"^relation 'claimant' may not end at a CLAIM span; allowed tails: PER, ORG, GPE$",
    ):
        check_relation(
            Relation("r", "d", "claimant", "c", "c2"),
            {**spans, "c2": replace(claim, id="c2")},
            schema,
        )
    with pytest.raises(ValidationError, match="quoted_by"):
        check_relation(Relation("r", "d", "quoted_by", "c", "o"), spans, schema)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Baku fired", 0, 2, (0, 4)),  # selection starting at offset 0 grows to the word
        ("Baku fired", 8, 10, (5, 10)),  # ending at the last character
        ("Baku fired", 4, 5, (5, 5)),  # only a space: nothing
        ("Baku fired", 3, 3, (3, 3)),  # empty selection stays empty
        ("Baku fired", 10, 0, (0, 10)),  # dragged backwards
        ("Baku fired", -5, 50, (0, 10)),  # clamped to the text
        ("😀😀 fired", 0, 1, (0, 1)),  # one of two emoji: emoji are not letters
        ("😀😀 fired", 0, 2, (0, 2)),
        ("Baku fired", 12, 15, (10, 10)),  # past the end: empty, inside the text
        ("Baku fired", -4, -1, (0, 0)),
        ("x e\u0301 y", 2, 3, (2, 4)),  # a combining accent stays with its letter
        ("Hasan-Bey’s car", 3, 8, (0, 11)),  # hyphen and apostrophe join a word
        ("a\tb", 0, 3, (0, 3)),
        ("one, two", 0, 4, (0, 4)),  # a comma is not part of a word
    ],
)
def test_trim_selection_boundaries(
    text: str, start: int, end: int, expected: tuple[int, int]
) -> None:
    assert trim_selection(text, start, end) == expected


def test_trim_selection_snaps_to_words_unless_told_not_to() -> None:
    assert trim_selection("Baku fired", 1, 3) == (0, 4)
    assert trim_selection("Baku fired", 1, 3, snap_to_words=False) == (1, 3)
    assert trim_selection("Baku fired", 1, 3, False) == (1, 3)


_SELECTION_TEXT = st.lists(
    st.sampled_from(
        ["a", "Z", "7", " ", "\n", "\t", ",", "-", "’", "😀", "e\u0301", "\u200d", "東"]
    ),
    max_size=20,
).map("".join)


_WORD_CHARS = set("aZ7-’e\u0301東")
"""The characters of ``_SELECTION_TEXT`` that belong to words (not spaces, commas, emoji or ZWJ)."""


@settings(max_examples=150, deadline=None)
@given(_SELECTION_TEXT, st.integers(-3, 25), st.integers(-3, 25), st.booleans())
def test_trimmed_selections_are_inside_the_text_and_start_and_end_on_non_space(
    text: str, a: int, b: int, snap: bool
) -> None:
    start, end = trim_selection(text, a, b, snap)
    assert 0 <= start <= end <= len(text)
    assert trim_selection(text, b, a, snap) == (start, end)
    assert trim_selection(text, start, end, snap) == (
        (start, end) if start < end else (start, start)
    )
    if start < end:
        assert not text[start].isspace() and not text[end - 1].isspace()
    low, high = (min(max(offset, 0), len(text)) for offset in sorted((a, b)))
    if not snap:
        assert text[start:end] == text[low:high].strip()
        if start == end:
            assert text[low:high].strip() == ""
    else:
        plain = trim_selection(text, a, b, False)
        # snapping only grows a selection to whole words, except that it lets go of a dash or
        # quote standing apart from the words at either end ("- Kementerian")
        kept = [i for i in range(*plain) if text[i] not in _WORD_PUNCT and not text[i].isspace()]
        assert all(start <= i < end for i in kept)
        if start < end:
            # a snapped selection never stops between two characters of one word
            assert start == 0 or not {text[start - 1], text[start]} <= _WORD_CHARS
            assert end == len(text) or not {text[end - 1], text[end]} <= _WORD_CHARS


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("a क\u0903 b", "spacing mark (Mc)"),
        ("a x\u20dd b", "enclosing mark (Me)"),
        ("a e\u0301 b", "combining accent (Mn)"),
    ],
)
def test_marks_that_combine_with_a_letter_stay_with_it(text: str, mark: str) -> None:
    assert trim_selection(text, 2, 3) == (2, 4), mark
    assert trim_selection(text, 3, 4) == (2, 4), mark
