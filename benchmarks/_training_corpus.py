"""The project the training benchmarks train on: generated name documents (``tests.helpers.
name_corpus``), some marked done with their spans, others unfinished and without spans."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from annotator.formats.importer import import_records
from annotator.formats.records import DocumentRecord
from annotator.store.repository import Repository

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.helpers

from tests.helpers.name_corpus import add_name_corpus, name_bank, name_document

SENTENCES = 7
"""Seven sentences of three names each: 21 entity spans per document."""


def add_done_documents(repo: Repository, documents: int, seed: int = 3) -> int:
    """``documents`` done documents with their entity spans; returns the span count."""
    records = add_name_corpus(repo, documents, sentences=SENTENCES, seed=seed, prefix="done")
    return sum(len(r.spans) for r in records)


def add_unfinished_documents(
    repo: Repository, documents: int, seed: int = 11
) -> dict[str, set[tuple[int, int, str]]]:
    """``documents`` documents to do, without spans: half with the names the done documents
    use, half with names from syllables the model never saw. Returns each document's names
    as ``(start, end, label)``, to check the model's suggestions against."""
    rng = random.Random(seed)
    seen, unseen = name_bank(3), name_bank(seed, unseen=True)
    records: list[DocumentRecord] = []
    names: dict[str, set[tuple[int, int, str]]] = {}
    for n in range(documents):
        bank = seen if n % 2 == 0 else unseen
        record = name_document(f"todo-{n:04d}", bank, rng, SENTENCES, status="todo")
        names[record.document.id] = {(s.start, s.end, s.label) for s in record.spans}
        records.append(DocumentRecord(record.document, source=record.source))
    import_records(repo, records)
    return names
