"""Document edits: title, review status, document labels and the document note."""

from __future__ import annotations

from annotator.core.edits import UpdateDocument
from annotator.core.errors import SchemaError, ValidationError
from annotator.core.model import DOCUMENT_STATUSES, Document
from annotator.core.operations.refusal import Refusal
from annotator.core.schema import Schema


def set_document_title(doc: Document, title: str) -> UpdateDocument | Refusal:
    """Rename ``doc`` (an import may have taken an ad line or a file name as its title)."""
    title = " ".join(title.split())
    if not title:
        return Refusal("A document title cannot be empty")
    if title == doc.title:
        return Refusal("The document already has this title")
    return UpdateDocument(doc.id, {"title": doc.title}, {"title": title})


def set_document_note(doc: Document, note: str) -> UpdateDocument:
    return UpdateDocument(doc.id, {"note": doc.note}, {"note": note})


def set_document_status(doc: Document, status: str) -> UpdateDocument:
    """Move ``doc`` to ``status``; ``doc`` must be as stored, its status is what undo restores."""
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
