"""brat standoff: a ``.txt`` and a ``.ann`` per document, plus ``annotation.conf``/``visual.conf``.

Offsets are code points over the UTF-8 ``.txt`` (brat reads it with Python). Lines written:
``T1<TAB>LABEL start end<TAB>text``, ``R1<TAB>LABEL Arg1:T1 Arg2:T2``, ``A1<TAB>name T1`` (bool
attribute set), ``A1<TAB>name T1 value`` (choice attribute), ``#1<TAB>AnnotatorNotes T1<TAB>note``.

A span that crosses line breaks is written the way brat itself stores one: fragments split at
the line breaks (``0 10;11 20``) with the fragment texts joined by one space. On import such a
T, whose gaps are only whitespace with a line break, is read back as one continuous span; any
other discontinuous T is refused, naming file, line and T id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.progress import CancelCheck, Progress
from annotator.core.schema import Schema
from annotator.core.text import normalize_text
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.interchange import (
    ExportContext,
    ExportDoc,
    ReadOptions,
    layer_of,
    run_export,
)
from annotator.formats.records import DocumentRecord, FormatError
from annotator.store.repository import Repository

_LINE_RUN = re.compile(r"[^\n]+")
_UNSAFE = re.compile(r"[^\w.-]")
_T_OFFSETS = re.compile(r"^\d+ \d+(;\d+ \d+)*$")


# ----- export ---------------------------------------------------------------------------------
def export(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write a brat collection folder at ``out`` (with ``--split``: one per part inside it)."""
    return run_export(
        repo, out, options, progress, cancel, fmt="brat", suffix="", write=_write_collection
    )


def _write_collection(folder: Path, doc_ids: list[str], ctx: ExportContext) -> None:
    folder.mkdir(exist_ok=True)
    schema = ctx.repo.schema()
    (folder / "annotation.conf").write_text(annotation_conf(schema), "utf-8", newline="\n")
    (folder / "visual.conf").write_text(visual_conf(schema), "utf-8", newline="\n")
    taken: set[str] = set()
    for item in ctx.docs(doc_ids):
        stem = _file_stem(item.doc.id, taken)
        if stem != item.doc.id:
            ctx.count("{n} document id(s) changed into safe file names (brat reads the name)")
        (folder / f"{stem}.txt").write_text(item.doc.text, "utf-8", newline="\n")
        lines = ann_lines(item, ctx)
        (folder / f"{stem}.ann").write_text(
            "".join(line + "\n" for line in lines), "utf-8", newline="\n"
        )


def _file_stem(doc_id: str, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", doc_id).lstrip(".") or "document"
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate


def ann_lines(item: ExportDoc, ctx: ExportContext) -> list[str]:
    """The ``.ann`` lines of one document: all T lines, then A, R and # lines."""
    t_ids: dict[str, str] = {}
    t_lines: list[str] = []
    a_lines: list[str] = []
    notes: list[str] = []
    for span in item.spans:
        tid = f"T{len(t_ids) + 1}"
        t_ids[span.id] = tid
        fragments = [
            (span.start + m.start(), span.start + m.end()) for m in _LINE_RUN.finditer(span.text)
        ]
        if fragments[0][0] != span.start or fragments[-1][1] != span.end:
            ctx.problem(item.doc.id, span, "starts or ends with a line break; brat keeps the rest")
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        text = " ".join(item.doc.text[s:e] for s, e in fragments)
        t_lines.append(f"{tid}\t{span.label} {offsets}\t{text}")
        for name, value in sorted(span.attrs.items()):
            if value is True:
                a_lines.append(f"A{len(a_lines) + 1}\t{name} {tid}")
            elif isinstance(value, str) and value and not any(c.isspace() for c in value):
                a_lines.append(f"A{len(a_lines) + 1}\t{name} {tid} {value}")
            elif value is not False:
                ctx.count("{n} attribute value(s) with spaces or free text not held by brat")
        if span.note:
            if "\n" in span.note:
                ctx.count(
                    "{n} note(s) had line breaks replaced by spaces (brat notes are one line)"
                )
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {tid}\t{' '.join(span.note.split())}")
    r_lines = [
        f"R{n}\t{rel.label} Arg1:{t_ids[rel.head]} Arg2:{t_ids[rel.tail]}"
        for n, rel in enumerate(item.relations, start=1)
    ]
    return t_lines + a_lines + r_lines + notes


def annotation_conf(schema: Schema) -> str:
    """brat's ``annotation.conf`` for the project schema: one ``!layer`` group per layer."""
    out = ["# Generated by annotator from the project schema", "[entities]"]
    for layer in schema.layers:
        out.append(f"!{layer.name}")
        out += [f"\t{label.name}" for label in schema.labels_of(layer.name)]
    out.append("[relations]")
    for rel in schema.relations:
        out.append(f"{rel.name}\tArg1:{'|'.join(rel.head)}, Arg2:{'|'.join(rel.tail)}")
    if any(layer.allow_overlap for layer in schema.layers):
        out.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    out += ["[events]", "[attributes]"]
    for attr in schema.attributes:
        labels = "|".join(label.name for label in schema.labels_of(attr.layer))
        if attr.type == "bool":
            out.append(f"{attr.name}\tArg:{labels}")
        elif attr.type == "choice":
            out.append(f"{attr.name}\tArg:{labels}, Value:{'|'.join(attr.choices)}")
        else:
            out.append(f"# {attr.name} (free text) cannot be a brat attribute")
    return "\n".join(out) + "\n"


def visual_conf(schema: Schema) -> str:
    out = ["# Generated by annotator from the project schema", "[labels]"]
    out += [
        f"{label.name} | {label.description}" if label.description else label.name
        for label in schema.labels
    ]
    out.append("[drawing]")
    out += [f"{label.name}\tbgColor:{label.color}" for label in schema.labels]
    return "\n".join(out) + "\n"


# ----- import ---------------------------------------------------------------------------------
def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError]:
    """A brat collection folder, or one document given by its ``.txt`` or ``.ann`` file."""
    if path.is_dir():
        yield from read_collection(path, options)
        return
    try:
        yield read_document(path.with_suffix(".txt"), options)
    except FormatError as exc:
        yield exc


