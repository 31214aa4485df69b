"""Prodigy JSONL: ``{"text", "tokens", "spans", "relations", "meta": {"id", "lang"}, "answer"}``.

Tokens are the document's own when it was imported from CoNLL, else spaCy's
(``spacy.blank(<document language>)``): ``{"text", "start", "end", "id",
"ws"}``. Spans are ``{"start", "end", "token_start", "token_end", "label"}`` where ``end`` is
an exclusive character offset and ``token_end`` is the index of the LAST token, inclusive, as
Prodigy defines it. Relations use Prodigy's ``rel.manual`` shape: ``{"head", "child",
"head_span", "child_span", "label"}`` with ``head``/``child`` the last token of each span.

A span off token boundaries is listed in the report: left out with ``--alignment strict``
(the default), snapped to tokens with ``expand``/``contract``. Nothing is dropped silently.

On import, every task's ``answer`` counts: accepted tasks become annotations, and all tasks
on one text (same ``_input_hash``) make one document. Rejected and ignored tasks are counted
and left out, or kept in the document meta (``--prodigy-answers all``) and written back with
their answer by the export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
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
    write_jsonl,
)
from annotator.formats.json_input import json_lines
from annotator.formats.records import DocumentRecord, FormatError, ReadItem, ReadNote
from annotator.store.repository import Repository


# ----- export ---------------------------------------------------------------------------------
def export(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    def write(path: Path, doc_ids: list[str], ctx: ExportContext) -> None:
        write_jsonl(path, (line for item in ctx.docs(doc_ids) for line in tasks(item, ctx)))

    return run_export(
        repo, out, options, progress, cancel, fmt="prodigy", suffix=".jsonl", write=write
    )


def tasks(item: ExportDoc, ctx: ExportContext) -> Iterator[dict[str, Any]]:
    """The document's accepted task, then the rejected and ignored tasks kept at import
    (``--prodigy-answers all``) unchanged: their answers, and their own tokens, which their
    ``token_start``/``token_end`` count (spaCy's only when the task had none)."""
    kept = item.doc.meta.get(KEPT_TASKS)
    kept = kept if isinstance(kept, list) else []
    accepted = task(item, ctx)
    if item.spans or item.relations or item.doc.meta.get(NO_ACCEPT) is not False:
        yield accepted
    for other in kept:
        if isinstance(other, dict):
            ctx.count("{n} rejected or ignored Prodigy task(s) written back with their answer")
            yield {"text": item.doc.text, "tokens": accepted["tokens"], **other}


def task(item: ExportDoc, ctx: ExportContext) -> dict[str, Any]:
    doc = item.doc
    from annotator.formats.tokens import fallback_note, token_doc  # spaCy loads on first export
    from annotator.store.tokens import kept_tokens

    fallback = fallback_note(doc.lang)
    if fallback:
        ctx.count(fallback.replace("{", "{{").replace("}", "}}") + " in {n} document(s)")
    sdoc = token_doc(doc, kept_tokens(ctx.repo, doc.id))
    tokens = [
        {
            "text": t.text,
            "start": t.idx,
            "end": t.idx + len(t.text),
            "id": t.i,
            "ws": bool(t.whitespace_),
        }
        for t in sdoc
    ]
    mode = ctx.options.alignment
    entries: dict[str, dict[str, Any]] = {}
    for span in item.spans:
        ctx.count("{n} span attribute value(s) not held by Prodigy", len(span.attrs))
        ctx.count("{n} span note(s) not held by Prodigy", 1 if span.note else 0)
        aligned = sdoc.char_span(span.start, span.end, alignment_mode=mode)
        if aligned is None:
            reason = "not on token boundaries" if mode == "strict" else "holds no whole token"
            ctx.problem(doc.id, span, f"{reason} ({mode}); left out")
            ctx.report.spans -= 1
            continue
        if (aligned.start_char, aligned.end_char) != (span.start, span.end):
            ctx.problem(
                doc.id,
                span,
                f"snapped to token boundaries ({mode}): {aligned.start_char}..{aligned.end_char} "
                f"{aligned.text!r}",
            )
        entries[span.id] = {
            "start": aligned.start_char,
            "end": aligned.end_char,
            "token_start": aligned.start,
            "token_end": aligned.end - 1,
            "label": span.label,
        }
    record: dict[str, Any] = {
        "text": doc.text,
        "tokens": tokens,
        "spans": list(entries.values()),
    }
    relations = []
    for rel in item.relations:
        head, child = entries.get(rel.head), entries.get(rel.tail)
        if head is None or child is None:
            ctx.count("{n} relation(s) left out: a span they join was left out (see problems)")
            ctx.report.relations -= 1
            continue
        relations.append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": head,
                "child_span": child,
                "label": rel.label,
            }
        )
    if relations:
        record["relations"] = relations
    record["meta"] = {"id": doc.id, "lang": doc.lang}
    record["answer"] = "accept"
    return record


