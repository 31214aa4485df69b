"""brat standoff import: a collection folder of ``.txt`` + ``.ann`` files, or one document.

What each ``.ann`` line becomes (the project schema decides what it can hold):

* ``T``: a span. A T whose fragments are separated only by line breaks or tabs (how brat and
  ``formats.brat`` store a span across them) is one continuous span, whatever the order its
  fragments are listed in; any other discontinuous T is left out and reported.
* ``E`` (event): its trigger is the T span it names; each argument ``Role:ID`` is a relation
  of type ``Role`` (brat's numbering, ``Theme2``, dropped) from the trigger to the argument's
  span (an event argument: that event's trigger). The event itself (its id, trigger and which
  relation each argument became) is kept in the meta, so the brat export writes E lines again.
* ``R``: a relation; ``*`` (equivalence): one relation between each neighbouring pair.
* ``A`` and ``M``: a span attribute; on an event, an attribute of its trigger.
* ``#``: an ``AnnotatorNotes`` note is the span's note; notes of other types (``Lemma`` …) and
  ``N`` normalisations are kept in the document's meta (``formats.brat.META_KEY``), tied to the
  span id, and written back with their type by the brat export.

A line the schema cannot hold (a relation or attribute it does not define, a note on a relation,
a line type brat may add later) is left out and listed with its ``file:line`` in the import
report; only malformed lines and unknown labels refuse the import.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.model import Document, Relation, Span, new_id
from annotator.core.schema import Schema
from annotator.core.text import normalize_text
from annotator.formats.brat import BREAKS, META_KEY
from annotator.formats.interchange import ReadOptions
from annotator.formats.records import DocumentRecord, FormatError, UnknownLabels

_T_OFFSETS = re.compile(r"^\d+ \d+(;\d+ \d+)*$")
_ROLE_NUMBER = re.compile(r"\d+$")
EVENT_NOTE = "brat event(s) imported as a trigger span with one relation per argument"


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
    raw = read_utf8(txt_path, "utf-8")
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
    if parser.kept_notes or parser.normalizations or parser.kept_events:
        kept = {
            "notes": parser.kept_notes,
            "normalizations": parser.normalizations,
            "events": parser.kept_events,
        }
        doc = replace(doc, meta={**doc.meta, META_KEY: kept})
    return DocumentRecord(
        doc,
        tuple(spans),
        tuple(relations),
        str(ann_path),
        left_out=tuple(parser.left_out),
        notes=(EVENT_NOTE,) * parser.events,
    )


def read_utf8(path: Path, codec: str) -> str:
    """The file as UTF-8; an undecodable byte is an error naming its line (brat is UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"{path}:{line}: not UTF-8 (byte {exc.start}); brat files are UTF-8"
        ) from None


class _LeftOut(Exception):
    """A line (or part of one) the schema cannot hold; the reason goes in the report."""