def read_collection(folder: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError]:
    """One record per ``.txt`` under ``folder`` (id = file name), with its ``.ann`` if any."""
    texts = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    stems = {p.with_suffix("") for p in texts}
    for ann in sorted(folder.rglob("*.ann")):
        if ann.with_suffix("") not in stems:
            yield FormatError(f"{ann}: no {ann.with_suffix('.txt').name} beside it")
            return
    if not texts:
        yield FormatError(f"{folder}: the folder holds no brat .txt files")
    for path in texts:
        try:
            yield read_document(path, options)
        except FormatError as exc:
            yield exc


def read_document(txt_path: Path, options: ReadOptions) -> DocumentRecord:
    raw = _read_utf8(txt_path, "utf-8")
    text = normalize_text(raw)
    if not text.strip():
        raise FormatError(f"{txt_path}: the file is empty")
    doc = Document(
        id=txt_path.stem,
        text=text,
        title=text.strip().split("\n", 1)[0].strip()[:200],
        lang=options.lang or "en",
        meta={"source": txt_path.name},
    )
    ann_path = txt_path.with_suffix(".ann")
    if not ann_path.exists():
        return DocumentRecord(doc, source=str(txt_path))
    parser = _AnnParser(ann_path, doc, raw, options.schema)
    spans, relations = parser.parse()
    return DocumentRecord(doc, tuple(spans), tuple(relations), str(ann_path))


