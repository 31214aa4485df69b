"""The EditTarget the store hands to edits: every write checked against the core rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.model import Relation, Span
from annotator.core.suggestion_edits import SUGGESTION_STATUSES
from annotator.core.team import overlap_applies
from annotator.core.validation import check_relation, check_span
from annotator.store import curation, statuses
from annotator.store.postgres.roles import refused_delete
from annotator.store.rows import dumps

if TYPE_CHECKING:
    from annotator.store.repository import Repository


class ValidatingWriter:
    """The EditTarget the store hands to edits: checks each write against the core rules."""

    def __init__(self, repo: Repository, annotator: str | None = None) -> None:
        self.repo = repo
        self.db = repo.db
        self.annotator = annotator
        """Who makes the edit: a status change is theirs (None: the repository's viewer)."""

    def _check(self, span: Span) -> None:
        doc = self.repo.document(span.doc_id)
        schema = self.repo.schema()
        others: list[Span] = []
        if (
            schema.has_label(span.label)
            and not schema.layer(schema.label(span.label).layer).allow_overlap
        ):
            # Two annotators may each mark the same stretch, and gold sits on what they marked:
            # a span clashes only with the spans ``overlap_applies`` pairs it with.
            owner = span.annotator or self.annotator or self.repo.viewer
            others = [
                other
                for other in self.repo.spans_overlapping(
                    span.doc_id, span.layer, span.start, span.end
                )
                if overlap_applies(other.annotator, owner)
            ]
        check_span(doc, span, schema, others)

    def insert_span(self, span: Span) -> None:
        self._check(span)
        self.repo.add_spans([span])

    def delete_span(self, span_id: str) -> None:
        if self.repo.relations_of_span(span_id):
            raise ValidationError("the span still has relations; remove them first")
        cursor = self.db.execute("DELETE FROM spans WHERE id = ?", [span_id])
        if cursor.rowcount == 0:
            raise refused_delete(self.db, "spans", "span", span_id) or ValidationError(
                f"no span with id {span_id!r} (already deleted?)"
            )

    def update_span(self, span: Span) -> None:
        current = self.repo.span(span.id)
        if current is None:
            raise ValidationError(f"no span with id {span.id!r} (deleted?)")
        self._check(span)
        if span.label != current.label:
            schema = self.repo.schema()
            for relation in self.repo.relations_of_span(span.id):
                spans = {
                    s.id: s
                    for s in (self.repo.span(relation.head), self.repo.span(relation.tail))
                    if s
                }
                spans[span.id] = span
                check_relation(relation, spans, schema)
        self.db.execute(
            'UPDATE spans SET layer = ?, label = ?, start = ?, "end" = ?, text = ?, attrs = ?, '
            "note = ?, origin = ? WHERE id = ?",
            [
                span.layer,
                span.label,
                span.start,
                span.end,
                span.text,
                dumps(span.attrs),
                span.note,
                span.origin,
                span.id,
            ],
        )

    def insert_relation(self, relation: Relation) -> None:
        spans = {
            s.id: s for s in (self.repo.span(relation.head), self.repo.span(relation.tail)) if s
        }
        check_relation(relation, spans, self.repo.schema())
        for span in spans.values():
            if span.doc_id != relation.doc_id:
                raise ValidationError("a relation joins spans of its own document only")
        self.repo.add_relations([relation])

    def delete_relation(self, relation_id: str) -> None:
        cursor = self.db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
        if cursor.rowcount == 0:
            raise refused_delete(self.db, "relations", "relation", relation_id) or ValidationError(
                f"no relation with id {relation_id!r} (already deleted?)"
            )

    def update_document(self, doc_id: str, fields: dict[str, Any]) -> None:
        schema = self.repo.schema()
        for name, value in fields.get("labels", {}).items():
            choices = schema.doc_label(name).choices
            if value is not None and value not in choices:
                raise ValidationError(f"document label {name!r} takes one of {', '.join(choices)}")
        self.repo.set_document_fields(doc_id, fields, self.annotator)

    def set_suggestion_status(self, suggestion_id: str, status: str) -> None:
        if status not in SUGGESTION_STATUSES:
            raise ValidationError(
                f"unknown suggestion status {status!r}; use one of {', '.join(SUGGESTION_STATUSES)}"
            )
        cursor = self.db.execute(
            "UPDATE suggestions SET status = ? WHERE id = ?", [status, suggestion_id]
        )
        if cursor.rowcount == 0:
            raise ValidationError(f"no suggestion with id {suggestion_id!r} (deleted?)")

    def set_curation_decision(self, doc_id: str, span_id: str, decision: str | None) -> None:
        """The decision is the curator's: whoever makes the edit (else the viewer)."""
        if decision is not None:
            span = self.repo.span(span_id)
            if span is None or span.doc_id != doc_id:
                raise ValidationError(f"no span with id {span_id!r} in document {doc_id!r}")
        curator = self.repo.viewer if self.annotator is None else self.annotator
        curation.set_decision(self.repo, doc_id, span_id, decision, curator)

    def set_annotator_status(self, doc_id: str, annotator: str, status: str) -> None:
        statuses.set_status(self.repo, doc_id, annotator, status)
        self.repo.forget_document(doc_id)
