"""Edits rebuilt from their edit-log payloads, so undo and the history reach back across a
restart. ``Edit.payload()`` writes every field an edit needs; this reads it back.

An entry that is not an edit (an import, a schema change, pre-annotation) or that an older
version wrote differently rebuilds to ``None``: history before it cannot be replayed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.core.curation_edits import annotator_status_from_log, curation_step_from_log
from annotator.core.edits import (
    AddRelation,
    AddSpan,
    Batch,
    Edit,
    RemoveRelation,
    RemoveSpan,
    UpdateDocument,
    UpdateSpan,
)
from annotator.core.model import Relation, Span
from annotator.core.suggestion_edits import (
    AcceptSuggestion,
    RejectSuggestion,
    SetSuggestionStatus,
    Suggestion,
)


def _span(data: dict[str, Any]) -> Span:
    return Span(**data)


def _relations(data: dict[str, Any]) -> tuple[Relation, ...]:
    return tuple(Relation(**r) for r in data.get("relations", ()))


def _batch(data: dict[str, Any]) -> Batch:
    edits = []
    for item in data["edits"]:
        fields = {k: v for k, v in item.items() if k != "kind"}
        edit = edit_from_log(item["kind"], fields)
        if edit is None:
            raise ValueError(f"cannot rebuild {item['kind']!r}")
        edits.append(edit)
    return Batch(tuple(edits), data["label"])


_BUILDERS: dict[str, Callable[[dict[str, Any]], Edit]] = {
    "add_span": lambda d: AddSpan(_span(d["span"]), _relations(d)),
    "remove_span": lambda d: RemoveSpan(_span(d["span"]), _relations(d)),
    "update_span": lambda d: UpdateSpan(_span(d["before"]), _span(d["after"])),
    "add_relation": lambda d: AddRelation(Relation(**d["relation"])),
    "remove_relation": lambda d: RemoveRelation(Relation(**d["relation"])),
    "update_document": lambda d: UpdateDocument(d["doc_id"], d["before"], d["after"]),
    "batch": _batch,
    "suggestion_status": lambda d: SetSuggestionStatus(
        d["suggestion_id"], d["doc_id"], d["before"], d["after"]
    ),
    "accept_suggestion": lambda d: AcceptSuggestion(
        Suggestion(**d["suggestion"]), _span(d["span"]) if d["span"] else None
    ),
    "reject_suggestion": lambda d: RejectSuggestion(Suggestion(**d["suggestion"])),
    "curation": curation_step_from_log,
    "annotator_status": annotator_status_from_log,
}


def edit_from_log(kind: str, payload: dict[str, Any]) -> Edit | None:
    """The edit a log entry recorded, or None when it is not one this version can replay."""
    builder = _BUILDERS.get(kind)
    if builder is None:
        return None
    try:
        return builder(payload)
    except (KeyError, TypeError, ValueError):
        return None
