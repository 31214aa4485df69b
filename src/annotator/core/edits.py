"""Invertible edits. Each edit applies itself to an EditTarget and knows its inverse.

Undo is ``apply(edit.inverse())``; the GUI's QUndoCommand is a thin wrapper around that, so
undo logic is tested without Qt. Every applied edit is also written to the edit log.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from annotator.core.model import Relation, Span


class EditTarget(Protocol):
    """What an edit writes to; the store implements it inside one transaction."""

    def insert_span(self, span: Span) -> None: ...
    def delete_span(self, span_id: str) -> None: ...
    def update_span(self, span: Span) -> None: ...
    def insert_relation(self, relation: Relation) -> None: ...
    def delete_relation(self, relation_id: str) -> None: ...
    def update_document(self, doc_id: str, fields: dict[str, Any]) -> None: ...
    def set_suggestion_status(self, suggestion_id: str, status: str) -> None: ...
    def set_curation_decision(self, doc_id: str, span_id: str, decision: str | None) -> None:
        """Record the curator's decision on an annotator's span (None: undecided again)."""

    def set_annotator_status(self, doc_id: str, annotator: str, status: str) -> None:
        """Set one annotator's status of a document (``GOLD``'s marks it curated)."""


@dataclass(frozen=True)
class Changes:
    """What an applied edit touched; views refresh from this instead of re-reading everything."""

    doc_ids: frozenset[str] = frozenset()
    span_ids: frozenset[str] = frozenset()
    relation_ids: frozenset[str] = frozenset()
    document_fields: bool = False
    suggestion_ids: frozenset[str] = frozenset()
    schema: bool = False
    """The project's schema (layers, labels, relation types, attributes) changed."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.doc_ids | other.doc_ids,
            self.span_ids | other.span_ids,
            self.relation_ids | other.relation_ids,
            self.document_fields or other.document_fields,
            self.suggestion_ids | other.suggestion_ids,
            self.schema or other.schema,
        )


class Edit(ABC):
    kind: str = "edit"

    @abstractmethod
    def apply(self, target: EditTarget) -> None:
        """Write this edit to ``target``."""

    @abstractmethod
    def inverse(self) -> Edit:
        """The edit that undoes this one."""

    @abstractmethod
    def changes(self) -> Changes:
        """Which documents, spans, relations and suggestions this edit touches."""

    def describe(self) -> str:
        """A short imperative phrase for the undo menu and the edit log ("relabel GPE → LOC")."""
        return self.kind

    def done_text(self) -> str:
        """What applying this edit did, in the past tense, for the status bar."""
        return self.describe()

    @abstractmethod
    def payload(self) -> dict[str, Any]:
        """JSON-friendly description for the edit log."""


@dataclass(frozen=True)
class AddSpan(Edit):
    span: Span
    relations: tuple[Relation, ...] = ()
    kind = "add_span"

    def apply(self, target: EditTarget) -> None:
        target.insert_span(self.span)
        for relation in self.relations:
            target.insert_relation(relation)

    def inverse(self) -> Edit:
        return RemoveSpan(self.span, self.relations)

    def changes(self) -> Changes:
        return _span_changes(self.span, self.relations)

    def describe(self) -> str:
        return f"add {self.span.label} “{_short(self.span.text)}”"

    def done_text(self) -> str:
        return f"added {self.span.label} “{_short(self.span.text, 40)}”"

    def payload(self) -> dict[str, Any]:
        return {"span": asdict(self.span), "relations": [asdict(r) for r in self.relations]}


@dataclass(frozen=True)
class RemoveSpan(Edit):
    """Removes a span and the relations that touch it (they come back on undo)."""

    span: Span
    relations: tuple[Relation, ...] = ()
    kind = "remove_span"

    def apply(self, target: EditTarget) -> None:
        for relation in self.relations:
            target.delete_relation(relation.id)
        target.delete_span(self.span.id)

    def inverse(self) -> Edit:
        return AddSpan(self.span, self.relations)

    def changes(self) -> Changes:
        return _span_changes(self.span, self.relations)

    def describe(self) -> str:
        return f"delete {self.span.label} “{_short(self.span.text)}”"

    def done_text(self) -> str:
        return f"deleted {self.span.label} “{_short(self.span.text, 40)}”"

    def payload(self) -> dict[str, Any]:
        return {"span": asdict(self.span), "relations": [asdict(r) for r in self.relations]}


