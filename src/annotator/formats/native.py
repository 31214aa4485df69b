"""The native JSONL format: one document a line, lossless.

``{"id", "title", "lang", "text", "meta", "status", "statuses", "note", "labels",
"spans": [...], "relations": [...]}``; span ``start``/``end`` are code points, end-exclusive,
and each span's ``text`` must equal the document text's slice. Spans and relations carry their
``annotator`` (gold ones ``@gold``). ``statuses`` holds every annotator's status of the
document, ``{"ana": {"status": "done", "assigned": true}, ...}`` (the empty name is the status
of anyone without their own); ``status`` is the exporting user's, for files without it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import DOCUMENT_STATUSES, Document, Relation, Span, new_id, now_iso
from annotator.core.progress import CancelCheck, Progress, checkpoint
from annotator.core.team import GOLD, annotator_problem
from annotator.core.text import normalize_text
from annotator.core.validation import check_offsets
from annotator.formats.export_api import ExportOptions, ExportReport, select_documents
from annotator.formats.interchange import ReadOptions
from annotator.formats.json_input import json_lines
from annotator.formats.output import staged_output
from annotator.formats.records import DocumentRecord, FormatError, relation_fields, span_fields
from annotator.store.repository import Repository
from annotator.store.statuses import all_statuses

_DOC_KEYS = {
    "id",
    "title",
    "lang",
    "text",
    "meta",
    "status",
    "note",
    "labels",
    "encoding",
    "spans",
    "relations",
    "statuses",
}


def _field(
    obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = None
) -> Any:
    value = obj.get(key, default)
    if value is None and default is None:
        raise FormatError(f"{where}: missing field {key!r}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise FormatError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def record_from_json(obj: Any, where: str, default_lang: str | None = None) -> DocumentRecord:
    """Parse one native JSON object; ``where`` is ``file:line`` for messages."""
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    unknown = set(obj) - _DOC_KEYS
    if unknown:
        raise FormatError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    doc_id = _field(obj, "id", str, where)
    if not doc_id.strip():
        raise FormatError(f"{where}: the document id is empty")
    raw_text = _field(obj, "text", str, where)
    text = normalize_text(raw_text)
    if text != raw_text and obj.get("spans"):
        raise FormatError(
            f"{where}: document {doc_id!r} has CR line ends or a BOM in its text; offsets would "
            "not match the stored text. Convert line ends to LF first"
        )
    if not text.strip():
        raise FormatError(f"{where}: document {doc_id!r} has empty text")
    doc = Document(
        id=doc_id,
        text=text,
        title=_field(obj, "title", str, where, ""),
        lang=_field(obj, "lang", str, where, default_lang or "en"),
        meta=_field(obj, "meta", dict, where, {}),
        encoding=_field(obj, "encoding", str, where, "utf-8"),
        status=_field(obj, "status", str, where, "todo"),
        note=_field(obj, "note", str, where, ""),
        labels=_field(obj, "labels", dict, where, {}),
    )
    spans = []
    for n, raw in enumerate(_field(obj, "spans", list, where, []), start=1):
        swhere = f"{where}: span {n}"
        if not isinstance(raw, dict):
            raise FormatError(f"{swhere}: expected an object")
        start = _field(raw, "start", int, swhere)
        end = _field(raw, "end", int, swhere)
        span_text = raw.get("text")
        try:
            check_offsets(text, start, end, span_text)
        except AnnotatorError as exc:
            raise FormatError(f"{swhere}: {exc}") from None
        spans.append(
            Span(
                id=_field(raw, "id", str, swhere, "") or new_id("s"),
                doc_id=doc_id,
                layer=_field(raw, "layer", str, swhere),
                label=_field(raw, "label", str, swhere),
                start=start,
                end=end,
                text=text[start:end],
                annotator=_field(raw, "annotator", str, swhere, ""),
                created_at=_field(raw, "created_at", str, swhere, "") or now_iso(),
                attrs=_field(raw, "attrs", dict, swhere, {}),
                note=_field(raw, "note", str, swhere, ""),
                origin=_field(raw, "origin", str, swhere, ""),
            )
        )
    relations = []
    for n, raw in enumerate(_field(obj, "relations", list, where, []), start=1):
        rwhere = f"{where}: relation {n}"
        if not isinstance(raw, dict):
            raise FormatError(f"{rwhere}: expected an object")
        relations.append(
            Relation(
                id=_field(raw, "id", str, rwhere, "") or new_id("r"),
                doc_id=doc_id,
                label=_field(raw, "label", str, rwhere),
                head=_field(raw, "head", str, rwhere),
                tail=_field(raw, "tail", str, rwhere),
                annotator=_field(raw, "annotator", str, rwhere, ""),
                created_at=_field(raw, "created_at", str, rwhere, "") or now_iso(),
            )
        )
    statuses = _statuses(obj.get("statuses"), where)
    return DocumentRecord(doc, tuple(spans), tuple(relations), where, statuses=statuses)


def _statuses(raw: Any, where: str) -> tuple[tuple[str, str, bool], ...] | None:
    """The ``statuses`` object as ``(name, status, assigned)`` rows; None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise FormatError(f"{where}: field 'statuses' has the wrong type ({type(raw).__name__})")
    rows = []
    for name, entry in sorted(raw.items()):
        problem = annotator_problem(name) if name not in ("", GOLD) else None
        if problem is not None:
            raise FormatError(f"{where}: statuses: annotator name {name!r}: {problem}")
        swhere = f"{where}: statuses: {name!r}"
        if not isinstance(entry, dict) or set(entry) - {"status", "assigned"}:
            raise FormatError(f"{swhere}: expected an object with status and assigned")
        status = _field(entry, "status", str, swhere)
        if status not in DOCUMENT_STATUSES:
            raise FormatError(
                f"{swhere}: unknown status {status!r}; use one of {', '.join(DOCUMENT_STATUSES)}"
            )
        rows.append((name, status, bool(_field(entry, "assigned", bool, swhere, False))))
    return tuple(rows)


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError]:
    """The registry's reader: ``read_jsonl`` with the import's language."""
    return read_jsonl(path, options.lang)


