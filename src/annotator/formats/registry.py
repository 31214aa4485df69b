"""Every file format by name: how to read it, how to write it, and what its export reads.

The importer, the exporters' callers (CLI and the Import and Export dialogs), the CLI help and
content detection all read ``FORMATS``. A new format is one module and one ``Format`` here.
Format modules are imported when first used: spaCy and datasets cost about a second to
import, which the app's start-up must not pay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from importlib import import_module
from pathlib import Path
from typing import Literal, Protocol

from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import (
    ExportOptions,
    ExportReport,
    check_annotator_choice,
    left_out_documents,
    span_annotator,
)
from annotator.formats.interchange import ReadOptions
from annotator.formats.output import clear_stale_staging
from annotator.formats.records import FormatError, ReadItem
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


Reader = Callable[[Path, ReadOptions], Iterable[ReadItem]]
"""``(file or folder, options) -> records``; a bad record is yielded as its FormatError, and
what the report should say as a ``ReadNote``."""

OutKind = Literal["file", "folder"]

OPTION_FLAGS = {
    "layer": "--layer",
    "annotator": "--annotator",
    "split": "--split",
    "seed": "--seed",
    "alignment": "--alignment",
    "scheme": "--scheme",
    "parquet": "--parquet",
    "hf_unit": "--hf-unit",
    "offsets": "--offsets",
    "gold": "--gold",
    "all_annotators": "--all-annotators",
}
"""``ExportOptions`` fields that only some formats read (``status`` and ``overwrite`` apply to
every format)."""

_CHAR_OPTIONS = frozenset({"layer", "annotator", "gold", "all_annotators", "split", "seed"})
_TOKEN_OPTIONS = _CHAR_OPTIONS | {"alignment"}


def _exporter(module: str, function: str = "export") -> Exporter:
    def run(
        repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
    ) -> ExportReport:
        exporter: Exporter = getattr(import_module(f"annotator.formats.{module}"), function)
        return exporter(repo, out, options, progress, cancel)

    return run


def _reader(module: str, function: str = "read") -> Reader:
    def run(path: Path, options: ReadOptions) -> Iterable[ReadItem]:
        reader: Reader = getattr(import_module(f"annotator.formats.{module}"), function)
        return reader(path, options)

    return run


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    description: str
    """One line for the user: what the export writes (or, import only, what the file holds)."""
    reader: Reader | None = None
    """None: the format is written, never read."""
    exporter: Exporter | None = None
    """None: the format is read, never written."""
    writes: OutKind = "file"
    """What ``out`` is without ``--split``; a split always writes a folder of parts."""
    options: frozenset[str] = frozenset()
    """The ``OPTION_FLAGS`` keys the exporter reads."""
    all_layers: bool = True
    """Whether no ``--layer`` means every layer (else one layer, ``entity`` by default)."""
    suffix: str = ""
    """The file name ending of a one-file export."""
    separates_annotators: bool = False
    """The format keeps each annotator's spans apart (Label Studio: one annotation per
    annotator), so without an annotator choice it writes everyone's and mixes nothing."""

    def output_kind(self, split: bool) -> OutKind:
        return "folder" if split and "split" in self.options else self.writes


