"""Format names -> exporter functions, and what each format writes and which options it reads.

A new format is one module, one line in ``EXPORTERS`` and one ``FormatInfo`` in ``FORMATS``.
Exporter modules are imported when first used: spaCy and datasets cost about a second to
import, which the app's start-up must not pay.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib import import_module
from pathlib import Path
from typing import Literal, Protocol

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
    count = export_jsonl(
        repo, out, doc_ids, progress=progress, cancel=cancel, overwrite=options.overwrite
    )
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
    "labelstudio": _lazy("labelstudio", "export"),
    "prodigy": _lazy("prodigy", "export"),
}


OutKind = Literal["file", "folder"]
OPTION_FLAGS = {
    "layer": "--layer",
    "annotator": "--annotator",
    "split": "--split",
    "seed": "--seed",
    "alignment": "--alignment",
    "scheme": "--scheme",
    "parquet": "--parquet",
    "offsets": "--offsets",
}
"""``ExportOptions`` fields that only some formats read (``status`` and ``overwrite`` apply to
every format)."""

_CHAR_FORMATS = frozenset({"layer", "annotator", "split", "seed"})
_TOKEN_FORMATS = _CHAR_FORMATS | {"alignment"}


@dataclass(frozen=True)
class FormatInfo:
    title: str
    description: str
    """One line for the user: what the export writes."""
    writes: OutKind
    """What ``out`` is without ``--split``; a split always writes a folder of parts."""
    options: frozenset[str]
    """The ``OPTION_FLAGS`` keys the exporter reads."""
    all_layers: bool = True
    """Whether no ``--layer`` means every layer (else one layer, ``entity`` by default)."""
    suffix: str = ""

    def output_kind(self, split: bool) -> OutKind:
        return "folder" if split and "split" in self.options else self.writes


FORMATS: dict[str, FormatInfo] = {
    "jsonl": FormatInfo(
        "Native JSONL", "one file with everything; imports back as it was", "file", frozenset(),
        suffix=".jsonl",
    ),
    "spacy": FormatInfo(
        "spaCy", "folder with train/dev/test .spacy DocBins and a config.cfg", "folder",
        _TOKEN_FORMATS,
    ),
    "conll": FormatInfo(
        "CoNLL-2003", "folder with train/dev/test .conll files, one layer", "folder",
        _TOKEN_FORMATS | {"scheme"}, all_layers=False,
    ),
    "hf": FormatInfo(
        "Hugging Face", "folder with a DatasetDict (save_to_disk), parquet too", "folder",
        _TOKEN_FORMATS | {"scheme", "parquet"}, all_layers=False,
    ),
    "brat": FormatInfo(
        "brat standoff", "folder with a .txt and an .ann per document, annotation.conf",
        "folder", _CHAR_FORMATS,
    ),
    "doccano": FormatInfo(
        "doccano", "one JSONL file (a folder of train/dev/test files when split)", "file",
        _CHAR_FORMATS | {"offsets"}, suffix=".jsonl",
    ),
    "labelstudio": FormatInfo(
        "Label Studio", "one tasks JSON file (a folder of train/dev/test when split)", "file",
        _CHAR_FORMATS, suffix=".json",
    ),
    "prodigy": FormatInfo(
        "Prodigy", "one JSONL file with tokens (a folder of train/dev/test when split)",
        "file", _TOKEN_FORMATS, suffix=".jsonl",
    ),
}  # fmt: skip


def ignored_options(fmt: str, options: ExportOptions) -> list[str]:
    """The flags given a non-default value that ``fmt`` does not read, e.g. ``["--split"]``."""
    default = ExportOptions()
    used = FORMATS[fmt].options
    return [
        OPTION_FLAGS[f.name]
        for f in fields(ExportOptions)
        if f.name in OPTION_FLAGS
        and f.name not in used
        and getattr(options, f.name) != getattr(default, f.name)
    ]
