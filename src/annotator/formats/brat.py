"""brat standoff export: a ``.txt`` and ``.ann`` per document, ``annotation.conf``, ``visual.conf``.

Offsets are code points over the UTF-8 ``.txt`` (brat reads it with Python). Lines written:
``T1<TAB>LABEL start end<TAB>text``, ``R1<TAB>LABEL Arg1:T1 Arg2:T2``, ``A1<TAB>name T1`` (bool
attribute set), ``A1<TAB>name T1 value`` (choice attribute), ``#1<TAB>AnnotatorNotes T1<TAB>note``,
and the ``E`` events, ``#`` notes of other types and ``N`` normalisations a brat import kept in
the document's meta (``formats.brat_import``). A kept event is written while its trigger span is
exported, with the arguments whose relation is still there; those relations are not repeated
as R lines, and the trigger's attributes are the event's.

brat reads an ``.ann`` file line by line with Python, which also breaks lines at U+2028, form
feeds and the like, and its T line ends at the text's first TAB for some readers. A span whose
text holds any of ``BREAKS`` is written the way brat itself stores a span across a line break:
fragments split there (``0 10;11 20``) with the fragment texts joined by one space. The import
reads such a T back as one continuous span.
"""

from __future__ import annotations

import re
from dataclasses import replace
from hashlib import sha1
from pathlib import Path
from typing import Any

from annotator.core.names import name_problem
from annotator.core.progress import CancelCheck, Progress
from annotator.core.schema import Schema
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.interchange import ExportContext, ExportDoc, run_export
from annotator.store.repository import Repository

BREAKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
"""Where a brat T line's text cannot hold a character: TAB and every line break of Python's
``str.splitlines``."""
META_KEY = "brat"
"""The document meta entry holding the brat lines an import kept for the round trip."""
EVENT_LAYER = "event"
"""The layer whose labels are brat event types: ``annotation.conf`` lists them under
``[events]`` (``formats.brat_conf`` puts a corpus's event types there)."""
MAX_STEM = 100
"""Longest file name stem written; longer document ids are shortened and made unique."""

_FRAGMENT = re.compile(f"[^{re.escape(BREAKS)}]+")
_UNSAFE = re.compile(r"[^\w.-]")


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
    stored = ctx.repo.schema()
    schema = brat_names(stored)
    ctx.count(
        "{n} label, relation type or attribute name(s) from before the name rule cannot be "
        "brat types: left out of annotation.conf and the .ann files (rename them: schema apply)",
        sum(
            len(a) - len(b)
            for a, b in (
                (stored.labels, schema.labels),
                (stored.relations, schema.relations),
                (stored.attributes, schema.attributes),
            )
        ),
    )
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
    """A file name stem for ``doc_id`` that every file system takes, unique in ``taken``."""
    stem = _UNSAFE.sub("_", doc_id).lstrip(".") or "document"
    if len(stem) > MAX_STEM:
        stem = f"{stem[: MAX_STEM - 17]}-{sha1(doc_id.encode('utf-8', 'replace')).hexdigest()[:16]}"
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate


def ann_lines(item: ExportDoc, ctx: ExportContext) -> list[str]:
    """The ``.ann`` lines of one document: all T lines, then E, A, R, # and N lines."""
    t_ids: dict[str, str] = {}
    t_lines: list[str] = []
    attrs: list[tuple[str, str, str]] = []
    notes: list[str] = []
    for span in item.spans:
        if name_problem(span.label) is not None:
            ctx.problem(item.doc.id, span, f"label name {span.label!r} cannot be a brat type")
            continue
        fragments = [
            (span.start + m.start(), span.start + m.end()) for m in _FRAGMENT.finditer(span.text)
        ]
        if not fragments:
            ctx.problem(item.doc.id, span, "holds only tabs or line breaks; brat cannot hold it")
            continue
        if fragments[0][0] != span.start or fragments[-1][1] != span.end:
            ctx.problem(
                item.doc.id, span, "starts or ends with a tab or line break; brat keeps the rest"
            )
        if len(fragments) > 1 and any(c in BREAKS.replace("\n", "") for c in span.text):
            ctx.count(
                "{n} span(s) holding a tab or line separator written as fragments split there "
                "(brat's rule for line breaks); they import back whole"
            )
        tid = f"T{len(t_ids) + 1}"
        t_ids[span.id] = tid
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        text = " ".join(item.doc.text[s:e] for s, e in fragments)
        t_lines.append(f"{tid}\t{span.label} {offsets}\t{text}")
        for name, value in sorted(span.attrs.items()):
            if name_problem(name) is not None:
                ctx.count("{n} attribute(s) whose name cannot be a brat type left out")
            elif value is True:
                attrs.append((name, span.id, ""))
            elif isinstance(value, str) and value and not any(c.isspace() for c in value):
                attrs.append((name, span.id, f" {value}"))
            elif value is not False:
                ctx.count("{n} attribute value(s) with spaces or free text not held by brat")
        if span.note:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes {tid}\t{_one_line(span.note, ctx)}")
    written = [
        r
        for r in item.relations
        if r.head in t_ids and r.tail in t_ids and name_problem(r.label) is None
    ]
    ctx.count(
        "{n} relation(s) left out: a span they join could not be written, or their type "
        "name cannot be a brat type",
        len(item.relations) - len(written),
    )
    kept = item.doc.meta.get(META_KEY)
    labels = {span.id: span.label for span in item.spans}
    e_lines, in_events, event_of = _event_lines(kept, t_ids, labels, {r.id for r in written})
    a_lines = [
        f"A{n}\t{name} {event_of.get(span_id, t_ids[span_id])}{value}"
        for n, (name, span_id, value) in enumerate(attrs, start=1)
    ]
    r_lines = [
        f"R{n}\t{rel.label} Arg1:{t_ids[rel.head]} Arg2:{t_ids[rel.tail]}"
        for n, rel in enumerate((r for r in written if r.id not in in_events), start=1)
    ]
    kept_notes, n_lines = _kept_lines(kept, t_ids, len(notes), ctx)
    return t_lines + e_lines + a_lines + r_lines + notes + kept_notes + n_lines


