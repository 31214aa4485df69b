"""Curation edits: accept a reading into gold, reject it, accept every unanimous reading, mark
a document curated.

Accepting copies the reading's span (label, offsets, attributes, note) with annotator
``GOLD``; relations of the annotators follow into gold once both their ends are in gold.
Accepting or rejecting a reading also rejects the open readings it competes with (its
alternatives: overlapping, made by none of the same annotators), so one key settles a
difference. Each builder returns one ``CurationStep``: one transaction, one undo step.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.comparison import ACCEPTED, OPEN, REJECTED, Version, gold_span_id
from annotator.core.curation import Curation
from annotator.core.curation_edits import CurationStep, Decision, SetAnnotatorStatus
from annotator.core.edits import _short
from annotator.core.errors import ValidationError
from annotator.core.model import Relation, Span, new_id, now_iso
from annotator.core.operations.refusal import Refusal
from annotator.core.schema import Schema
from annotator.core.team import CURATED, GOLD
from annotator.core.validation import check_relation


class _Plan:
    """The gold spans, relations and decisions one step adds, built reading by reading."""

    def __init__(self, curation: Curation, schema: Schema | None) -> None:
        """``schema`` checks the relations that follow into gold (None: none follow)."""
        self.curation = curation
        self.schema = schema
        self.spans: list[Span] = []
        self.relations: list[Relation] = []
        self.decisions: dict[str, Decision] = {}
        self.accepted: dict[tuple[str, str, int, int], Span] = {}
        self.relation_keys: set[tuple[str, str, str]] = set()

    def decide(self, version: Version, decision: str) -> None:
        for span in version.spans:
            before = self.curation.decisions.get(span.id)
            if before != decision:
                self.decisions[span.id] = (span.id, before, decision)

    def gold_of(self, version: Version) -> Span | None:
        planned = self.accepted.get(version.key)
        if planned is not None:
            return planned
        if self.curation.state(version) != ACCEPTED:
            return None
        return self.curation.gold_of(version)

    def accept(self, version: Version) -> None:
        gold = self.curation.gold_of(version)
        if gold is None:
            source = version.source
            gold = replace(
                source,
                id=gold_span_id(source.id),
                annotator=GOLD,
                created_at=now_iso(),
                attrs=dict(source.attrs),
            )
            self.spans.append(gold)
        self.accepted[version.key] = gold
        self.decide(version, ACCEPTED)
        for span in version.spans:
            for relation in self.curation.relations_of.get(span.id, ()):
                self._follow(relation, span, gold)

    def _follow(self, relation: Relation, span: Span, gold: Span) -> None:
        """Copy ``relation`` into gold when its other end is in gold too."""
        other_id = relation.tail if relation.head == span.id else relation.head
        other_version = self.curation.version_of.get(other_id)
        other = self.gold_of(other_version) if other_version is not None else None
        if other is None or other.id == gold.id or self.schema is None:
            return
        head, tail = (gold, other) if relation.head == span.id else (other, gold)
        key = (relation.label, head.id, tail.id)
        if key in self.curation.gold_relations or key in self.relation_keys:
            return
        copy = Relation(new_id("r"), gold.doc_id, relation.label, head.id, tail.id, GOLD, now_iso())
        try:  # a gold end relabelled since may no longer take this relation type
            check_relation(copy, {head.id: head, tail.id: tail}, self.schema)
        except ValidationError:
            return
        self.relation_keys.add(key)
        self.relations.append(copy)

    def step(self, summary: str, done: str) -> CurationStep:
        return CurationStep(
            self.curation.doc_id,
            tuple(self.spans),
            tuple(self.relations),
            tuple(self.decisions.values()),
            summary,
            done,
        )


def _reading(version: Version) -> str:
    return f"{version.label} “{_short(version.text)}”"


def _others(count: int) -> str:
    return f"; rejected {count} other reading{'s' if count != 1 else ''}" if count else ""


def accept_edit(curation: Curation, schema: Schema, version: Version) -> CurationStep | Refusal:
    """Accept ``version`` into gold and reject the open readings it competes with."""
    group = curation.group_of(version)
    rivals = [v for v in group.alternatives(version) if curation.state(v) == OPEN]
    if curation.state(version) == ACCEPTED and not rivals:
        return Refusal(f"{_reading(version)} is already in gold")
    plan = _Plan(curation, schema)
    plan.accept(version)
    for rival in rivals:
        plan.decide(rival, REJECTED)
    who = ", ".join(version.annotators)
    return plan.step(
        f"accept {_reading(version)} ({who})",
        f"accepted {_reading(version)} of {who} into gold{_others(len(rivals))}",
    )


def reject_edit(curation: Curation, version: Version) -> CurationStep | Refusal:
    """Reject ``version`` and the open readings it competes with: nothing of them in gold."""
    if curation.state(version) == ACCEPTED:
        return Refusal(f"{_reading(version)} is in gold; Ctrl+Z takes the step back")
    group = curation.group_of(version)
    rivals = [v for v in group.alternatives(version) if curation.state(v) == OPEN]
    if curation.state(version) == REJECTED and not rivals:
        return Refusal(f"{_reading(version)} is already rejected")
    plan = _Plan(curation, None)
    plan.decide(version, REJECTED)
    for rival in rivals:
        plan.decide(rival, REJECTED)
    return plan.step(
        f"reject {_reading(version)}",
        f"rejected {_reading(version)}{_others(len(rivals))}: nothing of it in gold",
    )


def accept_unanimous_edit(curation: Curation, schema: Schema) -> CurationStep | Refusal:
    """Accept, in one step, every open reading all annotators made."""
    plan = _Plan(curation, schema)
    count = 0
    for group in curation.groups_where(differences_only=False, open_only=True):
        if curation.is_difference(group):
            continue
        for version in group.versions:
            if curation.state(version) == OPEN:
                plan.accept(version)
                count += 1
    if not count:
        return Refusal("No reading that every annotator made is waiting for gold")
    spans = f"{count} span{'s' if count != 1 else ''}"
    return plan.step(f"accept {spans} all annotators agree on", f"accepted {spans} into gold")


def mark_curated_edit(curation: Curation, gold_status: str) -> SetAnnotatorStatus | Refusal:
    """Mark the document curated (its gold status done) once no difference is open."""
    if gold_status == CURATED:
        return Refusal("This document is already marked curated")
    waiting = len(curation.groups_where(differences_only=True, open_only=True))
    if waiting:
        return Refusal(
            f"{waiting} difference{'s are' if waiting != 1 else ' is'} still open: "
            "accept (A) or reject (X) them first"
        )
    return SetAnnotatorStatus(curation.doc_id, GOLD, gold_status, CURATED)
