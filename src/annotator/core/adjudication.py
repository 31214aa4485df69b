"""The automatic part of adjudication: what enough annotators agree on becomes gold.

A span of one annotator agrees with another's when both have the same layer, label, start and
end. Such a span becomes a gold span (annotator ``GOLD``) when at least ``min_agree``
annotators made it; its attributes are those all of them gave the same value. A relation
becomes gold when at least ``min_agree`` annotators drew it with the same type between spans
that agree and are gold. Everything else is left to the curator and counted, so the caller can
tell whether anything is left to decide.

Gold that exists already is never added again: running adjudication twice adds nothing. Gold
ids are made from the document id and what the span or relation is, so two copies of a
project adjudicated apart get the same ids (a merge finds them equal); an id the document
already uses for something else gets a fresh one instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.model import Document, Relation, Span, new_id, now_iso
from annotator.core.team import GOLD

SpanKey = tuple[str, str, int, int]
"""What makes two annotators' spans the same: layer, label, start, end."""
RelationKey = tuple[str, SpanKey, SpanKey]
"""Type, head and tail of a relation, its ends told by what they are, not by id."""

ORIGIN = "adjudication"
"""The ``origin`` of a gold span made here (the curator's own gold spans have none)."""
REJECTED = "rejected"
"""A curator's decision on one annotator's span that takes it out of the vote."""


def span_key(span: Span) -> SpanKey:
    return (span.layer, span.label, span.start, span.end)


@dataclass(frozen=True)
class Adjudication:
    """What adjudicating one document adds to gold, and what it leaves to the curator."""

    spans: tuple[Span, ...]
    """New gold spans, in document order."""
    relations: tuple[Relation, ...]
    """New gold relations between gold spans."""
    waiting_spans: int
    """Spans (counted once however many annotators made them) neither gold nor decided."""
    waiting_relations: int
    """Relations (counted the same way) not gold."""
    waiting_attributes: int
    """Gold spans whose annotators gave an attribute different values and gold has none."""

    @property
    def settled(self) -> bool:
        """Whether nothing is left for the curator to decide."""
        return not (self.waiting_spans or self.waiting_relations or self.waiting_attributes)


def adjudicate(
    doc: Document,
    spans: Iterable[Span],
    relations: Iterable[Relation],
    *,
    annotators: Collection[str],
    min_agree: int,
    exclusive_layers: Collection[str] = (),
    decisions: Mapping[str, str] | None = None,
) -> Adjudication:
    """Adjudicate ``doc`` from all its ``spans`` and ``relations`` (gold ones included).

    Only the work of ``annotators`` is compared. ``exclusive_layers`` are the layers whose
    spans may not overlap: an agreed span that would overlap gold there is left to the curator.
    ``decisions`` maps span ids to the curator's ``accepted``/``rejected``: a rejected span
    does not count as agreement, and a decided span is not waiting.
    """
    if min_agree < 1:
        raise ValueError("min_agree must be at least 1")
    decided = dict(decisions or {})
    spans, relations = list(spans), list(relations)
    names = set(annotators) - {GOLD, ""}
    gold = {span_key(s): s for s in spans if s.annotator == GOLD}
    voters: dict[SpanKey, dict[str, Span]] = {}
    for span in spans:
        if span.annotator in names and decided.get(span.id) != REJECTED:
            voters.setdefault(span_key(span), {}).setdefault(span.annotator, span)
    used_ids = {s.id for s in spans} | {r.id for r in relations}

    added: list[Span] = []
    waiting_attributes = 0
    for key in sorted(voters, key=lambda k: (-len(voters[k]), k[2], -k[3], k[0], k[1])):
        made = list(voters[key].values())
        if key in gold:
            waiting_attributes += _attribute_left_open(made, gold[key])
            continue
        if len(made) < min_agree:
            continue
        if key[0] in exclusive_layers and _overlaps_gold(key, gold.values()):
            continue
        attrs = _agreed_attributes(made)
        span = Span(
            id=_fresh(_gold_id("s", doc.id, key), used_ids, "s"),
            doc_id=doc.id,
            layer=key[0],
            label=key[1],
            start=key[2],
            end=key[3],
            text=doc.text[key[2] : key[3]],
            annotator=GOLD,
            created_at=now_iso(),
            attrs=attrs,
            origin=ORIGIN,
        )
        gold[key] = span
        added.append(span)
        waiting_attributes += _attribute_left_open(made, span)
    waiting_spans = sum(
        1
        for key, made in _undecided(voters, spans, names, decided).items()
        if key not in gold and made
    )
    new_relations, waiting_relations = _relations(
        doc, spans, relations, names, gold, min_agree, used_ids
    )
    added.sort(key=lambda s: (s.start, -s.end, s.layer, s.label))
    return Adjudication(
        tuple(added), tuple(new_relations), waiting_spans, waiting_relations, waiting_attributes
    )


