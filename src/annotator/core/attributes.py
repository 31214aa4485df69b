"""Edits for what a user sets beside a span's label: attributes, notes, document fields.

Each helper builds the core edit (``UpdateSpan``, ``UpdateDocument``, ``AddRelation``) and
checks the value against the schema first, so a bad value is refused with a reason before
anything reaches the store. The store checks again when the edit is applied.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from annotator.core.edits import AddRelation, UpdateDocument, UpdateSpan
from annotator.core.errors import SchemaError, ValidationError
from annotator.core.model import DOCUMENT_STATUSES, Document, Relation, Span, new_id, now_iso
from annotator.core.schema import AttributeDef, Schema
from annotator.core.validation import check_relation

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


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


def set_document_note(doc: Document, note: str) -> UpdateDocument:
    return UpdateDocument(doc.id, {"note": doc.note}, {"note": note})


def set_document_status(doc: Document, status: str) -> UpdateDocument:
    if status not in DOCUMENT_STATUSES:
        raise ValidationError(
            f"unknown status {status!r}; use one of {', '.join(DOCUMENT_STATUSES)}"
        )
    return UpdateDocument(doc.id, {"status": doc.status}, {"status": status})


def set_document_label(
    doc: Document, schema: Schema, name: str, value: str | None
) -> UpdateDocument:
    """Set (or, with None, clear) document label ``name``; the value must be one of its choices."""
    try:
        choices = schema.doc_label(name).choices
    except SchemaError as exc:
        raise ValidationError(str(exc)) from None
    if value is not None and value not in choices:
        raise ValidationError(
            f"document label {name!r} takes one of {', '.join(choices)}, not {value!r}"
        )
    labels = {key: v for key, v in doc.labels.items() if key != name}
    if value is not None:
        labels[name] = value
    return UpdateDocument(doc.id, {"labels": dict(doc.labels)}, {"labels": labels})


def make_relation(
    label: str, head: Span, tail: Span, schema: Schema, annotator: str
) -> AddRelation:
    """An AddRelation from ``head`` to ``tail``; refused with the reason when the schema does
    not allow ``label`` between their labels."""
    relation = Relation(
        id=new_id("r"),
        doc_id=head.doc_id,
        label=label,
        head=head.id,
        tail=tail.id,
        annotator=annotator,
        created_at=now_iso(),
    )
    if head.doc_id != tail.doc_id:
        raise ValidationError("a relation joins spans of its own document only")
    check_relation(relation, {head.id: head, tail.id: tail}, schema)
    return AddRelation(relation)
