"""Label Studio tasks JSON (a list of tasks, as Label Studio exports and imports them).

Each document is ``{"data": {"text", "doc_id"}, "annotations": [{"result": [...]}]}``. Spans are
``labels`` results ``{"id", "from_name": "label", "to_name": "text", "type": "labels",
"value": {"start", "end", "text", "labels": [LABEL]}}`` (a note goes to the region's
``meta.text``, Label Studio's per-region note); relations are ``relation`` results
``{"from_id", "to_id", "direction": "right", "labels": [TYPE]}``; document labels are
``choices`` results named after the schema's document label. Offsets are code points (Label
Studio's are JavaScript string indices over the text it was given, which Python reads the same
way for its exports). On import ``value.text`` may be missing (taken from the text); when it
is present it must equal the slice. Every non-cancelled annotation of a task is imported,
its spans and relations made by its ``completed_by``; ``predictions`` are model suggestions,
not annotations: they are counted in the report, not imported.

Region ids are local to one annotation, so each region gets a new span id. A relation without
a label (Label Studio allows it) takes ``ReadOptions.relation_label`` or the first relation
type of the schema that joins its spans. Fields of ``data`` besides the text go to the
document meta, and the export writes the meta back into ``data`` and one annotation per
annotator with its ``completed_by``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.progress import CancelCheck, Progress
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
from annotator.formats.records import DocumentRecord, FormatError, ReadItem, ReadNote
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
    """One task: an annotation per annotator (``completed_by``), the document meta back in
    ``data`` beside the text."""
    by_annotator: dict[str, list[dict[str, Any]]] = {}
    owner: dict[str, str] = {}
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
        by_annotator.setdefault(span.annotator, []).append(region)
        owner[span.id] = span.annotator
    for rel in item.relations:
        if owner[rel.head] != owner[rel.tail]:
            ctx.count(
                "{n} relation(s) join spans of two annotators; written in the head span's "
                "annotation (Label Studio relations stay inside one annotation)"
            )
        by_annotator[owner[rel.head]].append(
            {
                "from_id": rel.head,
                "to_id": rel.tail,
                "type": "relation",
                "direction": "right",
                "labels": [rel.label],
            }
        )
    choices = [
        {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}}
        for name, value in sorted(item.doc.labels.items())
        if value is not None
    ]
    annotations = [_annotation(who, result) for who, result in by_annotator.items()]
    if choices and annotations:
        annotations[0]["result"] += choices
    elif choices or not annotations:
        annotations.append({"result": choices})
    data = {k: v for k, v in item.doc.meta.items() if k not in ("text", "doc_id")}
    ctx.count(
        "{n} document meta field(s) named 'text' or 'doc_id' not held by Label Studio data",
        len(item.doc.meta) - len(data),
    )
    return {
        "data": {**data, "text": item.doc.text, "doc_id": item.doc.id},
        "annotations": annotations,
    }


def _annotation(annotator: str, result: list[dict[str, Any]]) -> dict[str, Any]:
    """An annotation; ``completed_by`` is the annotator (a number when it was one)."""
    if not annotator:
        return {"result": result}
    who: int | str = int(annotator) if annotator.isdigit() else annotator
    return {"completed_by": who, "result": result}


# ----- import ---------------------------------------------------------------------------------
def read_tasks(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Records of a Label Studio JSON export; a bad task yields its FormatError."""
    try:
        items = json_list_items(path)
    except FormatError as exc:
        yield exc
        return
    for n, (where, obj) in enumerate(items, start=1):
        notes: list[ReadNote] = []
        try:
            yield record_from_task(obj, f"{where}: task {n}", options, f"{path.stem}-{n}", notes)
        except FormatError as exc:
            yield exc
        yield from notes


def record_from_task(
    obj: Any,
    where: str,
    options: ReadOptions,
    fallback_id: str,
    notes: list[ReadNote] | None = None,
) -> DocumentRecord:
    """One task as a record. Region ids are local to one annotation (two annotators who
    started from one prediction share them; some tools number them per task), so every
    region gets a new span id and relations follow the mapping."""
    notes = [] if notes is None else notes
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
            notes.append(ReadNote("{n} cancelled Label Studio annotation(s) not imported"))
            continue
        who = annotation.get("completed_by")
        reader = _Regions(doc_id, text, options, _annotator(who), f"{where}: annotation {a}")
        for r, result in enumerate(annotation.get("result") or [], start=1):
            reader.add(result, r, labels)
        reader.finish()
        spans += reader.spans.values()
        relations += reader.relations
        notes += reader.notes
    predictions = obj.get("predictions")
    if isinstance(predictions, list) and predictions:
        notes.append(
            ReadNote(
                "{n} Label Studio prediction(s) not imported (model suggestions)", len(predictions)
            )
        )
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

    def __init__(
        self, doc_id: str, text: str, options: ReadOptions, annotator: str, where: str
    ) -> None:
        self.doc_id, self.text, self.schema = doc_id, text, options.schema
        self.relation_label = options.relation_label
        self.annotator, self.where = annotator, where
        self.spans: dict[str, Span] = {}
        """Spans by their region id (local to this annotation); each has a new span id."""
        self.relations: list[Relation] = []
        self.notes: list[ReadNote] = []
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
        region = str(region_id) if isinstance(region_id, (str, int)) else new_id("region")
        if region in self.spans:
            raise FormatError(f"{where}: region id {region!r} appears twice in one annotation")
        meta = result.get("meta") or {}
        notes = meta.get("text") if isinstance(meta, dict) else None
        note = "\n".join(notes) if isinstance(notes, list) else str(notes or "")
        self.spans[region] = Span(
            new_id("s"), self.doc_id, layer, labels[0], start, end, self.text[start:end],
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
            ends.append(self.spans[str(result[key])].id)
        if result.get("direction") == "left":
            ends.reverse()
        labels = result.get("labels") or []
        if len(labels) > 1:
            raise FormatError(f"{where}: a relation needs one label at most, got {labels!r}")
        label = labels[0] if labels else self._unlabelled(ends[0], ends[1], where)
        self.relations.append(
            Relation(new_id("r"), self.doc_id, label, ends[0], ends[1], annotator=self.annotator)
        )

    def _unlabelled(self, head: str, tail: str, where: str) -> str:
        """The type of a relation Label Studio left without a label (it allows that): the
        user's choice, else the first relation type of the schema that joins the two spans."""
        label = self.relation_label
        if label is None:
            by_id = {span.id: span for span in self.spans.values()}
            heads, tails = by_id[head].label, by_id[tail].label
            allowed = self.schema.relations_allowed(heads, tails)
            if not allowed:
                raise FormatError(
                    f"{where}: a relation without a label from {heads} to {tails}, and no "
                    "relation type of the schema joins them; give --relation-label"
                )
            label = allowed[0].name
        self.notes.append(
            ReadNote(
                f"{{n}} Label Studio relation(s) without a label imported as {label!r} "
                "(--relation-label chooses the type)"
            )
        )
        return label
