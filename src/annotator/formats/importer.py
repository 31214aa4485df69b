"""Import files into a project: parse everything, validate everything, then one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import DOCUMENT_STATUSES, Span
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.schema import Schema
from annotator.core.team import overlap_applies
from annotator.core.validation import check_relation, check_span
from annotator.formats.brat_conf import apply_brat_confs
from annotator.formats.detect import detect_format, is_brat_folder, not_a_file
from annotator.formats.interchange import Offsets, ProdigyAnswers, ReadOptions
from annotator.formats.merge_import import merge_into_existing
from annotator.formats.records import (
    DocumentRecord,
    FormatError,
    ImportReport,
    ReadItem,
    ReadNote,
    UnknownLabels,
)
from annotator.formats.registry import reader
from annotator.formats.titles import TitleFrom, retitle
from annotator.store.corpus import IdsTaken, add_annotated_document
from annotator.store.page_sources import keep_page
from annotator.store.repository import Repository
from annotator.store.statuses import put_statuses
from annotator.store.suggestions import insert_suggestions

FOLDER_SUFFIXES = (".conll", ".json", ".jsonl", ".txt", ".html", ".htm", ".warc", ".warc.gz")
"""The files a plain (non-brat) folder contributes to an import."""


def plan_sources(paths: Iterable[Path], fmt: str | None) -> list[tuple[Path, str]]:
    """Each input with the format to read it as: ``fmt`` if given, else detected by content.

    A brat folder is one source; any other folder contributes its ``FOLDER_SUFFIXES`` files.
    """
    if fmt is not None:
        reader(fmt)  # an unknown name is refused before any file is read
    sources: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir() and (fmt == "brat" or (fmt is None and is_brat_folder(path))):
            sources.append((path, "brat"))
        elif path.is_dir():
            sources += [(f, fmt or detect_format(f)) for f in _folder_files(path)]
        elif path.is_file():
            sources.append((path, fmt or detect_format(path)))
        else:
            raise not_a_file(path)
    return sources


def _folder_files(folder: Path) -> list[Path]:
    """The importable files anywhere under ``folder``, sorted; none is an error."""
    found = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(FOLDER_SUFFIXES)
    )
    if not found:
        raise FormatError(
            f"{folder}: the folder holds no importable files ({', '.join(FOLDER_SUFFIXES)})"
        )
    return found


def _ignored_in_folders(
    paths: Iterable[Path], sources: list[tuple[Path, str]]
) -> Iterator[ReadNote]:
    """A note per folder naming the files it holds that the import does not read."""
    read = {path for path, _ in sources}
    for folder in paths:
        if not folder.is_dir() or folder in read:
            continue
        ignored = sorted(p for p in folder.rglob("*") if p.is_file() and p not in read)
        if ignored:
            names = ", ".join(str(p.relative_to(folder)) for p in ignored[:5])
            more = f" and {len(ignored) - 5} more" if len(ignored) > 5 else ""
            yield ReadNote(
                f"{folder}: {len(ignored)} file(s) not imported (only "
                f"{', '.join(FOLDER_SUFFIXES)} files are read from a folder): {names}{more}"
            )


def validate_record(record: DocumentRecord, schema: Schema) -> None:
    """Check every span and relation of a record against the text and the schema."""
    _check_document_fields(record, schema)
    doc = record.document
    accepted: list[Span] = []
    seen_ids: set[str] = set()
    for n, span in enumerate(record.spans, start=1):
        if not schema.has_label(span.label):
            known = tuple(label.name for label in schema.labels)
            raise UnknownLabels({repr(span.label): f"{record.source}: span {n}"}, known)
        try:
            if span.id in seen_ids:
                raise AnnotatorError(f"span id {span.id!r} appears twice")
            check_span(
                doc,
                span,
                schema,
                [s for s in accepted if overlap_applies(s.annotator, span.annotator)],
            )
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: span {n}: {exc}") from None
        seen_ids.add(span.id)
        accepted.append(span)
    if record.tokens is not None:
        try:
            record.tokens.check(doc.text)
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: {exc}") from None
    spans_by_id = {span.id: span for span in record.spans}
    relation_ids: set[str] = set()
    for n, relation in enumerate(record.relations, start=1):
        try:
            if relation.id in relation_ids:
                raise AnnotatorError(f"relation id {relation.id!r} appears twice")
            check_relation(relation, spans_by_id, schema)
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: relation {n}: {exc}") from None
        relation_ids.add(relation.id)


def _check_document_fields(record: DocumentRecord, schema: Schema) -> None:
    doc = record.document
    if doc.status not in DOCUMENT_STATUSES:
        raise FormatError(
            f"{record.source}: unknown status {doc.status!r}; use one of "
            + ", ".join(DOCUMENT_STATUSES)
        )
    for name, value in doc.labels.items():
        try:
            choices = schema.doc_label(name).choices
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: {exc}") from None
        if value is not None and value not in choices:
            raise FormatError(
                f"{record.source}: document label {name!r} is {value!r}; "
                f"use one of {', '.join(choices)}"
            )


def import_records(
    repo: Repository,
    records: Iterable[ReadItem],
    *,
    skip_bad: bool = False,
    annotator: str = "",
    total: int = 0,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> ImportReport:
    """Validate and write records in one transaction.

    A bad record raises FormatError and nothing is written, unless ``skip_bad``: then it is
    listed in the report and the rest are imported. Unknown labels are collected over the whole
    input and refused in one error that lists them all. Cancelling rolls everything back.
    """
    report = ImportReport()
    schema = repo.schema()
    seen: dict[str, str] = {}
    unknown: UnknownLabels | None = None
    with repo.transaction():
        for n, item in enumerate(records, start=1):
            checkpoint(cancel)
            progress(n, total, "importing")
            try:
                if isinstance(item, FormatError):
                    raise item
                if isinstance(item, ReadNote):
                    report.note(item.message, item.n)
                    continue
                _import_one(repo, schema, item, seen, report, annotator)
            except FormatError as exc:
                if isinstance(exc, UnknownLabels) and not skip_bad:
                    unknown = exc if unknown is None else unknown.merged(exc)
                    continue
                if not skip_bad:
                    raise
                where, _, why = str(exc).partition(": ")
                report.skipped.append((where, why or str(exc)))
        if unknown is not None:
            raise unknown
        if report.imported or report.added:
            repo.log(
                annotator,
                "import",
                None,
                f"imported {len(report.imported)} document(s)"
                + (f", added to {len(report.added)}" if report.added else ""),
                {"documents": report.imported, "added": list(report.added), "spans": report.spans},
            )
    return report


def _import_one(
    repo: Repository,
    schema: Schema,
    record: DocumentRecord,
    seen: dict[str, str],
    report: ImportReport,
    annotator: str,
) -> None:
    doc = record.document
    if doc.id in seen:
        raise FormatError(
            f"{record.source}: document id {doc.id!r} already came from {seen[doc.id]}"
        )
    seen[doc.id] = record.source
    if repo.has_document(doc.id):
        if repo.document(doc.id).text != doc.text:
            raise FormatError(
                f"{record.source}: document {doc.id!r} is already in the project with a different "
                "text; give it another id or remove the old one"
            )
        _check_document_fields(record, schema)
        merge_into_existing(repo, schema, record, report)
        return
    validate_record(record, schema)
    if record.statuses is not None:  # every annotator's status, not the legacy one
        doc = replace(doc, status="todo")
    try:
        spans, relations = add_annotated_document(
            repo, doc, record.spans, record.relations, annotator, record.tokens
        )
        if record.statuses is not None:
            put_statuses(repo, doc.id, record.statuses)
    except IdsTaken as exc:
        raise FormatError(
            f"{record.source}: span/relation id(s) already used by another document: "
            + (", ".join(exc.ids) or "(unknown)")
        ) from None
    if record.page is not None:
        keep_page(repo, doc.id, record.page)
    report.suggestions += insert_suggestions(repo, record.suggestions)
    report.spans += spans
    report.relations += relations
    report.imported.append(doc.id)
    report.add_record_remarks(record)


def import_paths(
    repo: Repository,
    paths: Iterable[Path],
    *,
    lang: str | None = None,
    skip_bad: bool = False,
    annotator: str = "",
    fmt: str | None = None,
    offsets: Offsets = "utf16",
    schema_from_conf: bool = False,
    keep_boilerplate: bool = False,
    url_filter: str | None = None,
    prodigy_answers: ProdigyAnswers = "accept",
    relation_label: str | None = None,
    title_from: TitleFrom | None = None,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> ImportReport:
    """Import files and folders as one transaction.

    ``fmt`` is a format name that ``formats.registry`` can read (None: detected per input
    by content); ``offsets`` is the unit of doccano offsets (doccano's own default is UTF-16
    units). ``schema_from_conf`` first adds what the brat inputs' ``annotation.conf`` files
    declare to the project schema, in the same transaction. ``keep_boilerplate`` and
    ``url_filter`` are read by the HTML and WARC readers; ``prodigy_answers`` and
    ``relation_label`` are the ``ReadOptions`` of the same names.
    ``title_from`` replaces each document's title by that rule (``formats.titles``).
    """
    paths = list(paths)
    sources = plan_sources(paths, fmt)
    with repo.transaction():
        schema_lines = apply_brat_confs(repo, sources, annotator) if schema_from_conf else []
        options = ReadOptions(
            repo.schema(),
            lang,
            offsets,
            keep_boilerplate,
            url_filter,
            prodigy_answers,
            relation_label,
        )

        def records() -> Iterator[ReadItem]:
            yield from _ignored_in_folders(paths, sources)
            for path, name in sources:
                for item in reader(name)(path, options):
                    if title_from is not None and isinstance(item, DocumentRecord):
                        item = retitle(item, title_from, path)
                    yield item

        report = import_records(
            repo,
            records(),
            skip_bad=skip_bad,
            annotator=annotator,
            total=len(sources),
            progress=progress,
            cancel=cancel,
        )
    report.schema = schema_lines
    return report
