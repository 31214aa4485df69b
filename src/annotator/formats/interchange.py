"""What the annotation-tool formats (brat, doccano, Label Studio, Prodigy) share.

Export side: the documents to write, split into parts, with relations kept only between
spans that are exported; output written through ``formats.output.staged_output``.
Import side: options every reader gets, records from JSONL lines (read by
``formats.json_input``), and the label -> layer lookup through the project schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from annotator.core.model import Document, Relation, Span
from annotator.core.progress import CancelCheck, Progress, checkpoint
from annotator.core.schema import Schema
from annotator.core.text import normalize_text
from annotator.formats.export_api import (
    ExportOptions,
    ExportReport,
    Problem,
    left_out_by,
    select_documents,
    split_documents,
)
from annotator.formats.json_input import json_lines
from annotator.formats.output import staged_output
from annotator.formats.records import DocumentRecord, FormatError, UnknownLabels
from annotator.store.repository import Repository

Offsets = Literal["utf16", "codepoint"]
ProdigyAnswers = Literal["accept", "all"]


@dataclass(frozen=True)
class ReadOptions:
    """What a reader needs besides the file: the project schema decides each label's layer."""

    schema: Schema
    lang: str | None = None
    offsets: Offsets = "utf16"
    """doccano only: the unit of the file's offsets (doccano itself counts UTF-16 units)."""
    keep_boilerplate: bool = False
    """HTML and WARC: keep ad lines, "read also" links and footers (suggested as BOILERPLATE)."""
    url_filter: str | None = None
    """WARC: only responses whose URL matches this regular expression (``re.search``)."""
    prodigy_answers: ProdigyAnswers = "accept"
    """Prodigy only: ``accept`` imports accepted tasks alone; ``all`` keeps rejected and
    ignored tasks too, in the document's meta, to be exported back with their answer."""
    relation_label: str | None = None
    """Label Studio only: the type of relations without a label (None: the schema's first)."""


@dataclass(frozen=True)
class ExportDoc:
    doc: Document
    spans: list[Span]
    relations: list[Relation]


def span_order(span: Span) -> tuple[int, int, str, str, str]:
    """Deterministic order of spans in every export (ties broken by layer, label, id)."""
    return (span.start, -span.end, span.layer, span.label, span.id)


def is_split(options: ExportOptions) -> bool:
    return tuple(options.split) != (1.0, 0.0, 0.0)


class ExportContext:
    """One export under way: yields the documents (ticking progress and cancel), adds up
    the report, and collects counted notes such as "12 attribute value(s) not held"."""

    def __init__(
        self,
        repo: Repository,
        options: ExportOptions,
        report: ExportReport,
        tick: Callable[[], None],
    ) -> None:
        self.repo = repo
        self.options = options
        self.report = report
        self._tick = tick
        self._counts: dict[str, int] = {}

    def docs(self, doc_ids: list[str]) -> Iterator[ExportDoc]:
        """The documents with their exported spans in ``span_order`` and relations in the
        order of their spans (both stable across an import); relations whose ends are not
        both exported are left out and counted in a note."""
        for doc_id in doc_ids:
            self._tick()
            stored = self.repo.spans(doc_id)
            why = {s.id: left_out_by(s, self.options) for s in stored}
            spans = sorted((s for s in stored if not why[s.id]), key=span_order)
            rank = {s.id: n for n, s in enumerate(spans)}
            relations = self.repo.relations(doc_id)
            kept = sorted(
                (r for r in relations if r.head in rank and r.tail in rank),
                key=lambda r: (rank[r.head], rank[r.tail], r.label, r.id),
            )
            for relation in relations:
                if relation.head not in rank or relation.tail not in rank:
                    reason = why.get(relation.head) or why.get(relation.tail) or ""
                    escaped = reason.replace("{", "{{").replace("}", "}}")  # a name may hold {
                    self.count(f"{{n}} relation(s) left out: a span they join is {escaped}")
            self.report.documents += 1
            self.report.spans += len(spans)
            self.report.relations += len(kept)
            yield ExportDoc(self.repo.document(doc_id), spans, kept)

    def count(self, message: str, n: int = 1) -> None:
        """Add ``n`` to a note; ``message`` holds ``{n}`` and is written once, at the end."""
        if n:
            self._counts[message] = self._counts.get(message, 0) + n

    def problem(self, doc_id: str, span: Span, reason: str) -> None:
        self.report.problems.append(
            Problem(doc_id, span.start, span.end, span.text, span.label, reason)
        )

    def finish(self) -> None:
        self.report.notes += [message.format(n=n) for message, n in self._counts.items()]