@dataclass(frozen=True)
class UpdateSpan(Edit):
    """Relabel, boundary move, attribute or note change: the whole span before and after."""

    before: Span
    after: Span
    kind = "update_span"

    def apply(self, target: EditTarget) -> None:
        target.update_span(self.after)

    def inverse(self) -> Edit:
        return UpdateSpan(self.after, self.before)

    def changes(self) -> Changes:
        return Changes(frozenset({self.after.doc_id}), frozenset({self.after.id}))

    def describe(self) -> str:
        if self.before.label != self.after.label:
            return f"relabel {self.before.label} → {self.after.label}"
        if (self.before.start, self.before.end) != (self.after.start, self.after.end):
            return f"move boundary of {self.after.label}"
        if self.before.attrs != self.after.attrs:
            return "change attribute"
        return "edit span note"

    def done_text(self) -> str:
        before, after = self.before, self.after
        if before.label != after.label:
            return f"relabelled “{_short(after.text, 40)}” {before.label} → {after.label}"
        where = f"{after.label} “{_short(after.text, 40)}”"
        if (before.start, before.end) != (after.start, after.end):
            return f"{after.label} now spans “{_short(after.text, 40)}”"
        changed = _changed_values(before.attrs, after.attrs)
        if changed:
            return f"set {changed} on {where}"
        if before.note != after.note:
            return f"note of {where} saved"
        return self.describe()

    def payload(self) -> dict[str, Any]:
        return {"before": asdict(self.before), "after": asdict(self.after)}


@dataclass(frozen=True)
class AddRelation(Edit):
    relation: Relation
    kind = "add_relation"

    def apply(self, target: EditTarget) -> None:
        target.insert_relation(self.relation)

    def inverse(self) -> Edit:
        return RemoveRelation(self.relation)

    def changes(self) -> Changes:
        return _relation_changes(self.relation)

    def describe(self) -> str:
        return f"add relation {self.relation.label}"

    def done_text(self) -> str:
        return f"added relation {self.relation.label}"

    def payload(self) -> dict[str, Any]:
        return {"relation": asdict(self.relation)}


@dataclass(frozen=True)
class RemoveRelation(Edit):
    relation: Relation
    kind = "remove_relation"

    def apply(self, target: EditTarget) -> None:
        target.delete_relation(self.relation.id)

    def inverse(self) -> Edit:
        return AddRelation(self.relation)

    def changes(self) -> Changes:
        return _relation_changes(self.relation)

    def describe(self) -> str:
        return f"delete relation {self.relation.label}"

    def done_text(self) -> str:
        return f"deleted relation {self.relation.label}"

    def payload(self) -> dict[str, Any]:
        return {"relation": asdict(self.relation)}


@dataclass(frozen=True)
class UpdateDocument(Edit):
    """Change of document-level fields (status, note, labels)."""

    doc_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    kind = "update_document"

    def apply(self, target: EditTarget) -> None:
        target.update_document(self.doc_id, self.after)

    def inverse(self) -> Edit:
        return UpdateDocument(self.doc_id, self.after, self.before)

    def changes(self) -> Changes:
        return Changes(frozenset({self.doc_id}), document_fields=True)

    def describe(self) -> str:
        return "change " + ", ".join(sorted(self.after))

    def done_text(self) -> str:
        fields = set(self.after)
        if fields == {"status"}:
            return f"status set to {str(self.after['status']).replace('_', ' ')}"
        if fields == {"note"}:
            return "document note saved"
        if fields == {"title"}:
            return f"document title set to “{_short(str(self.after['title']), 60)}”"
        if fields == {"labels"}:
            changed = _changed_values(
                self.before.get("labels") or {}, self.after.get("labels") or {}
            )
            if changed:
                return f"document label {changed}"
        return self.describe()

    def payload(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits applied as one (one transaction, one undo step)."""

    edits: tuple[Edit, ...]
    label: str = "batch"
    kind = "batch"

    def apply(self, target: EditTarget) -> None:
        for edit in self.edits:
            edit.apply(target)

    def inverse(self) -> Edit:
        # Undoing an undo is the original batch again, under its own name (the edit log shows it).
        undone = self.label.startswith("undo ")
        label = self.label.removeprefix("undo ") if undone else f"undo {self.label}"
        return Batch(tuple(edit.inverse() for edit in reversed(self.edits)), label)

    def changes(self) -> Changes:
        total = Changes()
        for edit in self.edits:
            total = total | edit.changes()
        return total

    def describe(self) -> str:
        return self.label

    def payload(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "edits": [{"kind": e.kind, **e.payload()} for e in self.edits],
        }


def _span_changes(span: Span, relations: tuple[Relation, ...]) -> Changes:
    return Changes(
        frozenset({span.doc_id}), frozenset({span.id}), frozenset(r.id for r in relations)
    )


def _relation_changes(relation: Relation) -> Changes:
    return Changes(frozenset({relation.doc_id}), relation_ids=frozenset({relation.id}))


def _changed_values(before: dict[str, Any], after: dict[str, Any]) -> str:
    """The names whose values differ, with their new values: "checkworthy = true, topic = none"."""
    return ", ".join(
        f"{name} = {_value(after.get(name))}"
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    )


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value is None else str(value)


def _short(text: str, limit: int = 30) -> str:
    """``text`` on one line, cut to ``limit`` characters: 30 fit the undo menu, the status bar
    shows 40."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
