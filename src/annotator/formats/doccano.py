"""doccano JSONL, both shapes doccano reads and writes.

* sequence labelling: ``{"id", "text", "label": [[start, end, "LABEL"], ...]}``
* relation extraction: ``{"id", "text", "entities": [{"id", "label", "start_offset",
  "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}``

The export writes the relation shape when any relation is exported, else the sequence shape.
doccano counts offsets in UTF-16 units (its front end is JavaScript), so the export writes
UTF-16 units by default (``ExportOptions.offsets="codepoint"`` writes code points) and the
import converts UTF-16 units to code points unless told ``offsets="codepoint"``.
doccano holds no span attributes or notes: they are counted in the report. In the relation
shape, entity and relation ids are integers (doccano's importer validates them as ints),
numbered through the export. On import, exact duplicate spans are kept once and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.progress import CancelCheck, Progress
from annotator.core.text import Utf16Index
from annotator.formats.export_api import (
    ExportOptions,
    ExportReport,
    select_documents,
    span_annotator,
)
from annotator.formats.interchange import (
    ExportContext,
    ExportDoc,
    Offsets,
    ReadOptions,
    document_text,
    int_field,
    layer_of,
    records_from_json_lines,
    run_export,
    write_jsonl,
)
from annotator.formats.records import DocumentRecord, FormatError, ReadItem, ReadNote
from annotator.store.corpus import documents_with_relations
from annotator.store.repository import Repository

_KNOWN_KEYS = {"id", "text", "label", "labels", "entities", "relations"}


# ----- export ---------------------------------------------------------------------------------
def export(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """doccano JSONL; offsets in UTF-16 units as doccano itself reads them, or in code points
    with ``options.offsets == "codepoint"`` (for tools that count as Python does)."""
    offsets = _offsets(options.offsets)
    relation_shape = _any_relation(repo, options)
    numbers = count(1)

    def write(path: Path, doc_ids: list[str], ctx: ExportContext) -> None:
        write_jsonl(
            path,
            (_record(item, ctx, offsets, relation_shape, numbers) for item in ctx.docs(doc_ids)),
        )

    report = run_export(
        repo, out, options, progress, cancel, fmt="doccano", suffix=".jsonl", write=write
    )
    shape = "relation (entities + relations)" if relation_shape else "sequence labelling (label)"
    unit = "UTF-16 units, as doccano counts" if offsets == "utf16" else "code points"
    report.notes.insert(0, f"doccano {shape} shape; offsets in {unit}")
    return report


def _offsets(value: str) -> Offsets:
    if value == "utf16":
        return "utf16"
    if value == "codepoint":
        return "codepoint"
    raise ValidationError(f"doccano offsets are 'utf16' or 'codepoint', not {value!r}")


def _any_relation(repo: Repository, options: ExportOptions) -> bool:
    """Whether the export will hold a relation (both ends pass the layer/annotator filters)."""
    holding = documents_with_relations(repo, options.layer, span_annotator(options))
    return not holding.isdisjoint(select_documents(repo, options))


def _record(
    item: ExportDoc,
    ctx: ExportContext,
    offsets: Offsets,
    relation_shape: bool,
    numbers: Iterator[int],
) -> dict[str, Any]:
    """One line; in the relation shape entity and relation ids are integers, unique in the
    export, as doccano's importer (pydantic models) requires."""
    doc = item.doc
    index = Utf16Index(doc.text) if offsets == "utf16" else None

    def unit(offset: int) -> int:
        return index.to_utf16(offset) if index is not None else offset

    for span in item.spans:
        ctx.count("{n} span attribute value(s) not held by doccano", len(span.attrs))
        ctx.count("{n} span note(s) not held by doccano", 1 if span.note else 0)
    if not relation_shape:
        labels = [[unit(s.start), unit(s.end), s.label] for s in item.spans]
        return {"id": doc.id, "text": doc.text, "label": labels}
    entity_ids = {s.id: next(numbers) for s in item.spans}
    return {
        "id": doc.id,
        "text": doc.text,
        "entities": [
            {
                "id": entity_ids[s.id],
                "label": s.label,
                "start_offset": unit(s.start),
                "end_offset": unit(s.end),
            }
            for s in item.spans
        ],
        "relations": [
            {
                "id": next(numbers),
                "from_id": entity_ids[r.head],
                "to_id": entity_ids[r.tail],
                "type": r.label,
            }
            for r in item.relations
        ],
    }


