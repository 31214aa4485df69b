"""The loop the training-data exporters (spaCy, CoNLL, Hugging Face) share.

Select documents, split them, hand each one with its spans and relations to the exporter, and
keep the report's counts. Output goes through ``formats.output.staged_output`` like every
export's: a failure or a Cancel leaves nothing behind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from annotator.core.model import Document, Relation, Span
from annotator.core.progress import CancelCheck, Progress, checkpoint
from annotator.core.tokenisation import Tokenisation
from annotator.formats.export_api import (
    SPLIT_NAMES,
    ExportOptions,
    ExportReport,
    select_documents,
    span_annotator,
    spans_for_export,
    split_documents,
)
from annotator.formats.tokens import fallback_note
from annotator.store.repository import Repository
from annotator.store.tokens import kept_tokens


@dataclass(frozen=True)
class ExportItem:
    split: str
    document: Document
    spans: list[Span]
    relations: list[Relation]
    tokens: Tokenisation | None = None
    """The document's kept tokens (from its source file), None when spaCy tokenises it."""


def iter_items(
    repo: Repository,
    options: ExportOptions,
    report: ExportReport,
    progress: Progress,
    cancel: CancelCheck,
    *,
    layer: str | None,
) -> Iterator[ExportItem]:
    """Every selected document in split order (train, dev, test) with its spans of ``layer``
    (None: all layers) and its relations (only gold's or the one annotator's when the export
    holds only theirs); counts documents per split into ``report``.

    Checks ``cancel`` before each document and reports progress after it.
    """
    doc_ids = select_documents(repo, options)
    splits = split_documents(doc_ids, options)
    filtered = replace(options, layer=layer)
    who = span_annotator(options)
    total = len(doc_ids)
    done = 0
    langs: set[str] = set()
    for split in SPLIT_NAMES:
        report.per_split[split] = len(splits[split])
        for doc_id in splits[split]:
            checkpoint(cancel)
            document = repo.document(doc_id)
            langs.add(document.lang)
            relations = [r for r in repo.relations(doc_id) if who is None or r.annotator == who]
            yield ExportItem(
                split,
                document,
                spans_for_export(repo, doc_id, filtered),
                relations,
                kept_tokens(repo, doc_id),
            )
            report.documents += 1
            done += 1
            progress(done, total, "exporting")
    for lang in sorted(langs):
        note = fallback_note(lang)
        if note:
            report.notes.append(note)
    if total == 0:
        report.notes.append("no document matched the selection; the files are empty")


def split_file_names(suffix: str) -> dict[str, str]:
    """``{"train": "train.<suffix>", ...}`` for the per-split files."""
    return {split: f"{split}.{suffix}" for split in SPLIT_NAMES}


def spans_note(per_split_spans: dict[str, int]) -> str:
    return "spans per split: " + ", ".join(f"{k} {v}" for k, v in per_split_spans.items())


@dataclass
class NotHeld:
    """What a token format has no place for, counted by kind for the report's note."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, item: ExportItem, *, relations: bool) -> None:
        """Count ``item``'s attributes, notes, labels and meta (and relations when the format
        has no place for them either)."""
        doc = item.document
        self.counts["span attribute value(s)"] += sum(len(s.attrs) for s in item.spans)
        self.counts["span note(s)"] += sum(1 for s in item.spans if s.note)
        self.counts["document note(s)"] += 1 if doc.note else 0
        self.counts["document label value(s)"] += sum(v is not None for v in doc.labels.values())
        self.counts["document meta field(s)"] += len(doc.meta)
        if relations:
            self.counts["relation(s)"] += len(item.relations)

    def note(self, title: str) -> str | None:
        parts = [f"{n} {kind}" for kind, n in self.counts.items() if n]
        if not parts:
            return None
        return f"not written ({title} has no place for them): " + ", ".join(parts)
