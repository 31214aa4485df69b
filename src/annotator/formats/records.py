"""A document with its annotations as read from a file, before it reaches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Relation, Span


class FormatError(AnnotatorError):
    """Bad input; the message names the file and line."""


def span_fields(span: Span) -> dict[str, Any]:
    """The fields every export that writes spans as objects carries: offsets and the text."""
    return {
        "id": span.id,
        "layer": span.layer,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def relation_fields(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "label": relation.label,
        "head": relation.head,
        "tail": relation.tail,
    }


@dataclass(frozen=True)
class DocumentRecord:
    document: Document
    spans: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()
    source: str = ""
    """Where the record came from, as ``file`` or ``file:line``, for messages."""


@dataclass(frozen=True)
class ReadNote:
    """Something a reader tells the import report besides records, counted by message:
    ``message`` holds ``{n}``, e.g. "{n} Prodigy task(s) answered reject (not imported)"."""

    message: str
    n: int = 1


ReadItem = DocumentRecord | FormatError | ReadNote
"""What a reader yields: a record, the error of a bad one, or a note for the report."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    spans: int = 0
    relations: int = 0
    notes: dict[str, int] = field(default_factory=dict)
    """Counted notes (``ReadNote`` messages and the importer's own), in the order first seen."""
    added: dict[str, str] = field(default_factory=dict)
    """Documents already in the project that got new annotations: id -> what was added."""

    def note(self, message: str, n: int = 1) -> None:
        if n:
            self.notes[message] = self.notes.get(message, 0) + n

    def lines(self) -> list[str]:
        out = [
            f"imported {len(self.imported)} document(s) with {self.spans} span(s) "
            f"and {self.relations} relation(s)"
        ]
        out += [f"  {doc_id}" for doc_id in self.imported]
        out += [
            f"added to {doc_id} (already in the project): {what}"
            for doc_id, what in self.added.items()
        ]
        if self.unchanged:
            out.append(
                f"{len(self.unchanged)} document(s) already present with the same text "
                "(nothing to do): " + ", ".join(self.unchanged)
            )
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} bad input(s):")
            out += [f"  {where}: {why}" for where, why in self.skipped]
        out += [message.format(n=n) for message, n in self.notes.items()]
        return out
