"""Who annotates which document: a balanced, reproducible assignment of documents to
annotators, ``per_doc`` of them on each document.

Balance counts the assignments that already exist: each document goes to the listed
annotators who hold the fewest assignments at that moment (existing ones included), so the
loads never drift more than one apart when they start no further apart; ties are broken by a
``random.Random(seed)`` draw, so the same input gives the same plan and pairs of annotators
vary from document to document (agreement needs many different pairs). Only the listed
annotators count towards a document's ``per_doc``: a document someone else also holds still
gets ``per_doc`` of the listed ones, and running the same plan again adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.errors import ValidationError
from annotator.core.team import check_annotator


@dataclass(frozen=True)
class AssignmentPlan:
    """The assignments to add, and each listed annotator's load once they are added."""

    pairs: tuple[tuple[str, str], ...]
    """(document id, annotator) to assign, in document order."""
    loads: dict[str, int]
    """Annotator -> assigned documents afterwards (existing and added), in the given order."""
    added: dict[str, int]
    """Annotator -> documents this plan adds, in the given order."""

    @property
    def documents(self) -> int:
        """How many documents get at least one assignment."""
        return len({doc_id for doc_id, _name in self.pairs})


def plan_assignment(
    doc_ids: Sequence[str],
    annotators: Sequence[str],
    per_doc: int,
    *,
    existing: Mapping[str, Collection[str]] | None = None,
    seed: int = 0,
) -> AssignmentPlan:
    """Assign each of ``doc_ids`` to ``per_doc`` of ``annotators`` (never one twice).

    ``existing`` maps every document of the project to the annotators it is already assigned
    to; they count towards the loads, and towards a document's ``per_doc`` when listed.
    Raises ValidationError saying what is wrong with the request; nothing is planned then.
    """
    names = _checked_names(annotators)
    if per_doc < 1:
        raise ValidationError(f"per-doc must be at least 1, not {per_doc}")
    if per_doc > len(names):
        raise ValidationError(
            f"per-doc {per_doc} is more than the {len(names)} annotator"
            f"{'' if len(names) == 1 else 's'} given ({', '.join(names)}): "
            "a document cannot go to the same annotator twice"
        )
    if not doc_ids:
        raise ValidationError("no documents selected: there is nothing to assign")
    existing = existing or {}
    loads = dict.fromkeys(names, 0)
    for holders in existing.values():
        for name in holders:
            if name in loads:
                loads[name] += 1
    added = dict.fromkeys(names, 0)
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    for doc_id in dict.fromkeys(doc_ids):
        holders = set(existing.get(doc_id, ()))
        missing = per_doc - sum(1 for name in names if name in holders)
        if missing <= 0:
            continue
        candidates = [name for name in names if name not in holders]
        ties = {name: rng.random() for name in candidates}
        chosen = sorted(candidates, key=lambda name: (loads[name], ties[name]))[:missing]
        for name in sorted(chosen, key=names.index):
            pairs.append((doc_id, name))
            loads[name] += 1
            added[name] += 1
    return AssignmentPlan(tuple(pairs), loads, added)


def _checked_names(annotators: Sequence[str]) -> list[str]:
    if not annotators:
        raise ValidationError("no annotators given: name at least one (ana,budi,...)")
    names: list[str] = []
    for name in annotators:
        check_annotator(name)
        if name in names:
            raise ValidationError(f"annotator {name!r} is named twice")
        names.append(name)
    return names


def loads_text(plan: AssignmentPlan) -> str:
    """``ana 4 (+2) · budi 4 (+2)``: each annotator's load, with what the plan adds."""
    return " · ".join(f"{name} {plan.loads[name]} (+{plan.added[name]})" for name in plan.loads)