# ----- import ---------------------------------------------------------------------------------
DUPLICATE_NOTE = "{n} exact duplicate span(s) in doccano input imported once"


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Records of a doccano JSONL file (either shape); a bad line yields its FormatError,
    and the report counts exact duplicate spans (imported once)."""
    duplicates = [0]

    def parse(obj: Any, where: str, options: ReadOptions, fallback_id: str) -> DocumentRecord:
        record = record_from_json(obj, where, options, fallback_id)
        duplicates[0] += record_duplicates(obj, record)
        return record

    yield from records_from_json_lines(path, options, parse)
    if duplicates[0]:
        yield ReadNote(DUPLICATE_NOTE, duplicates[0])


def record_duplicates(obj: Any, record: DocumentRecord) -> int:
    """How many spans of the line were left out as exact duplicates."""
    raw = obj.get("entities") if "entities" in obj else obj.get("label", obj.get("labels", []))
    return len(raw) - len(record.spans)


def record_from_json(
    obj: Any, where: str, options: ReadOptions, fallback_id: str
) -> DocumentRecord:
    """One line as a record; an exact duplicate span (same offsets and label) is kept once
    and relations naming it join the kept one."""
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    raw_spans = (
        obj.get("entities") if "entities" in obj else obj.get("label", obj.get("labels", []))
    )
    if not isinstance(raw_spans, list):
        raise FormatError(f"{where}: 'label'/'entities' must be a list")
    text = document_text(obj.get("text"), where, bool(raw_spans))
    raw_id = obj.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id).strip() else fallback_id
    doc = Document(
        id=doc_id,
        text=text,
        title=text.strip().split("\n", 1)[0].strip()[:200],
        lang=options.lang or "en",
        meta={k: v for k, v in obj.items() if k not in _KNOWN_KEYS},
    )
    convert = _converter(text, options.offsets)
    spans: dict[tuple[int, int, str], Span] = {}
    ids: dict[Any, str] = {}
    for n, raw in enumerate(raw_spans, start=1):
        swhere = f"{where}: label {n}"
        if "entities" in obj:
            if not isinstance(raw, dict):
                raise FormatError(f"{swhere}: expected an entity object")
            start, end = (
                int_field(raw, "start_offset", swhere),
                int_field(raw, "end_offset", swhere),
            )
            label, original = raw.get("label"), raw.get("id")
        else:
            if not (isinstance(raw, list) and len(raw) == 3):
                raise FormatError(
                    f"{swhere}: expected [start, end, label], got {raw!r} (a text classification "
                    "file is not a span file)"
                )
            start, end, label = raw
            if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
                raise FormatError(f"{swhere}: offsets must be integers, got {start!r}, {end!r}")
            original = None
        layer = layer_of(options.schema, label, swhere)
        label = str(label)
        start, end = convert(start, swhere), convert(end, swhere)
        span_id = original if isinstance(original, str) and original else new_id("s")
        kept = spans.setdefault(
            (start, end, label), Span(span_id, doc_id, layer, label, start, end, text[start:end])
        )
        if original is not None:
            ids[original] = kept.id
    relations = [
        _relation(raw, ids, doc_id, f"{where}: relation {n}")
        for n, raw in enumerate(obj.get("relations") or [], start=1)
    ]
    return DocumentRecord(doc, tuple(spans.values()), tuple(relations), where)


def _relation(raw: Any, ids: dict[Any, str], doc_id: str, where: str) -> Relation:
    if not isinstance(raw, dict):
        raise FormatError(f"{where}: expected a relation object")
    ends = []
    for key in ("from_id", "to_id"):
        if raw.get(key) not in ids:
            raise FormatError(f"{where}: {key} {raw.get(key)!r} names no entity of this line")
        ends.append(ids[raw[key]])
    label = raw.get("type")
    if not isinstance(label, str):
        raise FormatError(f"{where}: missing relation 'type'")
    rel_id = raw.get("id")
    return Relation(
        rel_id if isinstance(rel_id, str) and rel_id else new_id("r"), doc_id, label, *ends
    )


def _converter(text: str, offsets: Offsets) -> Callable[[int, str], int]:
    if offsets == "codepoint":
        return lambda offset, swhere: offset
    index = Utf16Index(text)

    def convert(offset: int, swhere: str) -> int:
        try:
            return index.from_utf16(offset)
        except ValidationError as exc:
            raise FormatError(
                f"{swhere}: {exc} (offsets read as UTF-16 units, doccano's default; if this "
                "file counts code points, import it with --offsets codepoint)"
            ) from None

    return convert
