"""Adjudicate a project: for each document enough annotators have finished, copy what at least
``min_agree`` of them agree on into gold, and mark the document curated when nothing is left
to decide. A curated document is the curator's final word and is left as it is (gold the
curator removed is not brought back). The comparison itself is ``core.adjudication``; this
reads and writes the store.

All documents are adjudicated in one transaction. Each document's additions are one edit
(a ``Batch`` of the gold as a ``CurationStep``, the edit the curator's own gold is made with,
and, when the document is settled, the gold status ``SetAnnotatorStatus``) applied under the
curator's name, so the edit log shows who adjudicated what and the curator's History restore
takes back the gold and "curated" together.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from annotator.core.adjudication import Adjudication, adjudicate
from annotator.core.curation_edits import CurationStep, SetAnnotatorStatus
from annotator.core.edits import Batch, Edit
from annotator.core.errors import ValidationError
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.team import CURATED, GOLD
from annotator.store.curation import decisions
from annotator.store.repository import Repository
from annotator.store.statuses import DONE, status_of, statuses


@dataclass(frozen=True)
class DocumentOutcome:
    """What adjudication did to one document."""

    doc_id: str
    annotators: tuple[str, ...]
    """The annotators whose work was compared (those who marked the document done)."""
    result: Adjudication

    @property
    def curated(self) -> bool:
        """Whether this run marked the document curated (nothing was left to decide)."""
        return self.result.settled

    def line(self) -> str:
        r = self.result
        said = (
            f"{self.doc_id} ({', '.join(self.annotators)}): {len(r.spans)} span(s) and "
            f"{len(r.relations)} relation(s) became gold"
        )
        waiting = [
            f"{n} {what}"
            for n, what in (
                (r.waiting_spans, "span(s)"),
                (r.waiting_relations, "relation(s)"),
                (r.waiting_attributes, "span(s) with disputed attributes"),
            )
            if n
        ]
        if waiting:
            return f"{said}; {', '.join(waiting)} wait for the curator"
        return f"{said}; nothing left to decide: marked curated"


@dataclass(frozen=True)
class AdjudicationReport:
    min_agree: int
    outcomes: tuple[DocumentOutcome, ...]
    skipped: tuple[str, ...]
    """Documents fewer than ``min_agree`` of the compared annotators have marked done."""
    curated_before: tuple[str, ...]
    """Documents curated before this run, left as they are."""

    def lines(self) -> list[str]:
        out = [outcome.line() for outcome in self.outcomes]
        spans = sum(len(o.result.spans) for o in self.outcomes)
        relations = sum(len(o.result.relations) for o in self.outcomes)
        marked = sum(o.curated for o in self.outcomes)
        out.append(
            f"adjudicated {len(self.outcomes)} document(s): {spans} span(s) and {relations} "
            f"relation(s) became gold, {marked} document(s) marked curated"
        )
        if self.skipped:
            out.append(
                f"skipped {len(self.skipped)} document(s) fewer than {self.min_agree} "
                f"annotators have marked done: {', '.join(self.skipped)}"
            )
        if self.curated_before:
            out.append(
                f"left {len(self.curated_before)} curated document(s) as they are: "
                + ", ".join(self.curated_before)
            )
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "min_agree": self.min_agree,
            "documents": [
                {
                    "id": o.doc_id,
                    "annotators": list(o.annotators),
                    "gold_spans": len(o.result.spans),
                    "gold_relations": len(o.result.relations),
                    "waiting_spans": o.result.waiting_spans,
                    "waiting_relations": o.result.waiting_relations,
                    "waiting_attributes": o.result.waiting_attributes,
                    "curated": o.curated,
                }
                for o in self.outcomes
            ],
            "skipped": list(self.skipped),
            "curated_before": list(self.curated_before),
        }


def adjudicate_project(
    repo: Repository,
    *,
    min_agree: int,
    curator: str,
    doc_ids: Sequence[str] | None = None,
    annotators: Collection[str] | None = None,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> AdjudicationReport:
    """Adjudicate ``doc_ids`` (default: every document) comparing ``annotators`` (default:
    everyone who marked a document done), in one transaction; ValidationError (nothing
    written) for an unknown document or a ``min_agree`` below 2."""
    if min_agree < 2:
        raise ValidationError(f"--min-agree is {min_agree}; agreement needs at least 2 annotators")
    wanted = list(doc_ids) if doc_ids is not None else repo.document_ids()
    missing = [doc_id for doc_id in wanted if not repo.has_document(doc_id)]
    if missing:
        raise ValidationError(f"no document with id {', '.join(map(repr, missing))}")
    schema = repo.schema()
    exclusive = {layer.name for layer in schema.layers if not layer.allow_overlap}
    outcomes: list[DocumentOutcome] = []
    skipped: list[str] = []
    curated: list[str] = []
    with repo.transaction():
        for n, doc_id in enumerate(wanted, start=1):
            checkpoint(cancel)
            done = _done_annotators(repo, doc_id, annotators)
            if status_of(repo, doc_id, GOLD) == CURATED:
                curated.append(doc_id)
            elif len(done) < min_agree:
                skipped.append(doc_id)
            else:
                outcomes.append(_adjudicate_one(repo, doc_id, done, min_agree, exclusive, curator))
            progress(n, len(wanted), "adjudicating")
    return AdjudicationReport(min_agree, tuple(outcomes), tuple(skipped), tuple(curated))


def _done_annotators(
    repo: Repository, doc_id: str, annotators: Collection[str] | None
) -> tuple[str, ...]:
    return tuple(
        name
        for name, status in statuses(repo, doc_id).items()
        if status == DONE and name not in ("", GOLD) and (annotators is None or name in annotators)
    )


def _adjudicate_one(
    repo: Repository,
    doc_id: str,
    done: tuple[str, ...],
    min_agree: int,
    exclusive: set[str],
    curator: str,
) -> DocumentOutcome:
    result = adjudicate(
        repo.document(doc_id),
        repo.spans(doc_id),
        repo.relations(doc_id),
        annotators=done,
        min_agree=min_agree,
        exclusive_layers=exclusive,
        decisions=decisions(repo, doc_id),
    )
    mark = result.settled
    label = (
        f"adjudicate ({min_agree} of {len(done)} agree): {len(result.spans)} span(s), "
        f"{len(result.relations)} relation(s) into gold"
    )
    edits: list[Edit] = []
    if result.spans or result.relations:
        gold = CurationStep(doc_id, tuple(result.spans), tuple(result.relations))
        edits.append(replace(gold, summary=label, done=label))
    if mark:
        edits.append(SetAnnotatorStatus(doc_id, GOLD, status_of(repo, doc_id, GOLD), CURATED))
        label += "; marked curated"
    if edits:
        repo.apply(Batch(tuple(edits), label), curator)
    return DocumentOutcome(doc_id, done, result)