class _AnnParser:
    """Reads one ``.ann`` against its document; every error names the file and line."""

    def __init__(self, path: Path, doc: Document, raw: str, schema: Schema) -> None:
        self.path = path
        self.doc = doc
        self.raw = raw
        self.schema = schema
        self.shift = _OffsetShift(raw)
        self.spans: dict[str, Span] = {}
        self.not_imported: dict[str, str] = {}
        """T or E id -> why it was left out (lines naming it are left out too)."""
        self.triggers: dict[str, str] = {}
        self.unknown: dict[str, str] = {}
        self.attrs: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, list[str]] = {}
        self.kept_notes: list[dict[str, str]] = []
        self.normalizations: list[dict[str, str]] = []
        self.relations: list[Relation] = []
        self.links: dict[tuple[str, str, str], str] = {}
        self.kept_events: list[dict[str, Any]] = []
        self.left_out: list[tuple[str, str]] = []
        self.events = 0

    def parse(self) -> tuple[list[Span], list[Relation]]:
        content = read_utf8(self.path, "utf-8-sig")
        lines = [
            (f"{self.path}:{n}", line.rstrip("\r"))
            for n, line in enumerate(content.split("\n"), start=1)
            if line.strip()
        ]
        for where, line in lines:
            if line.startswith("T"):
                self._entity(where, line)
        if self.unknown:
            raise UnknownLabels(self.unknown, tuple(label.name for label in self.schema.labels))
        for where, line in lines:
            if line.startswith("E"):
                self._trigger(where, line)
        handlers = {
            "E": self._event,
            "R": self._relation,
            "A": self._attribute,
            "M": self._attribute,
            "*": self._equivalence,
            "N": self._normalization,
            "#": self._note,
        }
        for where, line in lines:
            if line[0] == "T":
                continue
            handler = handlers.get(line[0])
            try:
                if handler is None:
                    raise _LeftOut(f"{line.split(chr(9), 1)[0]!r} is not a brat line type")
                handler(where, line)
            except _LeftOut as left_out:
                self.left_out.append((where, str(left_out)))
        spans = [
            replace(
                span,
                attrs=self.attrs.get(span.id, {}),
                note="\n".join(self.notes.get(span.id, [])),
            )
            for span in self.spans.values()
        ]
        return spans, self.relations

    # ----- T -------------------------------------------------------------------------------
    def _entity(self, where: str, line: str) -> None:
        parts = line.split("\t", 2)
        head = parts[1].split(" ", 1) if len(parts) == 3 else []
        if len(head) != 2 or not _T_OFFSETS.match(head[1]):
            raise FormatError(f"{where}: expected 'T1<TAB>LABEL start end<TAB>text', got {line!r}")
        tid, (label, offsets), written = parts[0], head, parts[2]
        if tid in self.spans or tid in self.not_imported:
            raise FormatError(f"{where}: {tid} is defined twice")
        fragments = [(int(a), int(b)) for a, b in (f.split(" ") for f in offsets.split(";"))]
        for start, end in fragments:
            if end <= start:
                raise FormatError(
                    f"{where}: {tid} has the fragment '{start} {end}', which ends before it "
                    "starts; a brat fragment is 'start end'"
                )
        ordered = sorted(fragments)
        start, end = ordered[0][0], ordered[-1][1]
        if end > len(self.raw):
            raise FormatError(f"{where}: {tid} {start}..{end} is off the text ({len(self.raw)})")
        actual = " ".join(self.raw[s:e] for s, e in fragments)
        if actual != written:
            raise FormatError(
                f"{where}: {tid} has text {written!r} but {self.path.with_suffix('.txt').name} "
                f"says {actual!r} at {offsets}"
            )
        for (_, before), (after, _) in pairwise(ordered):
            gap = self.raw[before:after]
            if after < before or gap.strip() or not any(c in BREAKS for c in gap):
                reason = (
                    f"{tid} is discontinuous ({offsets}); annotator spans are continuous: "
                    "split it into separate annotations in brat"
                )
                self.not_imported[tid] = f"{tid} was left out (discontinuous)"
                self.left_out.append((where, reason))
                return
        if not self.schema.has_label(label):
            self.unknown.setdefault(repr(label), where)
            return
        start, end = self.shift(start), self.shift(end)
        self.spans[tid] = Span(
            id=new_id("s"),
            doc_id=self.doc.id,
            layer=self.schema.label(label).layer,
            label=label,
            start=start,
            end=end,
            text=self.doc.text[start:end],
        )

    def _target(self, ref: str, where: str) -> Span:
        """The span a T or E id stands for (an event: its trigger)."""
        if ref in self.not_imported:
            raise _LeftOut(self.not_imported[ref])
        if ref in self.spans:
            return self.spans[ref]
        if ref in self.triggers:
            return self._target(self.triggers[ref], where)
        raise FormatError(f"{where}: refers to {ref!r}, which no T or E line defines")

    # ----- E, R, * ---------------------------------------------------------------------------
    def _event_fields(self, where: str, line: str) -> tuple[str, str, str, list[str]]:
        parts = line.split("\t")
        fields = parts[1].split() if len(parts) >= 2 else []
        if not fields or any(f.count(":") != 1 for f in fields):
            raise FormatError(f"{where}: expected 'E1<TAB>TYPE:T1 ROLE:ID ...', got {line!r}")
        kind, trigger = fields[0].split(":")
        return parts[0], kind, trigger, fields[1:]

    def _trigger(self, where: str, line: str) -> None:
        eid, _, trigger, _ = self._event_fields(where, line)
        if eid in self.triggers:
            raise FormatError(f"{where}: {eid} is defined twice")
        self.triggers[eid] = trigger

    def _event(self, where: str, line: str) -> None:
        eid, _, trigger, arguments = self._event_fields(where, line)
        head = self._target(trigger, where)
        self.events += 1
        kept: list[dict[str, str]] = []
        for argument in arguments:
            role, ref = argument.split(":")
            try:
                tail = self._target(ref, where)
                relation = self._link(_ROLE_NUMBER.sub("", role), head, tail)
            except _LeftOut as left_out:
                self.left_out.append((where, f"{eid} argument {argument}: {left_out}"))
                continue
            target = {"event": ref} if ref in self.triggers else {"span": tail.id}
            kept.append({"role": role, **target, "relation": relation})
        self.kept_events.append({"id": eid, "trigger": head.id, "args": kept})

    def _relation(self, where: str, line: str) -> None:
        fields = line.split("\t")[1].split(" ") if "\t" in line else []
        if len(fields) != 3 or any(f.count(":") != 1 for f in fields[1:]):
            raise FormatError(f"{where}: expected 'R1<TAB>LABEL Arg1:T1 Arg2:T2', got {line!r}")
        head = self._target(fields[1].split(":")[1], where)
        tail = self._target(fields[2].split(":")[1], where)
        self._link(fields[0], head, tail)

    def _equivalence(self, where: str, line: str) -> None:
        fields = line.split("\t")[1].split() if "\t" in line else []
        if len(fields) < 3:
            raise FormatError(f"{where}: expected '*<TAB>TYPE T1 T2 ...', got {line!r}")
        for first, second in pairwise(fields[1:]):
            try:
                self._link(fields[0], self._target(first, where), self._target(second, where))
            except _LeftOut as left_out:
                self.left_out.append((where, f"{fields[0]} {first} {second}: {left_out}"))

    def _link(self, label: str, head: Span, tail: Span) -> str:
        """Add a relation the schema allows and return its id; an exact repeat is added once."""
        try:
            rel = self.schema.relation(label)
        except SchemaError:
            raise _LeftOut(f"relation type {label!r} is not in the project schema") from None
        if head.label not in rel.head or tail.label not in rel.tail:
            raise _LeftOut(f"{label!r} may not join a {head.label} span to a {tail.label} span")
        if head.id == tail.id:
            raise _LeftOut("it joins a span to itself")
        key = (label, head.id, tail.id)
        if key not in self.links:
            self.links[key] = new_id("r")
            self.relations.append(Relation(self.links[key], self.doc.id, label, head.id, tail.id))
        return self.links[key]

    # ----- A, M, #, N --------------------------------------------------------------------
    def _attribute(self, where: str, line: str) -> None:
        fields = line.split("\t")[1].split(" ") if "\t" in line else []
        if len(fields) not in (2, 3):
            raise FormatError(f"{where}: expected 'A1<TAB>name ID [value]', got {line!r}")
        span = self._target(fields[1], where)
        name = fields[0]
        try:
            attr = self.schema.attribute(span.layer, name)
        except SchemaError:
            raise _LeftOut(
                f"attribute {name!r} is not in the project schema for layer {span.layer!r}"
            ) from None
        value: Any = True if len(fields) == 2 else fields[2]
        if attr.type == "bool" and isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        try:
            attr.check_value(value)
        except SchemaError as exc:
            raise _LeftOut(str(exc)) from None
        self.attrs.setdefault(span.id, {})[name] = value

    def _note(self, where: str, line: str) -> None:
        parts = line.split("\t", 2)
        target = parts[1].split(" ") if len(parts) >= 2 else []
        if len(target) != 2:
            raise FormatError(f"{where}: expected '#1<TAB>TYPE ID<TAB>note', got {line!r}")
        kind, ref = target
        text = parts[2] if len(parts) == 3 else ""
        if ref[:1] not in ("T", "E"):
            raise _LeftOut(f"a note on {ref}: annotator keeps notes on spans (T and E) only")
        span = self._target(ref, where)
        if kind == "AnnotatorNotes":
            self.notes.setdefault(span.id, []).append(text)
        else:
            self.kept_notes.append({"type": kind, "span": span.id, "text": text})

    def _normalization(self, where: str, line: str) -> None:
        parts = line.split("\t", 2)
        fields = parts[1].split(" ") if len(parts) >= 2 else []
        if len(fields) != 3 or ":" not in fields[2]:
            raise FormatError(f"{where}: expected 'N1<TAB>TYPE ID DB:KEY<TAB>text', got {line!r}")
        span = self._target(fields[1], where)
        self.normalizations.append(
            {
                "type": fields[0],
                "span": span.id,
                "ref": fields[2],
                "text": parts[2] if len(parts) == 3 else "",
            }
        )


class _OffsetShift:
    """Maps offsets over the raw ``.txt`` to the stored text (BOM dropped, CRLF -> LF)."""

    def __init__(self, raw: str) -> None:
        removed = [0] if raw.startswith("\ufeff") else []
        if "\r\n" in raw:
            removed += [m.start() for m in re.finditer("\r\n", raw)]
        self._removed = removed

    def __call__(self, offset: int) -> int:
        return offset - bisect_left(self._removed, offset) if self._removed else offset
