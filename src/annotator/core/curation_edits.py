"""The edits a curator makes: a step of curation, and marking a document curated.

A step writes gold spans and relations (copies with annotator ``GOLD``) and the curator's
decision on each annotator's span it settles, in one transaction, so one Ctrl+Z takes back
both the gold and the decisions. Decisions are kept because a rejection leaves nothing in
gold: without them a rejected difference would come back on the next open.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.edits import Changes, Edit, EditTarget
from annotator.core.model import Relation, Span
from annotator.core.team import CURATED, GOLD

Decision = tuple[str, str | None, str | None]
"""(annotator's span id, decision before, decision after); None is "not decided"."""


@dataclass(frozen=True)
class CurationStep(Edit):
    """Gold spans and relations added (or, as an undo, removed) with the decisions they settle."""

    doc_id: str
    gold_spans: tuple[Span, ...] = ()
    gold_relations: tuple[Relation, ...] = ()
    decisions: tuple[Decision, ...] = ()
    summary: str = "curate"
    done: str = "curated"
    removes: bool = False
    """The undo of a step: its relations and spans are deleted and the decisions restored."""
    kind = "curation"

    def apply(self, target: EditTarget) -> None:
        if self.removes:
            for span_id, _before, after in self.decisions:
                target.set_curation_decision(self.doc_id, span_id, after)
            for relation in self.gold_relations:
                target.delete_relation(relation.id)
            for span in self.gold_spans:
                target.delete_span(span.id)
            return
        for span in self.gold_spans:
            target.insert_span(span)
        for relation in self.gold_relations:
            target.insert_relation(relation)
        for span_id, _before, after in self.decisions:
            target.set_curation_decision(self.doc_id, span_id, after)

    def inverse(self) -> Edit:
        undone = self.summary.startswith("undo ")
        return CurationStep(
            self.doc_id,
            self.gold_spans,
            self.gold_relations,
            tuple((span_id, after, before) for span_id, before, after in self.decisions),
            self.summary.removeprefix("undo ") if undone else f"undo {self.summary}",
            self.done,
            not self.removes,
        )

    def changes(self) -> Changes:
        return Changes(
            frozenset({self.doc_id}),
            frozenset(span.id for span in self.gold_spans),
            frozenset(relation.id for relation in self.gold_relations),
        )

    def describe(self) -> str:
        return self.summary

    def done_text(self) -> str:
        return f"took back: {self.done}" if self.removes else self.done

    def payload(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "gold_spans": [asdict(span) for span in self.gold_spans],
            "gold_relations": [asdict(relation) for relation in self.gold_relations],
            "decisions": [list(decision) for decision in self.decisions],
            "summary": self.summary,
            "done": self.done,
            "removes": self.removes,
        }


@dataclass(frozen=True)
class SetAnnotatorStatus(Edit):
    """One annotator's status of a document (the gold status marks a document curated),
    logged under whoever made the change."""

    doc_id: str
    annotator: str
    before: str
    after: str
    kind = "annotator_status"

    def apply(self, target: EditTarget) -> None:
        target.set_annotator_status(self.doc_id, self.annotator, self.after)

    def inverse(self) -> Edit:
        return SetAnnotatorStatus(self.doc_id, self.annotator, self.after, self.before)

    def changes(self) -> Changes:
        return Changes(frozenset({self.doc_id}), document_fields=True)

    def describe(self) -> str:
        if self.annotator == GOLD and self.after == CURATED:
            return "mark curated"
        return f"set {self._whose()} status to {self.after.replace('_', ' ')}"

    def done_text(self) -> str:
        if self.annotator == GOLD and self.after == CURATED:
            return "document marked curated"
        return f"{self._whose()} status set to {self.after.replace('_', ' ')}"

    def _whose(self) -> str:
        return "the gold" if self.annotator == GOLD else f"{self.annotator}'s"

    def payload(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "annotator": self.annotator,
            "before": self.before,
            "after": self.after,
        }


def curation_step_from_log(data: dict[str, Any]) -> CurationStep:
    return CurationStep(
        data["doc_id"],
        tuple(Span(**span) for span in data["gold_spans"]),
        tuple(Relation(**relation) for relation in data["gold_relations"]),
        tuple((str(d[0]), d[1], d[2]) for d in data["decisions"]),
        data["summary"],
        data["done"],
        bool(data["removes"]),
    )


def annotator_status_from_log(data: dict[str, Any]) -> SetAnnotatorStatus:
    return SetAnnotatorStatus(data["doc_id"], data["annotator"], data["before"], data["after"])
