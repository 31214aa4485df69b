"""Labelling a selection, relabelling and deleting spans, attributes and span notes: the edits
built from plain data and the schema, without a database or Qt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.assets import default_schema
from annotator.core.edits import AddSpan, Edit, RemoveSpan, UpdateSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span, make_span
from annotator.core.operations import Refusal
from annotator.core.operations.spans import (
    clear_attribute,
    default_attrs_for,
    delete_edit,
    label_edit,
    move_boundary_edit,
    parse_attribute_value,
    relabel_edit,
    set_attribute,
    set_span_note,
)
from annotator.core.schema import Schema

DOC = Document(id="d", text="Minister 😀 Retno said Jakarta is calm.")
EMOJI_DOC = Document(id="e", text="😀😀 Retno met Widodo")


def span(label: str, needle: str, doc: Document = DOC) -> Span:
    start = doc.text.index(needle)
    layer = default_schema().label(label).layer
    return make_span(doc, layer, label, start, start + len(needle), "ann")


class MemoryProject:
    """The reads a builder makes, over spans and relations held in memory."""

    def __init__(self, spans: list[Span], relations: list[Relation] | None = None) -> None:
        self._schema = default_schema()
        self._spans = {s.id: s for s in spans}
        self._relations = relations or []

    def schema(self) -> Schema:
        return self._schema

    def span(self, span_id: str) -> Span | None:
        return self._spans.get(span_id)

    def spans(self, doc_id: str) -> list[Span]:
        return [s for s in self._spans.values() if s.doc_id == doc_id]

    def relations_of_span(self, span_id: str) -> list[Relation]:
        return [r for r in self._relations if span_id in (r.head, r.tail)]

    def spans_at(self, start: int, end: int) -> list[Span]:
        return [s for s in self._spans.values() if (s.start, s.end) == (start, end)]


def press(
    project: MemoryProject,
    label: str,
    selection: tuple[int, int],
    selected: str | None = None,
    *,
    doc: Document = DOC,
    snap: bool = True,
) -> Edit | Refusal:
    return label_edit(
        project,
        doc,
        label,
        selection,
        selected,
        "ann",
        snap_to_words=snap,
        spans_at=project.spans_at,
    )


def added(edit: Edit | Refusal) -> Span:
    assert isinstance(edit, AddSpan), edit
    return edit.span


def test_a_selection_becomes_a_span_with_its_layer_defaults() -> None:
    start = DOC.text.index("Jakarta is calm")
    new = added(press(MemoryProject([]), "CLAIM", (start, start + len("Jakarta is calm"))))
    assert (new.layer, new.label, new.text) == ("claim", "CLAIM", "Jakarta is calm")
    assert new.attrs == default_attrs_for(default_schema(), "CLAIM")
    assert new.annotator == "ann"


def test_a_span_can_start_at_offset_zero_and_end_at_the_last_character() -> None:
    project = MemoryProject([])
    assert added(press(project, "PER", (0, 8))).text == "Minister"
    end = len(DOC.text)
    last = added(press(project, "MISC", (end - 1, end), snap=False))
    assert (last.start, last.end, last.text) == (end - 1, end, ".")


def test_offsets_count_code_points_so_emoji_before_the_span_do_not_shift_it() -> None:
    new = added(press(MemoryProject([]), "PER", (3, 8), doc=EMOJI_DOC))
    assert (new.start, new.end, new.text) == (3, 8, "Retno")


def test_a_partial_word_snaps_to_the_whole_word_and_whitespace_is_trimmed() -> None:
    start = DOC.text.index("Retno")
    snapped = added(press(MemoryProject([]), "PER", (start - 1, start + 2)))
    assert snapped.text == "Retno"
    exact = added(press(MemoryProject([]), "PER", (start + 1, start + 3), snap=False))
    assert exact.text == "et"


def test_a_span_touching_one_of_the_same_label_is_still_added() -> None:
    retno = span("PER", "Retno")
    new = added(press(MemoryProject([retno]), "PER", (retno.end + 1, retno.end + 5)))
    assert new.text == "said"
    assert new.start == retno.end + 1


def test_an_empty_selection_without_a_selected_span_is_refused() -> None:
    assert press(MemoryProject([]), "PER", (5, 5)) == Refusal(
        "Select some text first, then press PER's key"
    )


def test_a_whitespace_selection_is_refused() -> None:
    start = DOC.text.index(" said")
    assert press(MemoryProject([]), "PER", (start, start + 1)) == Refusal(
        "The selection holds only whitespace; nothing to annotate"
    )


def test_the_same_label_on_the_same_text_is_refused() -> None:
    retno = span("PER", "Retno")
    refusal = press(MemoryProject([retno]), "PER", (retno.start, retno.end))
    assert refusal == Refusal("“Retno” is already a PER")
    assert str(refusal) == "“Retno” is already a PER"


def test_a_selected_span_with_no_text_selection_is_relabelled() -> None:
    retno = span("PER", "Retno")
    edit = press(MemoryProject([retno]), "ORG", (retno.end, retno.end), retno.id)
    assert isinstance(edit, UpdateSpan)
    assert (edit.after.id, edit.after.label, edit.after.layer) == (retno.id, "ORG", "entity")
    assert edit.after.attrs == retno.attrs


def test_a_relabel_to_another_layer_starts_from_that_layers_defaults() -> None:
    jakarta = span("GPE", "Jakarta is calm")
    edit = relabel_edit(default_schema(), jakarta, "CLAIM")
    assert isinstance(edit, UpdateSpan)
    assert edit.after.layer == "claim"
    assert edit.after.attrs == default_attrs_for(default_schema(), "CLAIM")


def test_relabelling_to_the_label_it_has_is_refused() -> None:
    retno = span("PER", "Retno")
    assert relabel_edit(default_schema(), retno, "PER") == Refusal("“Retno” is already a PER")


def test_delete_takes_the_relations_of_the_span_along() -> None:
    claim, retno = span("CLAIM", "Jakarta is calm"), span("PER", "Retno")
    relation = Relation("r1", "d", "claimant", claim.id, retno.id)
    edit = delete_edit(MemoryProject([claim, retno], [relation]), retno.id)
    assert edit == RemoveSpan(retno, (relation,))


def test_deleting_a_span_that_is_gone_is_refused() -> None:
    assert delete_edit(MemoryProject([]), "s-gone") == Refusal("That span is already gone")


def test_default_attrs_follow_the_layer() -> None:
    schema = default_schema()
    # only what the schema gives a default explicitly: the rest stays unset
    assert default_attrs_for(schema, "CLAIM") == {"checkworthy": False}
    assert default_attrs_for(schema, "PER") == {}
    assert default_attrs_for(schema, "BODY") == {}


def test_attribute_values_are_typed_by_the_schema() -> None:
    schema = default_schema()
    claim = span("CLAIM", "Jakarta is calm")
    edit = set_attribute(claim, schema, "verifiability", "contested")
    assert isinstance(edit, UpdateSpan)
    assert edit.after.attrs == {"verifiability": "contested"}
    assert edit.inverse().after == claim  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="takes one of verifiable"):
        set_attribute(claim, schema, "verifiability", "maybe")
    with pytest.raises(ValidationError, match="takes true or false"):
        set_attribute(claim, schema, "checkworthy", "yes")
    with pytest.raises(ValidationError, match="unknown attribute 'negated' on layer 'claim'"):
        set_attribute(claim, schema, "negated", True)
    assert clear_attribute(edit.after, "verifiability").after.attrs == {}


def test_typed_attribute_values_are_read_into_the_attributes_type() -> None:
    schema = default_schema()
    assert parse_attribute_value(schema.attribute("claim", "checkworthy"), "Yes") is True
    assert parse_attribute_value(schema.attribute("claim", "checkworthy"), "off") is False
    with pytest.raises(ValidationError):
        parse_attribute_value(schema.attribute("claim", "polarity"), "loud")


def test_a_note_edit_keeps_the_span_and_sets_its_note() -> None:
    per = span("PER", "Retno")
    assert set_span_note(per, "first name only?").after.note == "first name only?"


BOUNDARY_DOC = Document(
    id="b", text="- Kementerian Pertahanan Republik Azerbaijan, Jakarta-Baku 😀😀 talks."
)


def _moved(needle: str, edge: str, step: int, by_word: bool) -> str:
    target = span("ORG", needle, BOUNDARY_DOC)
    edit = move_boundary_edit(BOUNDARY_DOC, target, edge, step, by_word)  # type: ignore[arg-type]
    assert isinstance(edit, UpdateSpan), edit
    assert edit.after.text == BOUNDARY_DOC.text[edit.after.start : edit.after.end]
    assert (edit.after.id, edit.after.label) == (target.id, target.label)
    return edit.after.text


@pytest.mark.parametrize(
    ("needle", "edge", "step", "by_word", "expected"),
    [
        ("Pertahanan", "start", -1, False, " Pertahanan"),
        ("Pertahanan", "end", 1, False, "Pertahanan "),
        ("Pertahanan", "end", -1, False, "Pertahana"),
        ("Pertahanan", "start", 1, False, "ertahanan"),
        ("Pertahanan", "end", 1, True, "Pertahanan Republik"),
        ("Pertahanan", "start", -1, True, "Kementerian Pertahanan"),
        ("Kementerian Pertahanan Republik", "end", -1, True, "Kementerian Pertahanan"),
        ("Kementerian Pertahanan Republik", "start", 1, True, "Pertahanan Republik"),
        # the comma after Azerbaijan and the leading "-" are never taken in
        ("Republik", "end", 1, True, "Republik Azerbaijan"),
        ("Kementerian", "start", -1, False, " Kementerian"),
        ("Azerbaijan", "end", 1, True, "Azerbaijan, Jakarta-Baku"),
        # a word step skips two emoji (not word characters) to the next word
        ("Baku", "end", 1, True, "Baku 😀😀 talks"),
        ("😀😀", "start", 1, False, "😀"),
        ("😀😀", "end", -1, False, "😀"),
    ],
)
def test_a_boundary_moves_by_a_character_or_a_word(
    needle: str, edge: str, step: int, by_word: bool, expected: str
) -> None:
    assert _moved(needle, edge, step, by_word) == expected


def test_a_word_step_back_from_the_first_word_never_takes_the_stray_dash() -> None:
    edit = move_boundary_edit(
        BOUNDARY_DOC, span("ORG", "Kementerian", BOUNDARY_DOC), "start", -1, True
    )
    assert edit == Refusal("The span already reaches the edge of the document")


@pytest.mark.parametrize(
    ("needle", "edge", "step", "by_word"),
    [("K", "end", -1, False), ("K", "start", 1, False), ("Kementerian", "end", -1, True)],
)
def test_a_span_cannot_shrink_to_nothing(needle: str, edge: str, step: int, by_word: bool) -> None:
    edit = move_boundary_edit(
        BOUNDARY_DOC,
        span("ORG", needle, BOUNDARY_DOC),
        edge,
        step,
        by_word,  # type: ignore[arg-type]
    )
    assert isinstance(edit, Refusal)
    assert "cannot get shorter; delete it instead" in edit.reason


@pytest.mark.parametrize(("needle", "edge"), [("-", "start"), ("talks.", "end")])
def test_a_span_cannot_move_past_the_ends_of_the_document(needle: str, edge: str) -> None:
    target = span("ORG", needle, BOUNDARY_DOC)
    step = -1 if edge == "start" else 1
    for by_word in (False, True):
        edit = move_boundary_edit(BOUNDARY_DOC, target, edge, step, by_word)  # type: ignore[arg-type]
        assert edit == Refusal("The span already reaches the edge of the document")


def test_a_boundary_move_says_what_the_span_now_covers() -> None:
    edit = move_boundary_edit(BOUNDARY_DOC, span("ORG", "Republik", BOUNDARY_DOC), "end", 1, True)
    assert isinstance(edit, UpdateSpan)
    assert edit.done_text() == "ORG now spans “Republik Azerbaijan”"
    assert edit.describe() == "move boundary of ORG"
    assert edit.inverse().done_text() == "ORG now spans “Republik”"


def test_a_selected_span_selected_exactly_is_relabelled_not_duplicated() -> None:
    retno = span("PER", "Retno")
    edit = press(MemoryProject([retno]), "ORG", (retno.start, retno.end), retno.id)
    assert isinstance(edit, UpdateSpan) and edit.after.label == "ORG"
    other = press(MemoryProject([retno]), "ORG", (0, 8), retno.id)
    assert isinstance(other, AddSpan) and other.span.text == "Minister"


def test_another_label_on_the_same_text_is_added_beside_it() -> None:
    retno = span("PER", "Retno")
    new = added(press(MemoryProject([retno]), "ORG", (retno.start, retno.end)))
    assert (new.label, new.text) == ("ORG", "Retno")


def test_relabelling_within_the_layer_keeps_the_attributes_and_offsets() -> None:
    retno = span("PER", "Retno")
    negated = replace(retno, attrs={"negated": True})
    edit = relabel_edit(default_schema(), negated, "ORG")
    assert isinstance(edit, UpdateSpan)
    assert edit.before == negated
    assert edit.after.attrs == {"negated": True}
    assert (edit.after.start, edit.after.end, edit.after.text) == (
        negated.start,
        negated.end,
        "Retno",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), (" YES ", True), ("1", True), ("on", True), ("no", False), ("0", False)],
)
def test_every_spelling_of_yes_and_no_is_read(text: str, value: bool) -> None:
    assert parse_attribute_value(default_schema().attribute("claim", "checkworthy"), text) is value


def test_unreadable_attribute_values_are_refused_with_what_they_take() -> None:
    schema = default_schema()
    with pytest.raises(
        ValidationError, match=r"^attribute 'checkworthy' takes true or false, not 'maybe'$"
    ):
        parse_attribute_value(schema.attribute("claim", "checkworthy"), "maybe")
    with pytest.raises(
        ValidationError,
        match=r"^attribute 'polarity' takes one of asserted, denied, hedged, not 'loud'$",
    ):
        parse_attribute_value(schema.attribute("claim", "polarity"), "loud")
    assert parse_attribute_value(schema.attribute("claim", "polarity"), "denied") == "denied"


def test_set_attribute_keeps_the_other_attributes() -> None:
    new = added(press(MemoryProject([]), "CLAIM", (DOC.text.index("Jakarta"), len(DOC.text))))
    claim = replace(new, attrs={**new.attrs, "polarity": "hedged", "verifiability": "verifiable"})
    edit = set_attribute(claim, default_schema(), "checkworthy", True)
    assert edit.before == claim
    assert edit.after.attrs == {**claim.attrs, "checkworthy": True}
    cleared = clear_attribute(claim, "polarity")
    assert cleared.before == claim
    assert cleared.after.attrs == {"checkworthy": False, "verifiability": "verifiable"}
    noted = set_span_note(claim, "check")
    assert noted.before == claim and noted.after == replace(claim, note="check")