def _event_lines(
    kept: Any, t_ids: dict[str, str], labels: dict[str, str], relations: set[str]
) -> tuple[list[str], set[str], dict[str, str]]:
    """The E lines of the events a brat import kept whose trigger is exported, each with the
    arguments whose relation still exists; the relations they hold (not written again as R
    lines); and the first E id of each trigger span (its attributes are the event's)."""
    events = kept.get("events", []) if isinstance(kept, dict) else []
    e_ids: dict[str, str] = {}
    for event in events:
        if event.get("trigger") in t_ids:
            e_ids[event["id"]] = f"E{len(e_ids) + 1}"
    lines: list[str] = []
    held: set[str] = set()
    event_of: dict[str, str] = {}
    for event in events:
        if event["id"] not in e_ids:
            continue
        trigger = event["trigger"]
        args = []
        for arg in event.get("args", []):
            ref = e_ids.get(arg["event"]) if "event" in arg else t_ids.get(arg.get("span"))
            if ref is not None and arg.get("relation") in relations:
                args.append(f" {arg['role']}:{ref}")
                held.add(arg["relation"])
        eid = e_ids[event["id"]]
        event_of.setdefault(trigger, eid)
        lines.append(f"{eid}\t{labels[trigger]}:{t_ids[trigger]}{''.join(args)}")
    return lines, held, event_of


def _one_line(note: str, ctx: ExportContext) -> str:
    if any(c in BREAKS for c in note):
        ctx.count(
            "{n} note(s) had tabs or line breaks replaced by spaces (brat notes are one line)"
        )
    return " ".join(note.split())


def _kept_lines(
    kept: Any, t_ids: dict[str, str], notes_before: int, ctx: ExportContext
) -> tuple[list[str], list[str]]:
    """The typed ``#`` notes and ``N`` lines a brat import kept, pointed at this export's T ids.

    An entry whose span is not exported (removed, or left out by ``--layer``) is counted."""
    if not isinstance(kept, dict):
        return [], []
    notes: list[str] = []
    norms: list[str] = []
    dropped = 0
    for entry in kept.get("notes", []):
        tid = t_ids.get(entry.get("span"))
        if tid is None:
            dropped += 1
            continue
        text = _one_line(str(entry.get("text", "")), ctx)
        notes.append(f"#{notes_before + len(notes) + 1}\t{entry.get('type')} {tid}\t{text}")
    for entry in kept.get("normalizations", []):
        tid = t_ids.get(entry.get("span"))
        if tid is None:
            dropped += 1
            continue
        text = _one_line(str(entry.get("text", "")), ctx)
        norms.append(f"N{len(norms) + 1}\t{entry.get('type')} {tid} {entry.get('ref')}\t{text}")
    ctx.count("{n} brat note(s) or normalisation(s) left out: their span is not exported", dropped)
    return notes, norms


def brat_names(schema: Schema) -> Schema:
    """``schema`` without the names a brat file cannot carry: only a project made before
    ``core.names``' rule has any."""

    def allowed(name: str) -> bool:
        return name_problem(name) is None

    labels = tuple(label for label in schema.labels if allowed(label.name))
    kept = {label.name for label in labels}
    relations = tuple(
        replace(
            rel,
            head=tuple(name for name in rel.head if name in kept),
            tail=tuple(name for name in rel.tail if name in kept),
        )
        for rel in schema.relations
        if allowed(rel.name)
    )
    return replace(
        schema,
        labels=labels,
        relations=tuple(rel for rel in relations if rel.head and rel.tail),
        attributes=tuple(attr for attr in schema.attributes if allowed(attr.name)),
    )


def annotation_conf(schema: Schema) -> str:
    """brat's ``annotation.conf`` for the project schema: one ``!layer`` group per layer."""
    out = ["# Generated by annotator from the project schema", "[entities]"]
    for layer in schema.layers:
        if layer.name != EVENT_LAYER:
            out.append(f"!{_UNSAFE.sub('_', layer.name)}")
            out += [f"\t{label.name}" for label in schema.labels_of(layer.name)]
    out.append("[relations]")
    for rel in schema.relations:
        out.append(f"{rel.name}\tArg1:{'|'.join(rel.head)}, Arg2:{'|'.join(rel.tail)}")
    if any(layer.allow_overlap for layer in schema.layers):
        out.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    out.append("[events]")
    for label in schema.labels_of(EVENT_LAYER):
        roles = [f"{r.name}*:{'|'.join(r.tail)}" for r in schema.relations if label.name in r.head]
        out.append(f"{label.name}\t{', '.join(roles)}".rstrip())
    out.append("[attributes]")
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
