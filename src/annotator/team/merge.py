"""Merging annotators' project files (their offline copies) into the team project.

Everything is one transaction over the team project: a refusal (a document whose text differs,
a schema that gives a name another meaning, a source that cannot be opened) or a Cancel leaves
the team project as it was. Sources are opened read-only and never written.

What counts as already present, so that merging a file twice adds nothing: a span with the
same id, or the same layer, label, offsets and annotator; a relation with the same id, or the
same type, ends and annotator; an edit-log entry with the same time, annotator, document, kind
and summary. A status row of an annotator is replaced by a newer one, but a ``todo`` never
replaces another status. A document note or label, or a curator's decision on a span, that the
team project holds with another value is kept and the source's is refused (listed in the
report). Decisions and pending suggestions: ``merge_extras``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.schema import Schema
from annotator.core.team import check_annotator
from annotator.core.validation import check_relation, check_span
from annotator.store.backend import describe_location
from annotator.store.corpus import add_annotations
from annotator.store.errors import StoreError
from annotator.store.project_merge import (
    LogKey,
    SourceProject,
    StatusRow,
    StoredDocument,
    add_log_rows,
    copy_document_extras,
    database_path,
    document_count,
    insert_document,
    log_keys,
    log_rows,
    open_source,
    put_status,
    status_rows,
    stored_documents,
    stored_text,
    taken_ids,
)
from annotator.store.repository import Repository
from annotator.store.statuses import NOT_STARTED
from annotator.team.merge_extras import merge_decisions, merge_suggestions
from annotator.team.merge_report import MergeReport, SourceReport
from annotator.team.schema_merge import SchemaConflict, widen_schema


class MergeRefused(AnnotatorError):
    """The merge cannot be made as asked; nothing was written."""


@dataclass
class _Run:
    """The state of one merge across its sources."""

    repo: Repository
    project: Path
    schema: Schema
    as_name: str
    skip_bad: bool
    progress: Progress
    cancel: CancelCheck
    total: int
    done: int = 0
    origins: dict[str, Path] = field(default_factory=dict)
    """Document id -> the source that brought the document in during this merge."""
    log_keys: set[LogKey] = field(default_factory=set)


def merge_projects(
    repo: Repository,
    sources: Sequence[Path],
    *,
    as_name: str | None = None,
    skip_bad: bool = False,
    by: str = "",
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> MergeReport:
    """Merge ``sources`` into the project of ``repo`` in one transaction.

    Spans, relations, statuses and log entries without an annotator are credited to
    ``as_name`` when it is given. ``skip_bad`` leaves out a source that cannot be opened or
    whose schema conflicts, and a document whose text differs, and merges the rest; without
    it any of those refuses the whole merge. ``by`` is who merged (the team's edit log).
    """
    credited = check_annotator(as_name) if as_name is not None else ""
    project = database_path(repo) or Path(describe_location(repo.db))
    report = MergeReport(project)
    opened = _open_sources(project, sources, skip_bad, report)
    try:
        with repo.transaction():
            run = _Run(
                repo,
                project,
                repo.schema(),
                credited,
                skip_bad,
                progress,
                cancel,
                sum(document_count(source.repo) for source in opened.values()),
                log_keys=log_keys(repo),
            )
            for source_report in report.sources:
                source = opened.get(id(source_report))
                if source is not None:
                    source_report.upgraded = source.upgraded
                    _merge_source(run, source.repo, source_report, report)
            if any(s.added_anything() for s in report.sources):
                repo.log(by, "merge", None, report.summary(), report.to_dict())
    finally:
        for source in opened.values():
            source.close()
    return report


def _open_sources(
    project: Path, sources: Sequence[Path], skip_bad: bool, report: MergeReport
) -> dict[int, SourceProject]:
    """Each source opened read-only, keyed by the id of its report; a source that cannot be
    opened is refused (or, with ``skip_bad``, reported as skipped)."""
    opened: dict[int, SourceProject] = {}
    try:
        for path in sources:
            source_report = SourceReport(path)
            report.sources.append(source_report)
            if path.resolve() == project.resolve():
                raise MergeRefused(
                    f"{path}: is the project itself; choose the annotators' copies to merge"
                )
            try:
                opened[id(source_report)] = open_source(path)
            except StoreError as exc:
                if not skip_bad:
                    raise MergeRefused(f"{exc}; nothing was merged") from None
                source_report.skipped = str(exc)
    except BaseException:
        for source in opened.values():
            source.close()
        raise
    return opened


def _merge_source(
    run: _Run, source: Repository, source_report: SourceReport, report: MergeReport
) -> None:
    try:
        widened = widen_schema(
            run.schema, source.schema(), str(run.project), str(source_report.source)
        )
    except SchemaConflict as exc:
        if not run.skip_bad:
            raise
        source_report.skipped = str(exc)
        return
    if widened.added:
        run.repo.store_schema(widened.schema)
        run.schema = widened.schema
        source_report.schema_added = widened.added
    left_out: set[str] = set()
    for stored in stored_documents(source):
        checkpoint(run.cancel)
        run.done += 1
        run.progress(run.done, run.total, "merging")
        before = sum(c.added for c in source_report.counts.values())
        if not _merge_document(run, source, stored, source_report):
            left_out.add(stored.document.id)
            continue
        if sum(c.added for c in source_report.counts.values()) > before:
            report.changed_documents.add(stored.document.id)
    _merge_log(run, source, source_report, left_out)


def _merge_document(
    run: _Run, source: Repository, stored: StoredDocument, report: SourceReport
) -> bool:
    """Merge one document and what it holds; False when it was left out (``skip_bad``)."""
    repo, path, doc = run.repo, report.source, stored.document
    text = stored_text(repo, doc.id)
    if text is None:
        insert_document(repo, stored)
        copy_document_extras(source, repo, doc.id)
        run.origins[doc.id] = path
        report.add("documents")
    elif text != doc.text:
        other = run.origins.get(doc.id, run.project)
        why = f"{path}: document {doc.id!r} has another text than the same document in {other}"
        if not run.skip_bad:
            raise MergeRefused(f"{why}; nothing was merged")
        report.refuse("documents", why)
        return False
    else:
        report.present("documents")
        _merge_document_fields(repo, doc, report)
    id_map = _merge_spans(run, source, doc, report)
    _merge_relations(run, source, doc, id_map, report)
    _merge_statuses(run, source, doc.id, report)
    merge_decisions(repo, source, doc.id, id_map, run.as_name, report)
    merge_suggestions(repo, source, doc.id, report)
    return True


def _credit(annotator: str, as_name: str) -> str:
    return annotator or as_name


def _span_key(span: Span) -> tuple[str, str, int, int, str]:
    return (span.layer, span.label, span.start, span.end, span.annotator)


def _merge_spans(
    run: _Run, source: Repository, doc: Document, report: SourceReport
) -> dict[str, str | None]:
    """Add the source's new spans of ``doc``; returns source span id -> the id in the team,
    or None for a refused span."""
    repo = run.repo
    stored = repo.spans(doc.id)
    by_id = {span.id for span in stored}
    by_key = {_span_key(span): span.id for span in stored}
    own: dict[str, list[Span]] = {}
    for span in stored:
        own.setdefault(span.annotator, []).append(span)
    theirs = source.spans(doc.id)
    taken = taken_ids(repo, "spans", [s.id for s in theirs if s.id not in by_id])
    id_map: dict[str, str | None] = {}
    added: list[Span] = []
    for original in theirs:
        span = original
        if not span.annotator and run.as_name:
            span = replace(span, annotator=run.as_name)
        if not span.annotator:
            report.unattributed += 1
        known = span.id if span.id in by_id else by_key.get(_span_key(span))
        if known is not None:
            id_map[original.id] = known
            report.present("spans")
            continue
        if span.id in taken:  # the id is another document's: the span gets its own
            span = replace(span, id=new_id("s"))
        try:
            check_span(doc, span, run.schema, own.get(span.annotator, ()))
        except AnnotatorError as exc:
            id_map[original.id] = None
            who = span.annotator or "unattributed"
            report.refuse(
                "spans",
                f"{report.source}: document {doc.id!r}: {span.label} span {span.start}..{span.end} "
                f"({who}): {exc}",
            )
            continue
        id_map[original.id] = span.id
        by_key[_span_key(span)] = span.id
        own.setdefault(span.annotator, []).append(span)
        added.append(span)
    add_annotations(repo, added, ())
    report.add("spans", len(added))
    return id_map


def _merge_relations(
    run: _Run,
    source: Repository,
    doc: Document,
    id_map: dict[str, str | None],
    report: SourceReport,
) -> None:
    repo = run.repo
    stored = repo.relations(doc.id)
    ids = {relation.id for relation in stored}
    keys = {(r.label, r.head, r.tail, r.annotator) for r in stored}
    theirs = source.relations(doc.id)
    if not theirs:
        return
    spans_by_id = {span.id: span for span in repo.spans(doc.id)}
    taken = taken_ids(repo, "relations", [r.id for r in theirs if r.id not in ids])
    added: list[Relation] = []
    for relation in theirs:
        if relation.id in ids:
            report.present("relations")
            continue
        head, tail = id_map.get(relation.head), id_map.get(relation.tail)
        where = f"{report.source}: document {doc.id!r}: {relation.label} relation"
        if head is None or tail is None:
            report.refuse("relations", f"{where}: one of its spans was refused")
            continue
        mapped = replace(
            relation,
            head=head,
            tail=tail,
            annotator=_credit(relation.annotator, run.as_name),
        )
        key = (mapped.label, mapped.head, mapped.tail, mapped.annotator)
        if key in keys:
            report.present("relations")
            continue
        if mapped.id in taken:
            mapped = replace(mapped, id=new_id("r"))
        try:
            check_relation(mapped, spans_by_id, run.schema)
        except AnnotatorError as exc:
            report.refuse("relations", f"{where}: {exc}")
            continue
        keys.add(key)
        added.append(mapped)
    add_annotations(repo, (), added)
    report.add("relations", len(added))


def _merge_document_fields(repo: Repository, doc: Document, report: SourceReport) -> None:
    """The source's note and document labels where the team's document has none."""
    ours = repo.document(doc.id)
    fields: dict[str, object] = {}
    where = f"{report.source}: document {doc.id!r}"
    if doc.note and doc.note == ours.note:
        report.present("document notes")
    elif doc.note and not ours.note:
        fields["note"] = doc.note
        report.add("document notes")
    elif doc.note:
        report.refuse("document notes", f"{where}: its note differs; the project's is kept")
    labels = dict(ours.labels)
    for name, value in doc.labels.items():
        if value is None:
            continue
        if labels.get(name) == value:
            report.present("document labels")
        elif labels.get(name) is None:
            labels[name] = value
            report.add("document labels")
        else:
            report.refuse(
                "document labels",
                f"{where}: {name} is {value!r} there but {labels[name]!r} in the project; "
                "the project's is kept",
            )
    if labels != ours.labels:
        fields["labels"] = labels
    if fields:
        repo.set_document_fields(doc.id, fields)


def _merge_statuses(run: _Run, source: Repository, doc_id: str, report: SourceReport) -> None:
    ours = {row.annotator: row for row in status_rows(run.repo, doc_id)}
    for row in status_rows(source, doc_id):
        theirs = replace(row, annotator=_credit(row.annotator, run.as_name))
        mine = ours.get(theirs.annotator)
        merged = _merged_status(mine, theirs)
        if merged is None or merged == mine:
            report.present("statuses")
            continue
        put_status(run.repo, merged)
        ours[merged.annotator] = merged
        report.add("statuses")


def _merged_status(mine: StatusRow | None, theirs: StatusRow) -> StatusRow | None:
    """The row to keep: the newer status, except that ``todo`` (no work yet) never replaces
    another; assigned when either is. None when there is nothing to write."""
    if mine is None:
        return theirs if theirs.status != NOT_STARTED or theirs.assigned else None
    status, updated_at = mine.status, mine.updated_at
    if theirs.status != NOT_STARTED and (
        mine.status == NOT_STARTED or theirs.updated_at > mine.updated_at
    ):
        status, updated_at = theirs.status, theirs.updated_at
    return replace(
        mine, status=status, updated_at=updated_at, assigned=mine.assigned or theirs.assigned
    )


def _merge_log(run: _Run, source: Repository, report: SourceReport, left_out: set[str]) -> None:
    added = []
    for row in log_rows(source):
        if row.doc_id in left_out:
            continue
        row = replace(row, annotator=_credit(row.annotator, run.as_name))
        if row.key() in run.log_keys:
            report.present("log entries")
            continue
        run.log_keys.add(row.key())
        added.append(row)
    report.add("log entries", add_log_rows(run.repo, added))
