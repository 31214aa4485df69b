"""Rules every span and relation obeys, checked before anything is written."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.errors import SchemaError, ValidationError
from annotator.core.model import Document, Relation, Span
from annotator.core.schema import Schema


def check_offsets(text: str, start: int, end: int, span_text: str | None = None) -> None:
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValidationError(f"span offsets must be integers, got {start!r}..{end!r}")
    if start < 0 or end > len(text):
        raise ValidationError(
            f"span {start}..{end} is off the text (the document has {len(text)} characters)"
        )
    if start >= end:
        raise ValidationError(f"span {start}..{end} is empty or reversed")
    if span_text is not None and text[start:end] != span_text:
        raise ValidationError(
            f"span {start}..{end} has text {span_text!r} but the document says {text[start:end]!r}"
        )


def check_span(doc: Document, span: Span, schema: Schema, others: Iterable[Span] = ()) -> None:
    """Raise ValidationError when ``span`` may not be added to ``doc`` beside ``others``.

    ``others`` are the document's existing spans (the span's own id is ignored among them).
    """
    check_offsets(doc.text, span.start, span.end, span.text)
    try:
        label = schema.label(span.label)
        layer = schema.layer(span.layer)
    except SchemaError as exc:
        raise ValidationError(str(exc)) from None
    if label.layer != span.layer:
        raise ValidationError(
            f"label {span.label!r} belongs to layer {label.layer!r}, not {span.layer!r}"
        )
    for key, value in span.attrs.items():
        try:
            schema.attribute(span.layer, key).check_value(value)
        except SchemaError as exc:
            raise ValidationError(str(exc)) from None
    if not layer.allow_overlap:
        for other in others:
            if (
                other.id != span.id
                and other.layer == span.layer
                and other.overlaps(span.start, span.end)
            ):
                raise ValidationError(
                    f"{span.layer} spans may not overlap: {span.start}..{span.end} overlaps "
                    f"{other.label} {other.start}..{other.end} ({other.text[:40]!r})"
                )


def check_relation(relation: Relation, spans_by_id: dict[str, Span], schema: Schema) -> None:
    head = spans_by_id.get(relation.head)
    tail = spans_by_id.get(relation.tail)
    for end, span_id, span in (("head", relation.head, head), ("tail", relation.tail, tail)):
        if span is None:
            raise ValidationError(
                f"relation {relation.label!r} {end} names a missing span {span_id!r}"
            )
    assert head is not None and tail is not None
    if head.id == tail.id:
        raise ValidationError("a relation joins two different spans")
    try:
        rel = schema.relation(relation.label)
    except SchemaError as exc:
        raise ValidationError(str(exc)) from None
    if head.label not in rel.head:
        raise ValidationError(
            f"relation {rel.name!r} may not start at a {head.label} span; "
            f"allowed heads: {', '.join(rel.head)}"
        )
    if tail.label not in rel.tail:
        raise ValidationError(
            f"relation {rel.name!r} may not end at a {tail.label} span; "
            f"allowed tails: {', '.join(rel.tail)}"
        )


_WORD_PUNCT = "'’-_"


def _is_word_char(ch: str) -> bool:
    return (
        ch.isalnum()
        or ch in _WORD_PUNCT
        or (ch.isprintable() and not ch.isspace() and _combining(ch))
    )


def _combining(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf")


def trim_selection(text: str, start: int, end: int, snap_to_words: bool = True) -> tuple[int, int]:
    """The span a user means by selecting ``start..end``: whitespace trimmed, words whole.

    Returns (start, end) with start == end when nothing but whitespace was selected.
    """
    # A selection dragged backwards or past either end of the text is clamped into it.
    start, end = (min(max(offset, 0), len(text)) for offset in sorted((start, end)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if snap_to_words and start < end:
        while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
            start -= 1
        while end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
            end += 1
        # a dash or quote standing apart from the words ("- Kementerian") is not part of them
        while end - start > 1 and text[start] in _WORD_PUNCT and text[start + 1].isspace():
            start += 1
            while start < end and text[start].isspace():
                start += 1
        while end - start > 1 and text[end - 1] in _WORD_PUNCT and text[end - 2].isspace():
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
    return start, end
