"""Annotations of a record whose document (same id, same text) is already in the project.

New spans, relations, a status (or the annotators' statuses the project lacks) and document
labels are added; what the project already holds
(same span id with the same content, or the same layer, label, offsets and annotator) is skipped and
counted; the same id with different content is a conflict, refused with both sides named.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.errors import AnnotatorError
from annotator.core.model import Relation, Span
from annotator.core.schema import Schema
from annotator.core.team import overlap_applies
from annotator.core.validation import check_relation, check_span
from annotator.formats.records import DocumentRecord, FormatError, ImportReport
from annotator.store.corpus import IdsTaken, add_annotations
from annotator.store.repository import Repository
from annotator.store.statuses import put_statuses

SpanKey = tuple[str, str, int, int, str]


def _key(span: Span) -> SpanKey:
    """What makes two spans the same annotation: two annotators marking the same stretch
    with the same label made two annotations."""
    return (span.layer, span.label, span.start, span.end, span.annotator)


def _same(a: Span, b: Span) -> bool:
    return _key(a) == _key(b) and a.attrs == b.attrs and a.note == b.note


def merge_into_existing(
    repo: Repository, schema: Schema, record: DocumentRecord, report: ImportReport
) -> None:
    """Add what ``record`` holds beyond the stored document; FormatError on a conflict."""
    doc = record.document
    where = record.source
    stored = repo.spans(doc.id)
    by_id = {s.id: s for s in stored}
    by_key = {_key(s): s.id for s in stored}
    id_map: dict[str, str] = {}
    new_spans: list[Span] = []
    skipped_spans = 0
    seen: set[str] = set()
    for n, span in enumerate(record.spans, start=1):
        if span.id in seen:
            raise FormatError(f"{where}: span {n}: span id {span.id!r} appears twice")
        seen.add(span.id)
        old = by_id.get(span.id)
        if old is not None and not _same(old, span):
            raise FormatError(
                f"{where}: span {n}: id {span.id!r} is already in document {doc.id!r} as "
                f"{old.label} {old.start}..{old.end}; the file has {span.label} "
                f"{span.start}..{span.end} (a conflict: remove one or give the span a new id)"
            )
        known = span.id if old is not None else by_key.get(_key(span))
        if known is not None:
            id_map[span.id] = known
            skipped_spans += 1
            continue
        try:
            others = [*stored, *new_spans]
            check_span(
                doc,
                span,
                schema,
                [s for s in others if overlap_applies(s.annotator, span.annotator)],
            )
        except AnnotatorError as exc:
            raise FormatError(f"{where}: span {n}: {exc}") from None
        id_map[span.id] = span.id
        by_key[_key(span)] = span.id
        new_spans.append(span)
    new_relations, skipped_relations = _relations(repo, schema, record, id_map, new_spans)
    fields = _document_fields(repo, record, report)
    try:
        spans, relations = add_annotations(repo, new_spans, new_relations)
    except IdsTaken as exc:
        raise FormatError(
            f"{where}: span/relation id(s) already used by another document: "
            + (", ".join(exc.ids) or "(unknown)")
        ) from None
    if fields:
        repo.set_document_fields(doc.id, fields)
    statuses = put_statuses(repo, doc.id, record.statuses or (), overwrite=False)
    report.note("{n} span(s) already in the project skipped (duplicates)", skipped_spans)
    report.note("{n} relation(s) already in the project skipped (duplicates)", skipped_relations)
    if not (spans or relations or fields or statuses):
        report.unchanged.append(doc.id)
        return
    report.spans += spans
    report.relations += relations
    added = [f"{spans} span(s)", f"{relations} relation(s)"]
    added += [f"{statuses} annotator status(es)"] if statuses else []
    added += [f"{name} {value!r}" for name, value in fields.items()]
    report.added[doc.id] = ", ".join(added)


def _relations(
    repo: Repository,
    schema: Schema,
    record: DocumentRecord,
    id_map: dict[str, str],
    new_spans: list[Span],
) -> tuple[list[Relation], int]:
    doc_id = record.document.id
    stored = repo.relations(doc_id)
    by_id = {r.id: r for r in stored}
    keys = {(r.label, r.head, r.tail) for r in stored}
    spans_by_id = {s.id: s for s in [*repo.spans(doc_id), *new_spans]}
    added: list[Relation] = []
    skipped = 0
    for n, relation in enumerate(record.relations, start=1):
        mapped = replace(
            relation,
            head=id_map.get(relation.head, relation.head),
            tail=id_map.get(relation.tail, relation.tail),
        )
        key = (mapped.label, mapped.head, mapped.tail)
        old = by_id.get(relation.id)
        if old is not None and (old.label, old.head, old.tail) != key:
            raise FormatError(
                f"{record.source}: relation {n}: id {relation.id!r} is already in document "
                f"{doc_id!r} as {old.label} {old.head} -> {old.tail}; the file has "
                f"{mapped.label} {mapped.head} -> {mapped.tail} (a conflict)"
            )
        if old is not None or key in keys:
            skipped += 1
            continue
        try:
            check_relation(mapped, spans_by_id, schema)
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: relation {n}: {exc}") from None
        keys.add(key)
        added.append(mapped)
    return added, skipped


def _document_fields(
    repo: Repository, record: DocumentRecord, report: ImportReport
) -> dict[str, object]:
    """The status and document labels the record sets that the stored document lacks.

    The status is set only on a stored ``todo`` document (work done in the project is not
    undone by an older file; a different status is kept and counted); a label the stored
    document has with another value is a conflict.
    """
    doc = record.document
    stored = repo.document(doc.id)
    fields: dict[str, object] = {}
    if record.statuses is None and doc.status != "todo" and doc.status != stored.status:
        if stored.status == "todo":
            fields["status"] = doc.status
        else:
            report.note("{n} document status(es) in the file differ from the project's; kept")
    labels = dict(stored.labels)
    for name, value in doc.labels.items():
        if value is None or labels.get(name) == value:
            continue
        if labels.get(name) is not None:
            raise FormatError(
                f"{record.source}: document {doc.id!r} already has {name} = {labels[name]!r}; "
                f"the file says {value!r} (a conflict)"
            )
        labels[name] = value
    if labels != stored.labels:
        fields["labels"] = labels
    return fields