Writer = Callable[[Path, list[str], ExportContext], None]


def run_export(
    repo: Repository,
    out: Path,
    options: ExportOptions,
    progress: Progress,
    cancel: CancelCheck,
    *,
    fmt: str,
    suffix: str,
    write: Writer,
) -> ExportReport:
    """Drive one export: select and split documents, stage, write each part, move into place.

    ``write(path, doc_ids, ctx)`` writes one part to ``path`` (a file, or a folder when
    ``suffix`` is empty; it may exist already, empty) from ``ctx.docs(doc_ids)``. Without
    ``--split`` the part is ``out`` itself; with it, ``out`` is a folder holding
    ``train``/``dev``/``test`` parts.
    """
    report = ExportReport(fmt, str(out))
    doc_ids = select_documents(repo, options)
    done = [0]

    def tick() -> None:
        checkpoint(cancel)
        done[0] += 1
        progress(done[0], len(doc_ids), "exporting")

    ctx = ExportContext(repo, options, report, tick)
    folder = is_split(options) or not suffix
    with staged_output(out, folder=folder, overwrite=options.overwrite) as stage:
        if not is_split(options):
            write(stage, doc_ids, ctx)
        else:
            for name, ids in split_documents(doc_ids, options).items():
                write(stage / f"{name}{suffix}", ids, ctx)
                report.per_split[name] = len(ids)
    ctx.finish()
    return report


def write_jsonl(path: Path, objects: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for obj in objects:
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")


# ----- reading ----------------------------------------------------------------------------
def layer_of(schema: Schema, label: Any, where: str) -> str:
    """The layer of ``label`` in the project schema; an unknown label names the known ones."""
    if not isinstance(label, str) or not schema.has_label(label):
        raise UnknownLabels({repr(label): where}, tuple(lab.name for lab in schema.labels))
    return schema.label(label).layer


def document_text(raw: Any, where: str, has_spans: bool) -> str:
    """The text field of a record, checked: a string, not empty, LF line ends when spans
    refer to it (offsets would not match the stored text otherwise)."""
    if not isinstance(raw, str):
        raise FormatError(f"{where}: missing or non-text field 'text'")
    text = normalize_text(raw)
    if text != raw and has_spans:
        raise FormatError(
            f"{where}: the text has CR line ends or a BOM; offsets would not match the stored "
            "text. Convert line ends to LF first"
        )
    if not text.strip():
        raise FormatError(f"{where}: the text is empty")
    return text


def int_field(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FormatError(f"{where}: field {key!r} must be an integer, got {value!r}")
    return value


RecordParser = Callable[[Any, str, ReadOptions, str], DocumentRecord]
"""``(object, "file:line", options, fallback id) -> record`` of one JSON line."""


def records_from_json_lines(
    path: Path, options: ReadOptions, parse: RecordParser
) -> Iterator[DocumentRecord | FormatError]:
    """Records of a JSONL file, one per line; a bad line yields its FormatError instead.

    A line without an id gets ``<file stem>-<line number among records>``.
    """
    for n, item in enumerate(json_lines(path), start=1):
        if isinstance(item, FormatError):
            yield item
            continue
        where, obj = item
        try:
            yield parse(obj, where, options, f"{path.stem}-{n}")
        except FormatError as exc:
            yield exc