def read_jsonl(
    path: Path, default_lang: str | None = None
) -> Iterator[DocumentRecord | FormatError]:
    """Records of a native JSONL file; a bad line yields its FormatError instead of a record."""
    for item in json_lines(path):
        if isinstance(item, FormatError):
            yield item
            continue
        where, obj = item
        try:
            yield record_from_json(obj, where, default_lang)
        except FormatError as exc:
            yield exc


def record_to_json(
    doc: Document,
    spans: list[Span],
    relations: list[Relation],
    statuses: dict[str, tuple[str, bool]] | None = None,
) -> dict[str, Any]:
    """One line of the file; ``statuses`` maps each annotator to ``(status, assigned)``."""
    record = {
        "id": doc.id,
        "title": doc.title,
        "lang": doc.lang,
        "text": doc.text,
        "meta": doc.meta,
        "encoding": doc.encoding,
        "status": doc.status,
        "note": doc.note,
        "labels": doc.labels,
        "spans": [
            {
                **span_fields(s),
                "annotator": s.annotator,
                "created_at": s.created_at,
                "attrs": s.attrs,
                "note": s.note,
                "origin": s.origin,
            }
            for s in spans
        ],
        "relations": [
            {
                **relation_fields(r),
                "annotator": r.annotator,
                "created_at": r.created_at,
            }
            for r in relations
        ],
    }
    if statuses is not None:
        record["statuses"] = {
            name: {"status": status, "assigned": assigned}
            for name, (status, assigned) in sorted(statuses.items())
        }
    return record


def export(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write every selected document with all its spans, relations and statuses (every
    annotator's and gold's), one JSON line each.

    Only ``status`` selects: the native file holds everything, so it imports back as it was.
    """
    statuses = all_statuses(repo)
    doc_ids = select_documents(
        repo, replace(options, annotator=None, gold=False, all_annotators=True)
    )
    report = ExportReport("native", str(out))
    with (
        staged_output(out, folder=False, overwrite=options.overwrite) as path,
        path.open("w", encoding="utf-8", newline="\n") as handle,
    ):
        for n, doc_id in enumerate(doc_ids, start=1):
            checkpoint(cancel)
            spans, relations = repo.spans(doc_id), repo.relations(doc_id)
            record = record_to_json(
                repo.document(doc_id), spans, relations, statuses.get(doc_id, {})
            )
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            report.documents += 1
            report.spans += len(spans)
            report.relations += len(relations)
            progress(n, len(doc_ids), "exporting")
    return report
