"""Export to the native JSONL format. Output is written to a temporary file and renamed into
place only when complete, so a failed or cancelled export leaves nothing behind."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.formats.native import record_to_json
from annotator.store.repository import Repository


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_jsonl(
    repo: Repository,
    out: Path,
    doc_ids: Sequence[str] | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> int:
    """Write the native JSONL; returns the number of documents written."""
    ids = list(doc_ids) if doc_ids is not None else repo.document_ids()
    with atomic_write(out) as handle:
        for n, doc_id in enumerate(ids, start=1):
            checkpoint(cancel)
            record = record_to_json(
                repo.document(doc_id), repo.spans(doc_id), repo.relations(doc_id)
            )
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            progress(n, len(ids), "exporting")
    return len(ids)
