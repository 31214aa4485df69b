"""Span edits: label a selection, relabel, delete, and set what sits beside the label
(attributes, note).

Labelling is what pressing a label's hotkey (or clicking it in the palette) means; layer
rules are left to the validator the store runs when the edit is applied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from annotator.core.edits import AddSpan, Edit, RemoveSpan, UpdateSpan
from annotator.core.errors import SchemaError, ValidationError
from annotator.core.model import Document, Span, make_span
from annotator.core.operations.reading import ProjectReader
from annotator.core.operations.refusal import Refusal
from annotator.core.schema import AttributeDef, Schema
from annotator.core.validation import trim_selection

_WORD = re.compile(r"(?<!\w)\w+(?:['’-]\w+)*")
"""A word for boundary moves: letters and digits, with inner hyphens and apostrophes only, so
a move never keeps a stray "-" or quote at a span's edge."""
_WINDOW = 400  # code points searched back from an edge for the previous word (then doubled)

Edge = Literal["start", "end"]

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def label_edit(
    project: ProjectReader,
    doc: Document,
    label_name: str,
    selection: tuple[int, int],
    selected_span: str | None,
    annotator: str,
    *,
    snap_to_words: bool,
    spans_at: Callable[[int, int], list[Span]],
) -> Edit | Refusal:
    """A new span over the selection, or a relabel of the selected span.

    ``selection`` is in code points. A selected span is relabelled when there is no text
    selection (or the selection is the span itself); otherwise the selection, trimmed and
    snapped to words, becomes a new span; ``spans_at(start, end)`` lists the spans that
    have exactly those offsets, and one of the same label refuses it.
    """
    schema = project.schema()
    label = schema.label(label_name)
    start, end = selection
    span = project.span(selected_span) if selected_span else None
    if span is not None and (start == end or (start, end) == (span.start, span.end)):
        return relabel_edit(schema, span, label_name)
    if start == end:
        return Refusal(f"Select some text first, then press {label.name}'s key")
    start, end = trim_selection(doc.text, start, end, snap_to_words)
    if start == end:
        return Refusal("The selection holds only whitespace; nothing to annotate")
    for other in spans_at(start, end):
        if other.label == label.name:
            return Refusal(f"“{other.text}” is already a {label.name}")
    attrs = default_attrs_for(schema, label.name)  # e.g. a CLAIM starts not check-worthy
    span = make_span(doc, label.layer, label.name, start, end, annotator, attrs=attrs)
    return AddSpan(span)


def relabel_edit(schema: Schema, span: Span, label_name: str) -> Edit | Refusal:
    label = schema.label(label_name)
    if span.label == label.name:
        return Refusal(f"“{span.text}” is already a {label.name}")
    # Attributes belong to a layer: moving to another layer starts from that layer's defaults.
    attrs = span.attrs if label.layer == span.layer else default_attrs_for(schema, label.name)
    return UpdateSpan(span, replace(span, label=label.name, layer=label.layer, attrs=attrs))


def delete_edit(project: ProjectReader, span_id: str) -> Edit | Refusal:
    """Remove a span with the relations that touch it (undo brings both back)."""
    span = project.span(span_id)
    if span is None:
        return Refusal("That span is already gone")
    return RemoveSpan(span, tuple(project.relations_of_span(span_id)))


def default_attrs_for(schema: Schema, label: str) -> dict[str, Any]:
    """The attributes a new span of ``label`` starts with: the defaults of its layer."""
    return schema.default_attrs(schema.label(label).layer)


def _attribute(schema: Schema, span: Span, name: str) -> AttributeDef:
    try:
        return schema.attribute(span.layer, name)
    except SchemaError as exc:
        raise ValidationError(str(exc)) from None


def set_attribute(span: Span, schema: Schema, name: str, value: Any) -> UpdateSpan:
    """Set attribute ``name`` of ``span``; ``value`` must fit the schema's type and choices."""
    attr = _attribute(schema, span, name)
    try:
        attr.check_value(value)
    except SchemaError as exc:
        raise ValidationError(str(exc)) from None
    return UpdateSpan(span, replace(span, attrs={**span.attrs, name: value}))


def clear_attribute(span: Span, name: str) -> UpdateSpan:
    """Remove attribute ``name`` from ``span`` (it then has no value, not the default)."""
    attrs = {key: value for key, value in span.attrs.items() if key != name}
    return UpdateSpan(span, replace(span, attrs=attrs))


def parse_attribute_value(attr: AttributeDef, text: str) -> Any:
    """Read a value typed as text (command line, text field) into the attribute's type."""
    if attr.type == "bool":
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValidationError(f"attribute {attr.name!r} takes true or false, not {text!r}")
    if attr.type == "choice" and text not in attr.choices:
        raise ValidationError(
            f"attribute {attr.name!r} takes one of {', '.join(attr.choices)}, not {text!r}"
        )
    return text


def set_span_note(span: Span, note: str) -> UpdateSpan:
    return UpdateSpan(span, replace(span, note=note))


def move_boundary_edit(
    doc: Document, span: Span, edge: Edge, step: int, by_word: bool
) -> Edit | Refusal:
    """Move the span's ``edge`` by one character or one word, ``step`` -1 (left) or 1 (right).

    A word move goes to the next word's start or end (``_WORD``), so punctuation between
    words is skipped, not taken in. The result must keep at least one character; the store
    validates it like a new span (a section may not run into another).
    """
    start, end = span.start, span.end
    if edge == "start":
        start = _word_start(doc.text, start, end, step) if by_word else start + step
    else:
        end = _word_end(doc.text, start, end, step) if by_word else end + step
    return extent_edit(doc, span, start, end)


def extent_edit(doc: Document, span: Span, start: int, end: int) -> Edit | Refusal:
    """The span over ``start..end`` instead (an edge dragged or moved), same id and label."""
    if start < 0 or end > len(doc.text):
        return Refusal("The span already reaches the edge of the document")
    if start >= end:
        return Refusal(f"“{span.text}” cannot get shorter; delete it instead")
    if (start, end) == (span.start, span.end):
        return Refusal(f"“{span.text}” already has these edges")
    return UpdateSpan(span, replace(span, start=start, end=end, text=doc.text[start:end]))


def _word_start(text: str, start: int, end: int, step: int) -> int:
    if step > 0:
        found = _WORD.search(text, start + 1)
        return found.start() if found is not None and found.start() < end else end
    word = _last_word_before(text, start, lambda m: m.start() < start)
    return word.start() if word is not None else -1


def _word_end(text: str, start: int, end: int, step: int) -> int:
    if step > 0:
        found = _WORD.search(text, end)
        return found.end() if found is not None else len(text) + 1
    word = _last_word_before(text, end - 1, lambda m: start < m.end() < end)
    return word.end() if word is not None else start


def _last_word_before(text: str, pos: int, fits: Callable[[re.Match[str]], bool]) -> Any:
    """The last ``_WORD`` match that ``fits``, looking back from ``pos`` in growing windows."""
    window = _WINDOW
    while True:
        lo = max(pos - window, 0)  # _WORD's lookbehind sees before lo: no word is cut
        candidates = [m for m in _WORD.finditer(text, lo, pos + 1) if fits(m)]
        if candidates:
            return candidates[-1]
        if lo == 0:
            return None
        window *= 2
