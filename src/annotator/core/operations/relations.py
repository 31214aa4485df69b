"""Relation edits: join two spans with a relation type, or remove a relation."""

from __future__ import annotations

from annotator.core.edits import AddRelation, RemoveRelation
from annotator.core.errors import ValidationError
from annotator.core.model import Relation, Span, new_id, now_iso
from annotator.core.schema import Schema
from annotator.core.validation import check_relation


def make_relation(
    label: str, head: Span, tail: Span, schema: Schema, annotator: str
) -> AddRelation:
    """An AddRelation from ``head`` to ``tail``; raises ValidationError with the reason when
    the schema does not allow ``label`` between their labels."""
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


def remove_relation(relation: Relation) -> RemoveRelation:
    return RemoveRelation(relation)