FORMATS: dict[str, Format] = {
    "native": Format(
        "native", "Native JSONL", "one file with everything; imports back as it was",
        reader=_reader("native"), exporter=_exporter("native"), suffix=".jsonl",
    ),
    "plain": Format(
        "plain", "Plain text", "a .txt file is one document, its name the id",
        reader=_reader("plaintext"),
    ),
    "html": Format(
        "html", "Web page", "a saved .html page: the article, its meta and section suggestions",
        reader=_reader("html"),
    ),
    "warc": Format(
        "warc", "Web archive", "a .warc or .warc.gz crawl: each HTML response a document",
        reader=_reader("warc"),
    ),
    "spacy": Format(
        "spacy", "spaCy", "folder with train/dev/test .spacy DocBins and a config.cfg",
        exporter=_exporter("spacy_export", "export_spacy"), writes="folder",
        options=_TOKEN_OPTIONS,
    ),
    "conll": Format(
        "conll", "CoNLL-2003", "folder with train/dev/test .conll files, one layer",
        reader=_reader("conll_import"), exporter=_exporter("conll", "export_conll"),
        writes="folder", options=_TOKEN_OPTIONS | {"scheme"}, all_layers=False,
    ),
    "hf": Format(
        "hf", "Hugging Face", "folder with a DatasetDict (save_to_disk), parquet too",
        exporter=_exporter("hf_export", "export_hf"), writes="folder",
        options=_TOKEN_OPTIONS | {"scheme", "parquet", "hf_unit"}, all_layers=False,
    ),
    "brat": Format(
        "brat", "brat standoff", "folder with a .txt and an .ann per document, annotation.conf",
        reader=_reader("brat_import"), exporter=_exporter("brat"), writes="folder",
        options=_CHAR_OPTIONS,
    ),
    "doccano": Format(
        "doccano", "doccano", "one JSONL file (a folder of train/dev/test files when split)",
        reader=_reader("doccano", "read_jsonl"), exporter=_exporter("doccano"),
        options=_CHAR_OPTIONS | {"offsets"}, suffix=".jsonl",
    ),
    "labelstudio": Format(
        "labelstudio", "Label Studio",
        "one tasks JSON file (a folder of train/dev/test when split)",
        reader=_reader("labelstudio", "read_tasks"), exporter=_exporter("labelstudio"),
        options=_CHAR_OPTIONS, suffix=".json", separates_annotators=True,
    ),
    "prodigy": Format(
        "prodigy", "Prodigy", "one JSONL file with tokens (a folder of train/dev/test when split)",
        reader=_reader("prodigy", "read_jsonl"), exporter=_exporter("prodigy"),
        options=_TOKEN_OPTIONS, suffix=".jsonl",
    ),
}  # fmt: skip


def export_formats() -> list[str]:
    """The names of the formats that can be written, in registry order."""
    return [name for name, fmt in FORMATS.items() if fmt.exporter is not None]


def import_formats() -> list[str]:
    """The names of the formats that can be read, in registry order."""
    return [name for name, fmt in FORMATS.items() if fmt.reader is not None]


def exporter(name: str) -> Exporter:
    """The exporter of ``name``; FormatError names the formats that can be written.

    It first removes what killed exports to the same place left behind, and says so in
    the report; a format that chooses whose spans it writes also lists in the report the
    documents it left out because several annotators made their spans
    (``export_api.left_out_documents``), unless it keeps annotators apart. Two annotator
    choices at once are refused first.
    """
    fmt = FORMATS.get(name)
    if fmt is None or fmt.exporter is None:
        choices = ", ".join(export_formats())
        raise FormatError(f"unknown export format {name!r}; choose from {choices}")
    export = fmt.exporter
    chooses_annotators = "annotator" in fmt.options
    separates_annotators = fmt.separates_annotators

    def export_clearing_staging(
        repo: Repository,
        out: Path,
        options: ExportOptions,
        progress: Progress,
        cancel: CancelCheck,
    ) -> ExportReport:
        check_annotator_choice(options)
        if separates_annotators and span_annotator(options) is None:
            options = replace(options, all_annotators=True)
        removed = clear_stale_staging(out)
        report = export(repo, out, options, progress, cancel)
        if chooses_annotators:
            report.left_out += left_out_documents(repo, options)
        report.notes += [
            f"removed {path}, left by an export that did not finish" for path in removed
        ]
        return report

    return export_clearing_staging


def reader(name: str) -> Reader:
    """The reader of ``name``; FormatError names the formats that can be read."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.reader is None:
        choices = ", ".join(import_formats())
        raise FormatError(f"unknown import format {name!r}; choose from {choices}")
    return fmt.reader


def ignored_options(name: str, options: ExportOptions) -> list[str]:
    """The flags given a non-default value that ``name`` does not read, e.g. ``["--split"]``."""
    default = ExportOptions()
    used = FORMATS[name].options
    return [
        OPTION_FLAGS[f.name]
        for f in fields(ExportOptions)
        if f.name in OPTION_FLAGS
        and f.name not in used
        and getattr(options, f.name) != getattr(default, f.name)
    ]