# ----- import ---------------------------------------------------------------------------------
ANSWERS = ("accept", "reject", "ignore")
KEPT_TASKS = "prodigy_tasks"
"""The document meta key holding rejected and ignored tasks (``--prodigy-answers all``)."""
NO_ACCEPT = "prodigy_accepted"
"""Document meta: False when no task of the text was accepted (no accept line on export)."""


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Records of a Prodigy JSONL file, one per text; a bad line yields its FormatError.

    Tasks with the same ``_input_hash`` (binary ``ner.teach`` data holds many per text) make
    one document: the spans of its accepted tasks, merged. Rejected and ignored tasks are
    counted and left out, or with ``prodigy_answers="all"`` kept in the document's meta.
    """
    groups: dict[object, list[tuple[str, dict[str, Any]]]] = {}
    for n, item in enumerate(json_lines(path), start=1):
        if isinstance(item, FormatError):
            yield item
            continue
        where, obj = item
        if not isinstance(obj, dict):
            yield FormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
            continue
        answer = obj.get("answer", "accept")
        if answer not in ANSWERS:
            yield FormatError(f"{where}: answer {answer!r} is not one of {', '.join(ANSWERS)}")
            continue
        if "answer" not in obj:
            obj = {**obj, "answer": "accept"}
            yield ReadNote("{n} Prodigy task(s) without an answer read as accepted")
        yield ReadNote(_ANSWER_NOTES[options.prodigy_answers][answer])
        hash_ = obj.get("_input_hash")
        key = ("hash", hash_) if isinstance(hash_, (str, int)) else ("line", n)
        obj.setdefault("_line_id", f"{path.stem}-{n}")
        groups.setdefault(key, []).append((where, obj))
    for tasks in groups.values():
        try:
            record = _record_of_text(tasks, options)
        except FormatError as exc:
            yield exc
            continue
        if record is not None:
            if len(tasks) > 1:
                yield ReadNote(
                    "{n} Prodigy task(s) joined the document of an earlier task on the same "
                    "text (same _input_hash)",
                    len(tasks) - 1,
                )
            yield record


_ANSWER_NOTES = {
    "accept": {
        "accept": "{n} Prodigy task(s) answered accept: imported as annotations",
        "reject": "{n} Prodigy task(s) answered reject: not imported "
        "(--prodigy-answers all keeps them)",
        "ignore": "{n} Prodigy task(s) answered ignore: not imported "
        "(--prodigy-answers all keeps them)",
    },
    "all": {
        "accept": "{n} Prodigy task(s) answered accept: imported as annotations",
        "reject": f"{{n}} Prodigy task(s) answered reject: kept in the document meta "
        f"{KEPT_TASKS!r}, exported back as rejected",
        "ignore": f"{{n}} Prodigy task(s) answered ignore: kept in the document meta "
        f"{KEPT_TASKS!r}, exported back as ignored",
    },
}


def _record_of_text(
    tasks: list[tuple[str, dict[str, Any]]], options: ReadOptions
) -> DocumentRecord | None:
    """One record from the tasks on one text, or None when none is imported."""
    accepted = [(w, t) for w, t in tasks if t["answer"] == "accept"]
    others = [(w, t) for w, t in tasks if t["answer"] != "accept"]
    if not accepted and options.prodigy_answers == "accept":
        return None
    first_where, first = accepted[0] if accepted else tasks[0]
    base = record_from_json(
        first if accepted else {**first, "spans": [], "relations": []},
        first_where,
        options,
        first["_line_id"],
    )
    doc = base.document
    spans = {(s.start, s.end, s.label): s for s in base.spans}
    relations = list(base.relations)
    for where, obj in accepted[1:]:
        if obj.get("text") != doc.text:
            raise FormatError(f"{where}: same _input_hash as {first_where} but a different text")
        other = record_from_json(obj, where, options, doc.id)
        ids = {}
        for span in other.spans:
            kept = spans.setdefault(
                (span.start, span.end, span.label), replace(span, doc_id=doc.id)
            )
            ids[span.id] = kept.id
        known = {(r.label, r.head, r.tail) for r in relations}
        for rel in other.relations:
            mapped = replace(rel, doc_id=doc.id, head=ids[rel.head], tail=ids[rel.tail])
            if (mapped.label, mapped.head, mapped.tail) not in known:
                relations.append(mapped)
    meta = dict(doc.meta)
    if options.prodigy_answers == "all" and others:
        for where, obj in others:
            if obj.get("text") != doc.text:
                raise FormatError(
                    f"{where}: same _input_hash as {first_where} but a different text"
                )
        meta[KEPT_TASKS] = [
            {k: v for k, v in obj.items() if k not in ("text", "_line_id")} for _, obj in others
        ]
        if not accepted:
            meta[NO_ACCEPT] = False
    return DocumentRecord(
        replace(doc, meta=meta), tuple(spans.values()), tuple(relations), first_where
    )


def record_from_json(
    obj: Any, where: str, options: ReadOptions, fallback_id: str
) -> DocumentRecord:
    if not isinstance(obj, dict):
        raise FormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    raw_spans = obj.get("spans") or []
    tokens = obj.get("tokens") or []
    if not isinstance(raw_spans, list) or not isinstance(tokens, list):
        raise FormatError(f"{where}: 'spans' and 'tokens' must be lists")
    text = document_text(obj.get("text"), where, bool(raw_spans))
    meta: dict[str, Any] = obj["meta"] if isinstance(obj.get("meta"), dict) else {}
    doc_id = next(
        (str(v) for v in (meta.get("id"), obj.get("_input_hash")) if isinstance(v, (str, int))),
        fallback_id,
    )
    spans: list[Span] = []
    for n, raw in enumerate(raw_spans, start=1):
        swhere = f"{where}: span {n}"
        if not isinstance(raw, dict):
            raise FormatError(f"{swhere}: expected a span object")
        spans.append(_span(raw, text, tokens, doc_id, options, swhere))
    by_offsets = {(s.start, s.end, s.label): s for s in reversed(spans)}
    relations = [
        _relation(raw, by_offsets, doc_id, f"{where}: relation {n}")
        for n, raw in enumerate(obj.get("relations") or [], start=1)
    ]
    doc = Document(
        id=doc_id,
        text=text,
        title=text.strip().split("\n", 1)[0].strip()[:200],
        lang=options.lang or str(meta.get("lang") or "en"),
        meta={k: v for k, v in meta.items() if k not in ("id", "lang")},
    )
    return DocumentRecord(doc, tuple(spans), tuple(relations), where)


def _span(
    raw: dict[str, Any], text: str, tokens: list[Any], doc_id: str, options: ReadOptions, where: str
) -> Span:
    start, end = int_field(raw, "start", where), int_field(raw, "end", where)
    label = raw.get("label")
    layer = layer_of(options.schema, label, where)
    if not 0 <= start < end <= len(text):
        raise FormatError(f"{where}: span {start}..{end} is off the text ({len(text)})")
    if "text" in raw and raw["text"] != text[start:end]:
        raise FormatError(
            f"{where}: span {start}..{end} has text {raw['text']!r} but the text says "
            f"{text[start:end]!r}"
        )
    if tokens and "token_start" in raw:
        first, last = int_field(raw, "token_start", where), int_field(raw, "token_end", where)
        try:
            ok = tokens[first]["start"] == start and tokens[last]["end"] == end and first <= last
        except (IndexError, KeyError, TypeError):
            ok = False
        if not ok:
            raise FormatError(
                f"{where}: token_start {first} / token_end {last} do not match characters "
                f"{start}..{end} (token_end is the last token, inclusive)"
            )
    assert isinstance(label, str)
    return Span(new_id("s"), doc_id, layer, label, start, end, text[start:end])


def _relation(
    raw: Any, spans: dict[tuple[int, int, str], Span], doc_id: str, where: str
) -> Relation:
    if not isinstance(raw, dict) or not isinstance(raw.get("label"), str):
        raise FormatError(f"{where}: expected a relation object with a 'label'")
    ends = []
    for key in ("head_span", "child_span"):
        ref = raw.get(key)
        if not isinstance(ref, dict):
            raise FormatError(f"{where}: missing {key!r}")
        found = spans.get((ref.get("start"), ref.get("end"), ref.get("label")))  # type: ignore[arg-type]
        if found is None:
            raise FormatError(
                f"{where}: {key} {ref.get('start')}..{ref.get('end')} {ref.get('label')!r} "
                "is not one of the record's spans"
            )
        ends.append(found.id)
    return Relation(new_id("r"), doc_id, raw["label"], ends[0], ends[1])