def _undecided(
    voters: Mapping[SpanKey, Mapping[str, Span]],
    spans: list[Span],
    names: set[str],
    decided: Mapping[str, str],
) -> dict[SpanKey, bool]:
    """Each span key the annotators made -> whether any of its spans is still undecided."""
    found: dict[SpanKey, bool] = {key: False for key in voters}
    for span in spans:
        if span.annotator in names:
            key = span_key(span)
            found[key] = found.get(key, False) or span.id not in decided
    return found


def _relations(
    doc: Document,
    spans: list[Span],
    relations: list[Relation],
    names: set[str],
    gold: Mapping[SpanKey, Span],
    min_agree: int,
    used_ids: set[str],
) -> tuple[list[Relation], int]:
    by_id = {s.id: s for s in spans}
    gold_keys: set[RelationKey] = set()
    votes: dict[RelationKey, set[str]] = {}
    for relation in relations:
        head, tail = by_id.get(relation.head), by_id.get(relation.tail)
        if head is None or tail is None:
            continue
        key = (relation.label, span_key(head), span_key(tail))
        if relation.annotator == GOLD and head.annotator == GOLD and tail.annotator == GOLD:
            gold_keys.add(key)
        elif relation.annotator in names:
            votes.setdefault(key, set()).add(relation.annotator)
    added: list[Relation] = []
    waiting = 0
    for key in sorted(votes, key=lambda k: (k[1][2], k[2][2], k[0], k[1], k[2])):
        if key in gold_keys:
            continue
        head, tail = gold.get(key[1]), gold.get(key[2])
        if len(votes[key]) < min_agree or head is None or tail is None:
            waiting += 1
            continue
        added.append(
            Relation(
                id=_fresh(_gold_id("r", doc.id, key), used_ids, "r"),
                doc_id=doc.id,
                label=key[0],
                head=head.id,
                tail=tail.id,
                annotator=GOLD,
                created_at=now_iso(),
            )
        )
    return added, waiting


def _agreed_attributes(made: list[Span]) -> dict[str, Any]:
    """The attributes every one of the spans has, with the same value."""
    first, rest = made[0], made[1:]
    return {
        name: value
        for name, value in first.attrs.items()
        if all(name in other.attrs and other.attrs[name] == value for other in rest)
    }


def _attribute_left_open(made: list[Span], gold: Span) -> int:
    """1 when the annotators disagree on an attribute that ``gold`` has no value for."""
    names = {name for span in made for name in span.attrs}
    agreed = _agreed_attributes(made)
    return int(any(name not in agreed and name not in gold.attrs for name in names))


def _overlaps_gold(key: SpanKey, gold: Iterable[Span]) -> bool:
    layer, _, start, end = key
    return any(s.layer == layer and s.overlaps(start, end) for s in gold)


def _gold_id(prefix: str, doc_id: str, key: object) -> str:
    digest = hashlib.sha256(f"{doc_id}\x00{key!r}".encode()).hexdigest()[:16]
    return f"{prefix}-gold-{digest}"


def _fresh(wanted: str, used: set[str], prefix: str) -> str:
    """``wanted`` unless the document already uses it, then a fresh id; either is marked used."""
    chosen = wanted if wanted not in used else new_id(prefix)
    used.add(chosen)
    return chosen
