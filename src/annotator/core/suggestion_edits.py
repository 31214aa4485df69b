"""Suggestions (machine proposals awaiting review) and the edits that decide them.

Accepting turns a suggestion into a normal span (its ``origin`` keeps the source) and marks
it accepted in the same transaction; rejecting only marks it. Both are undoable edits like
any other, so a whole "accept all" is one Batch and one undo step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.edits import Batch, Changes, Edit, EditTarget, RemoveSpan, _short
from annotator.core.model import Span, new_id, now_iso

SUGGESTION_STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    doc_id: str
    layer: str
    label: str
    start: int
    end: int
    text: str
    source: str
    score: float | None = None
    status: str = "pending"
    created_at: str = ""

    def as_span(self, annotator: str, attrs: dict[str, Any] | None = None) -> Span:
        """The span accepting this suggestion creates (origin = the suggestion's source)."""
        return Span(
            id=new_id("s"),
            doc_id=self.doc_id,
            layer=self.layer,
            label=self.label,
            start=self.start,
            end=self.end,
            text=self.text,
            annotator=annotator,
            created_at=now_iso(),
            attrs=dict(attrs or {}),
            origin=self.source,
        )


@dataclass(frozen=True)
class SetSuggestionStatus(Edit):
    """Move a suggestion from one status to another (the inverse of accept and reject)."""

    suggestion_id: str
    doc_id: str
    before: str
    after: str
    kind = "suggestion_status"

    def apply(self, target: EditTarget) -> None:
        target.set_suggestion_status(self.suggestion_id, self.after)

    def inverse(self) -> Edit:
        return SetSuggestionStatus(self.suggestion_id, self.doc_id, self.after, self.before)

    def changes(self) -> Changes:
        return Changes(frozenset({self.doc_id}), suggestion_ids=frozenset({self.suggestion_id}))

    def describe(self) -> str:
        return f"suggestion {self.before} → {self.after}"

    def payload(self) -> dict[str, Any]:
        return {
            "suggestion_id": self.suggestion_id,
            "doc_id": self.doc_id,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class AcceptSuggestion(Edit):
    """Add ``span`` (None when an identical span already exists) and mark the suggestion."""

    suggestion: Suggestion
    span: Span | None
    kind = "accept_suggestion"

    def apply(self, target: EditTarget) -> None:
        if self.span is not None:
            target.insert_span(self.span)
        target.set_suggestion_status(self.suggestion.id, "accepted")

    def inverse(self) -> Edit:
        status = SetSuggestionStatus(
            self.suggestion.id, self.suggestion.doc_id, "accepted", self.suggestion.status
        )
        if self.span is None:
            return status
        return Batch((status, RemoveSpan(self.span)), f"undo {self.describe()}")

    def changes(self) -> Changes:
        spans = frozenset({self.span.id}) if self.span else frozenset()
        return Changes(
            frozenset({self.suggestion.doc_id}),
            spans,
            suggestion_ids=frozenset({self.suggestion.id}),
        )

    def describe(self) -> str:
        return f"accept {self.suggestion.label} “{_short(self.suggestion.text)}”"

    def payload(self) -> dict[str, Any]:
        return {
            "suggestion": asdict(self.suggestion),
            "span": asdict(self.span) if self.span else None,
        }


@dataclass(frozen=True)
class RejectSuggestion(Edit):
    suggestion: Suggestion
    kind = "reject_suggestion"

    def apply(self, target: EditTarget) -> None:
        target.set_suggestion_status(self.suggestion.id, "rejected")

    def inverse(self) -> Edit:
        return SetSuggestionStatus(
            self.suggestion.id, self.suggestion.doc_id, "rejected", self.suggestion.status
        )

    def changes(self) -> Changes:
        return Changes(
            frozenset({self.suggestion.doc_id}), suggestion_ids=frozenset({self.suggestion.id})
        )

    def describe(self) -> str:
        return f"reject {self.suggestion.label} “{_short(self.suggestion.text)}”"

    def payload(self) -> dict[str, Any]:
        return {"suggestion": asdict(self.suggestion)}
