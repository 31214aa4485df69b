"""Format names -> exporter functions. A new format is one module and one line here."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from annotator.core.progress import CancelCheck, Progress
from annotator.formats import brat, doccano, labelstudio, prodigy
from annotator.formats.export_api import (
    ExportOptions,
    ExportReport,
    select_documents,
    spans_for_export,
)
from annotator.formats.exporter import export_jsonl
from annotator.store.repository import Repository


class Exporter(Protocol):
    def __call__(
        self,
        repo: Repository,
        out: Path,
        options: ExportOptions,
        progress: Progress,
        cancel: CancelCheck,
    ) -> ExportReport: ...


def _native(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    doc_ids = select_documents(repo, options)
    count = export_jsonl(repo, out, doc_ids, progress=progress, cancel=cancel)
    report = ExportReport("jsonl", str(out), documents=count)
    report.spans = sum(len(spans_for_export(repo, d, ExportOptions())) for d in doc_ids)
    report.relations = sum(len(repo.relations(d)) for d in doc_ids)
    return report


EXPORTERS: dict[str, Exporter] = {
    "jsonl": _native,
    "brat": brat.export,
    "doccano": doccano.export,
    "doccano-codepoint": doccano.export_codepoint,
    "labelstudio": labelstudio.export,
    "prodigy": prodigy.export,
}
