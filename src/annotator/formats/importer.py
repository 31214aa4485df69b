"""Import files into a project: parse everything, validate everything, then one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import DOCUMENT_STATUSES, Span
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.schema import Schema
from annotator.core.validation import check_relation, check_span
from annotator.formats.detect import detect_format, is_brat_folder
from annotator.formats.interchange import Offsets, ReadOptions
from annotator.formats.records import DocumentRecord, FormatError, ImportReport
from annotator.formats.registry import reader
from annotator.formats.titles import TitleFrom, retitle
from annotator.store.corpus import IdsTaken, add_annotated_document
from annotator.store.repository import Repository

FOLDER_SUFFIXES = (".conll", ".jsonl", ".txt")
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
            raise FormatError(f"{path}: no such file or folder")
    return sources


def _folder_files(folder: Path) -> list[Path]:
    """The importable files anywhere under ``folder``, sorted; none is an error."""
    found = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
    )
    if not found:
        raise FormatError(
            f"{folder}: the folder holds no importable files ({', '.join(FOLDER_SUFFIXES)})"
        )
    return found


def validate_record(record: DocumentRecord, schema: Schema) -> None:
    """Check every span and relation of a record against the text and the schema."""
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
    accepted: list[Span] = []
    seen_ids: set[str] = set()
    for n, span in enumerate(record.spans, start=1):
        try:
            if span.id in seen_ids:
                raise AnnotatorError(f"span id {span.id!r} appears twice")
            check_span(doc, span, schema, accepted)
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: span {n}: {exc}") from None
        seen_ids.add(span.id)
        accepted.append(span)
    spans_by_id = {span.id: span for span in record.spans}
    for n, relation in enumerate(record.relations, start=1):
        try:
            check_relation(relation, spans_by_id, schema)
        except AnnotatorError as exc:
            raise FormatError(f"{record.source}: relation {n}: {exc}") from None


def import_records(
    repo: Repository,
    records: Iterable[DocumentRecord | FormatError],
    *,
    skip_bad: bool = False,
    annotator: str = "",
    total: int = 0,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> ImportReport:
    """Validate and write records in one transaction.

    A bad record raises FormatError and nothing is written, unless ``skip_bad``: then it is
    listed in the report and the rest are imported. Cancelling rolls everything back.
    """
    report = ImportReport()
    schema = repo.schema()
    seen: dict[str, str] = {}
    with repo.transaction():
        for n, item in enumerate(records, start=1):
            checkpoint(cancel)
            progress(n, total, "importing")
            try:
                if isinstance(item, FormatError):
                    raise item
                _import_one(repo, schema, item, seen, report, annotator)
            except FormatError as exc:
                if not skip_bad:
                    raise
                where, _, why = str(exc).partition(": ")
                report.skipped.append((where, why or str(exc)))
        if report.imported:
            repo.log(
                annotator,
                "import",
                None,
                f"imported {len(report.imported)} document(s)",
                {"documents": report.imported, "spans": report.spans},
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
        report.unchanged.append(doc.id)
        return
    validate_record(record, schema)
    try:
        spans, relations = add_annotated_document(
            repo, doc, record.spans, record.relations, annotator
        )
    except IdsTaken as exc:
        raise FormatError(
            f"{record.source}: span/relation id(s) already used by another document: "
            + (", ".join(exc.ids) or "(unknown)")
        ) from None
    report.spans += spans
    report.relations += relations
    report.imported.append(doc.id)


def import_paths(
    repo: Repository,
    paths: Iterable[Path],
    *,
    lang: str | None = None,
    skip_bad: bool = False,
    annotator: str = "",
    fmt: str | None = None,
    offsets: Offsets = "utf16",
    title_from: TitleFrom | None = None,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> ImportReport:
    """Import files and folders as one transaction.

    ``fmt`` is a format name that ``formats.registry`` can read (None: detected per input
    by content); ``offsets``
    is the unit of doccano offsets (doccano's own default is UTF-16 units); ``title_from``
    replaces each document's title by that rule (``formats.titles``).
    """
    sources = plan_sources(paths, fmt)
    options = ReadOptions(repo.schema(), lang, offsets)

    def records() -> Iterator[DocumentRecord | FormatError]:
        for path, name in sources:
            for item in reader(name)(path, options):
                if title_from is not None and isinstance(item, DocumentRecord):
                    item = retitle(item, title_from, path)
                yield item

    return import_records(
        repo,
        records(),
        skip_bad=skip_bad,
        annotator=annotator,
        total=len(sources),
        progress=progress,
        cancel=cancel,
    )
