"""A document with its annotations as read from a file, before it reaches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Relation, Span
from annotator.core.suggestion_edits import Suggestion
from annotator.store.page_sources import KeptPage


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
    suggestions: tuple[Suggestion, ...] = ()
    """Pending suggestions to store with the document (an HTML page's sections)."""
    page: KeptPage | None = None
    """The page the text was extracted from, kept so that it can be extracted again."""


@dataclass(frozen=True)
class ReadNote:
    """Something a reader counts for the import report, e.g. records it skipped on purpose.

    ``message`` holds ``{n}``; notes with the same message are added up and written once.
    """

    message: str
    n: int = 1


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    spans: int = 0
    relations: int = 0
    suggestions: int = 0
    notes: dict[str, int] = field(default_factory=dict)

    def note(self, message: str, n: int = 1) -> None:
        if n:
            self.notes[message] = self.notes.get(message, 0) + n

    def lines(self) -> list[str]:
        out = [
            f"imported {len(self.imported)} document(s) with {self.spans} span(s) "
            f"and {self.relations} relation(s)"
        ]
        out += [f"  {doc_id}" for doc_id in self.imported]
        if self.suggestions:
            out.append(f"{self.suggestions} section suggestion(s) to review")
        out += [message.format(n=n) for message, n in self.notes.items()]
        if self.unchanged:
            out.append(
                f"{len(self.unchanged)} document(s) already present with the same text "
                "(nothing to do): " + ", ".join(self.unchanged)
            )
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} bad input(s):")
            out += [f"  {where}: {why}" for where, why in self.skipped]
        return out