def _read_utf8(path: Path, codec: str) -> str:
    """The file as UTF-8; an undecodable byte is an error naming its line (brat is UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"{path}:{line}: not UTF-8 (byte {exc.start}); brat files are UTF-8"
        ) from None


class _AnnParser:
    """Reads one ``.ann`` against its document; every error names the file and line."""

    def __init__(self, path: Path, doc: Document, raw: str, schema: Schema) -> None:
        self.path = path
        self.doc = doc
        self.raw = raw
        self.schema = schema
        self.shift = _OffsetShift(raw)
        self.spans: dict[str, Span] = {}
        self.attrs: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, list[str]] = {}

    def parse(self) -> tuple[list[Span], list[Relation]]:
        content = _read_utf8(self.path, "utf-8-sig")
        lines = [
            (f"{self.path}:{n}", line.rstrip("\r"))
            for n, line in enumerate(content.split("\n"), start=1)
            if line.strip()
        ]
        relations: list[Relation] = []
        for where, line in lines:
            if line.startswith("T"):
                self._entity(where, line)
        for where, line in lines:
            kind = line[0]
            if kind == "T":
                continue
            if kind == "R":
                relations.append(self._relation(where, line))
            elif kind in "AM":
                self._attribute(where, line)
            elif kind == "#":
                self._note(where, line)
            else:
                raise FormatError(
                    f"{where}: {line.split(chr(9), 1)[0]!r} lines (events, normalisations, "
                    "equivalences) cannot be imported; annotator holds T, R, A and # lines"
                )
        spans = [
            replace(span, attrs=self.attrs.get(sid, {}), note="\n".join(self.notes.get(sid, [])))
            for sid, span in self.spans.items()
        ]
        return spans, relations

    def _entity(self, where: str, line: str) -> None:
        parts = line.split("\t", 2)
        head = parts[1].split(" ", 1) if len(parts) == 3 else []
        if len(head) != 2 or not _T_OFFSETS.match(head[1]):
            raise FormatError(f"{where}: expected 'T1<TAB>LABEL start end<TAB>text', got {line!r}")
        tid, (label, offsets), written = parts[0], head, parts[2]
        if tid in self.spans:
            raise FormatError(f"{where}: {tid} is defined twice")
        fragments = [tuple(int(x) for x in f.split(" ")) for f in offsets.split(";")]
        for (_, end), (start, _) in pairwise(fragments):
            gap = self.raw[end:start]
            if start < end or gap.strip() or "\n" not in gap:
                raise FormatError(
                    f"{where}: {tid} is discontinuous ({offsets}); annotator spans are "
                    "continuous: split it into separate annotations in brat first"
                )
        start, end = fragments[0][0], fragments[-1][1]
        if not 0 <= start < end <= len(self.raw):
            raise FormatError(f"{where}: {tid} {start}..{end} is off the text ({len(self.raw)})")
        actual = " ".join(self.raw[s:e] for s, e in fragments)
        if actual != written:
            raise FormatError(
                f"{where}: {tid} has text {written!r} but {self.path.with_suffix('.txt').name} "
                f"says {actual!r} at {offsets}"
            )
        layer = layer_of(self.schema, label, where)
        start, end = self.shift(start), self.shift(end)
        self.spans[tid] = Span(
            id=new_id("s"),
            doc_id=self.doc.id,
            layer=layer,
            label=label,
            start=start,
            end=end,
            text=self.doc.text[start:end],
        )

    def _span(self, tid: str, where: str) -> Span:
        if tid not in self.spans:
            raise FormatError(f"{where}: refers to {tid!r}, which no T line defines")
        return self.spans[tid]

    def _relation(self, where: str, line: str) -> Relation:
        fields = line.split("\t")[1].split(" ") if "\t" in line else []
        if (
            len(fields) != 3
            or not fields[1].startswith("Arg1:")
            or not fields[2].startswith("Arg2:")
        ):
            raise FormatError(f"{where}: expected 'R1<TAB>LABEL Arg1:T1 Arg2:T2', got {line!r}")
        head = self._span(fields[1][5:], where)
        tail = self._span(fields[2][5:], where)
        return Relation(new_id("r"), self.doc.id, fields[0], head.id, tail.id)

    def _attribute(self, where: str, line: str) -> None:
        fields = line.split("\t")[1].split(" ") if "\t" in line else []
        if len(fields) not in (2, 3):
            raise FormatError(f"{where}: expected 'A1<TAB>name T1 [value]', got {line!r}")
        span = self._span(fields[1], where)
        defs = {a.name: a for a in self.schema.attributes_of(span.layer)}
        if fields[0] not in defs:
            known = ", ".join(defs) or "none"
            raise FormatError(
                f"{where}: unknown attribute {fields[0]!r} on layer {span.layer!r}; known: {known}"
            )
        value: Any = True if len(fields) == 2 else fields[2]
        if defs[fields[0]].type == "bool" and isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        self.attrs.setdefault(fields[1], {})[fields[0]] = value

    def _note(self, where: str, line: str) -> None:
        parts = line.split("\t", 2)
        target = parts[1].split(" ") if len(parts) == 3 else []
        if len(target) != 2:
            raise FormatError(
                f"{where}: expected '#1<TAB>AnnotatorNotes T1<TAB>note', got {line!r}"
            )
        self._span(target[1], where)
        self.notes.setdefault(target[1], []).append(parts[2])


class _OffsetShift:
    """Maps offsets over the raw ``.txt`` to the stored text (BOM dropped, CRLF -> LF)."""

    def __init__(self, raw: str) -> None:
        removed = [0] if raw.startswith("\ufeff") else []
        if "\r\n" in raw:
            removed += [m.start() for m in re.finditer("\r\n", raw)]
        self._removed = removed

    def __call__(self, offset: int) -> int:
        return offset - bisect_left(self._removed, offset) if self._removed else offset
