"""Export to the native JSONL format, written through ``formats.output.staged_output``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.formats.native import record_to_json
from annotator.formats.output import staged_output
from annotator.store.repository import Repository


def export_jsonl(
    repo: Repository,
    out: Path,
    doc_ids: Sequence[str] | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
    overwrite: bool = False,
) -> int:
    """Write the native JSONL; returns the number of documents written."""
    ids = list(doc_ids) if doc_ids is not None else repo.document_ids()
    with (
        staged_output(out, folder=False, overwrite=overwrite) as path,
        path.open("w", encoding="utf-8", newline="\n") as handle,
    ):
        for n, doc_id in enumerate(ids, start=1):
            checkpoint(cancel)
            record = record_to_json(
                repo.document(doc_id), repo.spans(doc_id), repo.relations(doc_id)
            )
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            progress(n, len(ids), "exporting")
    return len(ids)
