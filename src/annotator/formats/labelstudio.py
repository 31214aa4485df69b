"""Label Studio tasks JSON (a list of tasks, as Label Studio exports and imports them).

Each document is ``{"data": {"text", "doc_id"}, "annotations": [{"result": [...]}]}``. Spans are
``labels`` results ``{"id", "from_name": "label", "to_name": "text", "type": "labels",
"value": {"start", "end", "text", "labels": [LABEL]}}`` (a note goes to the region's
``meta.text``, Label Studio's per-region note); relations are ``relation`` results
``{"from_id", "to_id", "direction": "right", "labels": [TYPE]}``; document labels are
``choices`` results named after the schema's document label. Offsets are code points (Label
Studio's are JavaScript string indices over the text it was given, which Python reads the same
way for its exports). On import ``value.text`` may be missing (taken from the text); when it
is present it must equal the slice. Every non-cancelled annotation of a task is imported;
``predictions`` are model suggestions, not annotations, and are not imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.progress import CancelCheck, Progress
from annotator.core.schema import Schema
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.interchange import (
    ExportContext,
    ExportDoc,
    ReadOptions,
    document_text,
    int_field,
    layer_of,
    run_export,
)
from annotator.formats.json_input import json_list_items
from annotator.formats.records import DocumentRecord, FormatError
from annotator.store.repository import Repository


# ----- export ---------------------------------------------------------------------------------
def export(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    def write(path: Path, doc_ids: list[str], ctx: ExportContext) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("[")
            for n, item in enumerate(ctx.docs(doc_ids)):
                handle.write(",\n" if n else "\n")
                handle.write(json.dumps(task(item, ctx), ensure_ascii=False))
            handle.write("\n]\n")

    return run_export(
        repo, out, options, progress, cancel, fmt="labelstudio", suffix=".json", write=write
    )


def task(item: ExportDoc, ctx: ExportContext) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for span in item.spans:
        region: dict[str, Any] = {
            "id": span.id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "labels": [span.label],
            },
        }
        if span.note:
            region["meta"] = {"text": [span.note]}
        ctx.count(
            "{n} span attribute value(s) not held by the Label Studio export", len(span.attrs)
        )
        result.append(region)
    for rel in item.relations:
        result.append(
            {
                "from_id": rel.head,
                "to_id": rel.tail,
                "type": "relation",
                "direction": "right",
                "labels": [rel.label],
            }
        )
    for name, value in sorted(item.doc.labels.items()):
        if value is not None:
            result.append(
                {
                    "from_name": name,
                    "to_name": "text",
                    "type": "choices",
                    "value": {"choices": [value]},
                }
            )
    return {
        "data": {"text": item.doc.text, "doc_id": item.doc.id},
        "annotations": [{"result": result}],
    }


# ----- import ---------------------------------------------------------------------------------
def read_tasks(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError]:
    """Records of a Label Studio JSON export; a bad task yields its FormatError."""
    try:
        items = json_list_items(path)
    except FormatError as exc:
        yield exc
        return
    for n, (where, obj) in enumerate(items, start=1):
        try:
            yield record_from_task(obj, f"{where}: task {n}", options, f"{path.stem}-{n}")
        except FormatError as exc:
            yield exc


def record_from_task(
    obj: Any, where: str, options: ReadOptions, fallback_id: str
) -> DocumentRecord:
    if not isinstance(obj, dict) or not isinstance(obj.get("data"), dict):
        raise FormatError(f"{where}: expected a task object with a 'data' object")
    data = obj["data"]
    annotations = obj.get("annotations") or []
    if not isinstance(annotations, list):
        raise FormatError(f"{where}: 'annotations' must be a list")
    text = document_text(data.get("text"), where, bool(annotations))
    doc_id = next(
        (
            str(v)
            for v in (data.get("doc_id"), data.get("id"), obj.get("id"))
            if isinstance(v, (str, int))
        ),
        fallback_id,
    )
    spans: list[Span] = []
    relations: list[Relation] = []
    labels: dict[str, Any] = {}
    for a, annotation in enumerate(annotations, start=1):
        if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
            continue
        who = annotation.get("completed_by")
        reader = _Regions(doc_id, text, options.schema, _annotator(who), f"{where}: annotation {a}")
        for r, result in enumerate(annotation.get("result") or [], start=1):
            reader.add(result, r, labels)
        reader.finish()
        spans += reader.spans.values()
        relations += reader.relations
    doc = Document(
        id=doc_id,
        text=text,
        title=text.strip().split("\n", 1)[0].strip()[:200],
        lang=options.lang or "en",
        meta={k: v for k, v in data.items() if k not in ("text", "doc_id")},
        labels=labels,
    )
    return DocumentRecord(doc, tuple(spans), tuple(relations), where)


def _annotator(who: Any) -> str:
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return "" if who is None else str(who)


class _Regions:
    """The results of one annotation: regions first become spans, then relations join them."""

    def __init__(self, doc_id: str, text: str, schema: Schema, annotator: str, where: str) -> None:
        self.doc_id, self.text, self.schema = doc_id, text, schema
        self.annotator, self.where = annotator, where
        self.spans: dict[str, Span] = {}
        self.relations: list[Relation] = []
        self._pending: list[tuple[dict[str, Any], str]] = []

    def add(self, result: Any, n: int, doc_labels: dict[str, Any]) -> None:
        where = f"{self.where}: result {n}"
        if not isinstance(result, dict):
            raise FormatError(f"{where}: expected a result object")
        kind = result.get("type")
        value = result.get("value")
        if kind == "relation":
            self._pending.append((result, where))
        elif kind == "labels" and isinstance(value, dict):
            self._span(result, value, where)
        elif kind == "choices" and isinstance(value, dict) and "start" not in value:
            choices = value.get("choices") or []
            name = result.get("from_name")
            if not any(d.name == name for d in self.schema.doc_labels) or len(choices) != 1:
                known = ", ".join(d.name for d in self.schema.doc_labels) or "none"
                raise FormatError(
                    f"{where}: document choice {name!r} {choices!r} is not one value of a "
                    f"document label of the schema (known: {known})"
                )
            doc_labels[str(name)] = choices[0]
        else:
            raise FormatError(
                f"{where}: result type {kind!r} cannot be imported; annotator reads 'labels', "
                "'relation' and document 'choices' results"
            )

    def _span(self, result: dict[str, Any], value: dict[str, Any], where: str) -> None:
        start, end = int_field(value, "start", where), int_field(value, "end", where)
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            raise FormatError(f"{where}: a region needs exactly one label, got {labels!r}")
        layer = layer_of(self.schema, labels[0], where)
        if not 0 <= start < end <= len(self.text):
            raise FormatError(f"{where}: region {start}..{end} is off the text ({len(self.text)})")
        written = value.get("text")
        if written is not None and written != self.text[start:end]:
            raise FormatError(
                f"{where}: region {start}..{end} has text {written!r} but the task text says "
                f"{self.text[start:end]!r}"
            )
        region_id = result.get("id")
        span_id = str(region_id) if isinstance(region_id, (str, int)) else new_id("s")
        if span_id in self.spans:
            raise FormatError(f"{where}: region id {span_id!r} appears twice")
        meta = result.get("meta") or {}
        notes = meta.get("text") if isinstance(meta, dict) else None
        note = "\n".join(notes) if isinstance(notes, list) else str(notes or "")
        self.spans[span_id] = Span(
            span_id, self.doc_id, layer, labels[0], start, end, self.text[start:end],
            annotator=self.annotator, note=note,
        )  # fmt: skip

    def finish(self) -> None:
        """Resolve relations once every region is known (a relation may come first)."""
        for result, where in self._pending:
            self._relation(result, where)

    def _relation(self, result: dict[str, Any], where: str) -> None:
        ends = []
        for key in ("from_id", "to_id"):
            if str(result.get(key)) not in self.spans:
                raise FormatError(
                    f"{where}: {key} {result.get(key)!r} names no region of this annotation"
                )
            ends.append(str(result[key]))
        if result.get("direction") == "left":
            ends.reverse()
        labels = result.get("labels") or []
        if len(labels) != 1:
            raise FormatError(f"{where}: a relation needs exactly one label, got {labels!r}")
        self.relations.append(
            Relation(
                new_id("r"), self.doc_id, labels[0], ends[0], ends[1], annotator=self.annotator
            )
        )
