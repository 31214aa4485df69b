"""Whose annotation is whose: an annotator sees and changes only their own spans and relations.

A span or relation is an annotator's own when it carries their name, or no name at all
(``""``: imported without one, or made before annotators were recorded). Everyone else's work
is read-only to them. ``foreign_refusal`` checks a whole edit before it is applied, so the
rule holds for every path that builds edits, even one that forgot to hide others' spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from annotator.core.edits import (
    AddRelation,
    AddSpan,
    Batch,
    Edit,
    RemoveRelation,
    RemoveSpan,
    UpdateSpan,
)
from annotator.core.model import Relation, Span
from annotator.core.operations.reading import ProjectReader
from annotator.core.operations.refusal import Refusal
from annotator.core.suggestion_edits import AcceptSuggestion

UNATTRIBUTED = ""
"""The annotator of spans imported without a name: they count as whoever views them."""


def owns(annotator: str, owner: str) -> bool:
    """Whether ``annotator`` may change what ``owner`` made (their own, or unattributed)."""
    return owner in (annotator, UNATTRIBUTED)


def split_own(spans: Sequence[Span], annotator: str) -> tuple[list[Span], list[Span]]:
    """``spans`` as (the annotator's own, everyone else's), each in the order given.

    One pass over the list: opening a document of 50,000 spans pays about 3 ms for it.
    """
    own: list[Span] = []
    others: list[Span] = []
    mine, keep, leave = (annotator, UNATTRIBUTED), own.append, others.append
    for span in spans:
        if span.annotator in mine:
            keep(span)
        else:
            leave(span)
    return own, others


def own_relations(relations: Iterable[Relation], annotator: str) -> list[Relation]:
    return [relation for relation in relations if owns(annotator, relation.annotator)]


def foreign_refusal(edit: Edit, annotator: str, project: ProjectReader) -> Refusal | None:
    """Why ``annotator`` may not make ``edit`` (it touches someone else's span or relation),
    or None when everything it touches is theirs.

    Covers every span edit (new spans included: no one adds spans in another's name), relation
    edits, whose two ends must be the annotator's own spans too, and batches of them.
    """
    for edit_part in _parts(edit):
        reason = _part_refusal(edit_part, annotator, project)
        if reason is not None:
            return Refusal(reason)
    return None


def _parts(edit: Edit) -> Iterator[Edit]:
    if isinstance(edit, Batch):
        for part in edit.edits:
            yield from _parts(part)
    else:
        yield edit


def _part_refusal(edit: Edit, annotator: str, project: ProjectReader) -> str | None:
    if isinstance(edit, AddSpan | RemoveSpan):
        return _span_reason(edit.span, annotator) or _relations_reason(edit.relations, annotator)
    if isinstance(edit, UpdateSpan):
        return _span_reason(edit.before, annotator) or _span_reason(edit.after, annotator)
    if isinstance(edit, AcceptSuggestion) and edit.span is not None:
        return _span_reason(edit.span, annotator)
    if isinstance(edit, AddRelation | RemoveRelation):
        relation = edit.relation
        reason = _relations_reason((relation,), annotator)
        if reason is not None:
            return reason
        for end in (relation.head, relation.tail):
            span = project.span(end)
            if span is not None and not owns(annotator, span.annotator):
                return (
                    f"“{_short(span.text)}” is {span.annotator}'s span: a relation joins "
                    "only your own spans"
                )
    return None


def _span_reason(span: Span, annotator: str) -> str | None:
    if owns(annotator, span.annotator):
        return None
    return (
        f"This span is {span.annotator}'s: {span.label} “{_short(span.text)}” can be changed "
        f"only by {span.annotator}"
    )


def _relations_reason(relations: Iterable[Relation], annotator: str) -> str | None:
    for relation in relations:
        if not owns(annotator, relation.annotator):
            return (
                f"This relation is {relation.annotator}'s: {relation.label} can be changed "
                f"only by {relation.annotator}"
            )
    return None


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
