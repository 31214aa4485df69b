"""Format names -> exporter functions. A new format is one module and one line here.

Exporter modules are imported when first used: spaCy and datasets cost about a second to
import, which the app's start-up must not pay.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Protocol

from annotator.core.progress import CancelCheck, Progress
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


def _lazy(module: str, function: str) -> Exporter:
    def run(
        repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
    ) -> ExportReport:
        exporter: Exporter = getattr(import_module(f"annotator.formats.{module}"), function)
        return exporter(repo, out, options, progress, cancel)

    return run


EXPORTERS: dict[str, Exporter] = {
    "jsonl": _native,
    "spacy": _lazy("spacy_export", "export_spacy"),
    "conll": _lazy("conll", "export_conll"),
    "hf": _lazy("hf_export", "export_hf"),
    "brat": _lazy("brat", "export"),
    "doccano": _lazy("doccano", "export"),
    "doccano-codepoint": _lazy("doccano", "export_codepoint"),
    "labelstudio": _lazy("labelstudio", "export"),
    "prodigy": _lazy("prodigy", "export"),
}
