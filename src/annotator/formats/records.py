"""A document with its annotations as read from a file, before it reaches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Relation, Span
from annotator.core.suggestion_edits import Suggestion
from annotator.core.tokenisation import Tokenisation
from annotator.store.page_sources import KeptPage


class FormatError(AnnotatorError):
    """Bad input; the message names the file and line."""


class UnknownLabels(FormatError):
    """Labels of the input that the project schema does not define, each with the first
    ``file:line`` naming it. The importer reads on and raises one error listing them all."""

    def __init__(self, found: dict[str, str], known: tuple[str, ...]) -> None:
        self.found = found
        """``repr(label)`` -> where it first appears."""
        self.known = known
        super().__init__(self._message())

    def merged(self, other: UnknownLabels) -> UnknownLabels:
        found = dict(self.found)
        for label, where in other.found.items():
            found.setdefault(label, where)
        return UnknownLabels(found, self.known)

    def _message(self) -> str:
        known = ", ".join(self.known)
        if len(self.found) == 1:
            ((label, where),) = self.found.items()
            return f"{where}: unknown label {label}; known labels: {known}"
        listed = ", ".join(f"{label} ({where})" for label, where in self.found.items())
        return (
            f"{len(self.found)} unknown labels: {listed}; known labels: {known}. Add them to "
            "the project schema first (a brat corpus: import --schema-from-conf)"
        )


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
    tokens: Tokenisation | None = None
    """The source file's own tokens (CoNLL), kept for token-based exports."""
    left_out: tuple[tuple[str, str], ...] = ()
    """``(file:line, why)`` of each input line the project schema cannot hold."""
    notes: tuple[str, ...] = ()
    """What the reader did that the user should know, one message per occurrence."""
    suggestions: tuple[Suggestion, ...] = ()
    """Pending suggestions to store with the document (an HTML page's sections)."""
    page: KeptPage | None = None
    """The page the text was extracted from, kept so that it can be extracted again."""
    statuses: tuple[tuple[str, str, bool], ...] | None = None
    """Each annotator's ``(name, status, assigned)`` of the document (a native export of a
    team project); None: the file says only ``document.status``, the importer's status."""


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
    left_out: list[tuple[str, str]] = field(default_factory=list)
    suggestions: int = 0
    notes: dict[str, int] = field(default_factory=dict)
    """Message templates holding ``{n}``, with how often each happened."""
    schema: list[str] = field(default_factory=list)
    """What the import added to the project schema (``--schema-from-conf``), plan lines."""
    added: dict[str, str] = field(default_factory=dict)
    """Documents already in the project that got new annotations: id -> what was added."""

    def note(self, message: str, n: int = 1) -> None:
        if n:
            self.notes[message] = self.notes.get(message, 0) + n

    def add_record_remarks(self, record: DocumentRecord) -> None:
        """Take over what a record's reader left out and noted."""
        self.left_out += record.left_out
        for remark in record.notes:
            escaped = remark.replace("{", "{{").replace("}", "}}")
            self.note(f"note: {escaped} ({{n}}x)")

    def lines(self) -> list[str]:
        out = (
            ["schema changed by the import:", *(f"  {x}" for x in self.schema)]
            if self.schema
            else []
        )
        out.append(
            f"imported {len(self.imported)} document(s) with {self.spans} span(s) "
            f"and {self.relations} relation(s)"
        )
        out += [f"  {doc_id}" for doc_id in self.imported]
        if self.suggestions:
            out.append(f"{self.suggestions} section suggestion(s) to review")
        out += [
            f"added to {doc_id} (already in the project): {what}"
            for doc_id, what in self.added.items()
        ]
        if self.unchanged:
            out.append(
                f"{len(self.unchanged)} document(s) already present with the same text "
                "(nothing to do): " + ", ".join(self.unchanged)
            )
        if self.left_out:
            out.append(f"left out {len(self.left_out)} input line(s) the project cannot hold:")
            out += [f"  {where}: {why}" for where, why in self.left_out]
        if self.skipped:
            out.append(f"skipped {len(self.skipped)} bad input(s):")
            out += [f"  {where}: {why}" for where, why in self.skipped]
        out += [message.format(n=n) for message, n in self.notes.items()]
        return out
