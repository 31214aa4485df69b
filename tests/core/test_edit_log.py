"""Every edit comes back from its edit-log payload (as stored: JSON) equal to itself, so undo
and the History panel can replay edits made before a restart."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from annotator.core.edit_log import edit_from_log
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

SPAN = Span("s1", "d", "entity", "GPE", 3, 4, "😀", "ann", "2026-12-01T10:00:00", {"x": 1}, "n")
OTHER = Span("s2", "d", "claim", "CLAIM", 0, 2, "Hi", "ann")
RELATION = Relation("r1", "d", "claimant", "s2", "s1", "ann")
SUGGESTION = Suggestion("g1", "d", "entity", "GPE", 3, 4, "😀", "gazetteer", 0.5)

EDITS: list[Edit] = [
    AddSpan(SPAN),
    AddSpan(OTHER, (RELATION,)),
    RemoveSpan(SPAN, (RELATION,)),
    UpdateSpan(SPAN, replace(SPAN, label="LOC", attrs={})),
    AddRelation(RELATION),
    RemoveRelation(RELATION),
    UpdateDocument("d", {"status": "todo"}, {"status": "done"}),
    Batch((AddSpan(SPAN), AddRelation(RELATION)), "annotate all"),
    SetSuggestionStatus("g1", "d", "pending", "accepted"),
    AcceptSuggestion(SUGGESTION, SPAN),
    AcceptSuggestion(SUGGESTION, None),
    RejectSuggestion(SUGGESTION),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.kind)
def test_an_edit_is_rebuilt_from_its_stored_payload(edit: Edit) -> None:
    stored = json.loads(json.dumps(edit.payload(), ensure_ascii=False))
    rebuilt = edit_from_log(edit.kind, stored)
    assert rebuilt == edit
    assert rebuilt is not None and rebuilt.inverse() == edit.inverse()


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("import", {"documents": 3}),
        ("schema_change", {"added": []}),
        ("add_span", {"spam": {}}),
        ("batch", {"label": "x", "edits": [{"kind": "import"}]}),
    ],
)
def test_an_entry_that_is_not_a_replayable_edit_rebuilds_to_none(kind: str, payload) -> None:
    assert edit_from_log(kind, payload) is None
