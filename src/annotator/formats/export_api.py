"""What every exporter shares: options, document selection, the deterministic split, the report.

An exporter is ``def export(repo, out, options, progress, cancel) -> ExportReport`` registered
in ``formats.registry.FORMATS``; it writes through ``formats.output.staged_output``. Exporters
never drop a span silently: whatever a format cannot hold is listed in the report.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from annotator.core.errors import ValidationError
from annotator.core.model import Span
from annotator.core.team import GOLD
from annotator.store.gold import curated_ids, span_authors
from annotator.store.repository import Repository
from annotator.store.statuses import NOT_STARTED, all_statuses

Alignment = Literal["strict", "expand", "contract"]
SPLIT_NAMES = ("train", "dev", "test")


@dataclass(frozen=True)
class ExportOptions:
    """Every export option the CLI and the Export dialog offer; each exporter reads the
    ones that apply to it (``Format.options`` in ``formats.registry`` says which)."""

    layer: str | None = None
    """One layer for one-tag-per-token formats (default ``entity``); None means all layers."""
    split: tuple[float, float, float] = (1.0, 0.0, 0.0)
    seed: int = 0
    status: str | None = None
    """Only documents with this status, as the chosen annotator (``annotator``, or gold with
    ``gold``) sees them; else as the repository's viewer does."""
    annotator: str | None = None
    """Only this annotator's spans."""
    gold: bool = False
    """Only curated documents, with their gold spans and relations."""
    all_annotators: bool = False
    """Every annotator's spans together (what an export wrote before annotators were told
    apart). Without ``annotator``, ``gold`` or this, a document whose spans come from more
    than one annotator is left out (``left_out_documents``): two people's spans are never
    mixed in one document unasked."""
    alignment: Alignment = "strict"
    scheme: str = "iob2"
    parquet: bool = False
    hf_unit: str = "document"
    """hf only: one row per ``document``, per ``sentence``, or per ``chunk:N`` tokens."""
    offsets: str = "utf16"
    """doccano only: ``utf16`` (doccano's own unit, the default) or ``codepoint``."""
    overwrite: bool = False
    """Replace a folder that holds files (``formats.output`` states the rule for every format)."""


@dataclass(frozen=True)
class Problem:
    """A span a format could not hold as it is, and what happened to it."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    reason: str

    def line(self) -> str:
        return f"{self.doc_id} {self.start}..{self.end} {self.label} {self.text!r}: {self.reason}"


@dataclass
class ExportReport:
    format: str
    out: str
    documents: int = 0
    spans: int = 0
    relations: int = 0
    per_split: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Documents the annotator choice left out, one line each saying why."""

    def lines(self) -> list[str]:
        out = [
            f"{self.format}: wrote {self.documents} document(s), {self.spans} span(s), "
            f"{self.relations} relation(s) to {self.out}"
        ]
        if self.per_split:
            out.append("  split: " + ", ".join(f"{k} {v}" for k, v in self.per_split.items()))
        out += [f"  note: {note}" for note in self.notes]
        out += [f"  left out: {line}" for line in self.left_out]
        if self.problems:
            out.append(f"  {len(self.problems)} span(s) not exported as annotated:")
            out += [f"    {p.line()}" for p in self.problems]
        else:
            out.append("  every span was exported as annotated")
        return out


def parse_split(value: str) -> tuple[float, float, float]:
    """``"0.8,0.1,0.1"`` as fractions; ValueError says what a split is (``nan`` and ``inf``
    parse as floats but are no fraction)."""
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if (
        len(parts) != 3
        or not all(math.isfinite(p) and p >= 0 for p in parts)
        or abs(sum(parts) - 1.0) > 1e-6
    ):
        raise ValueError(
            f"{value!r}: --split takes three non-negative fractions that add up to 1, "
            "e.g. 0.8,0.1,0.1"
        )
    return (parts[0], parts[1], parts[2])


def parse_hf_unit(value: str) -> str:
    """``document``, ``sentence`` or ``chunk:N`` (N a whole number above 0), as given."""
    kind, _, size = value.partition(":")
    if value in ("document", "sentence") or (kind == "chunk" and size.isdigit() and int(size) > 0):
        return value
    raise ValueError(
        f"{value!r} is not a row unit; use document, sentence or chunk:N (N tokens, e.g. chunk:128)"
    )


CHOICE_FLAGS = "choose --gold, --annotator or --all-annotators"


def check_annotator_choice(options: ExportOptions) -> None:
    """ValidationError when more than one of gold, one annotator and all annotators is asked."""
    chosen = [
        flag
        for flag, given in (
            ("--gold", options.gold),
            ("--annotator", options.annotator is not None),
            ("--all-annotators", options.all_annotators),
        )
        if given
    ]
    if len(chosen) > 1:
        raise ValidationError(f"{' and '.join(chosen)} exclude each other; {CHOICE_FLAGS}")


def span_annotator(options: ExportOptions) -> str | None:
    """Whose spans the export holds: gold's, one annotator's, or None for anyone's."""
    return GOLD if options.gold else options.annotator


def _status_reader(repo: Repository, options: ExportOptions) -> Callable[[str], str]:
    """The status of a document as the export's annotator sees it (``status_sql``'s rule)."""
    who = span_annotator(options)
    if who is None:
        viewed = {summary.id: summary.status for summary in repo.documents()}
        return viewed.__getitem__
    rows = all_statuses(repo)

    def status(doc_id: str) -> str:
        own = rows.get(doc_id, {})
        return (own.get(who) or own.get("") or (NOT_STARTED, False))[0]

    return status


def select_documents(repo: Repository, options: ExportOptions) -> list[str]:
    """The documents the export writes, in list order: those with the asked status, only the
    curated ones for ``gold``, and without an annotator choice none whose spans several
    annotators made (``left_out_documents`` names them)."""
    mixed = _mixed(repo, options)
    return [d for d in _with_status(repo, options) if d not in mixed]


def left_out_documents(repo: Repository, options: ExportOptions) -> list[str]:
    """One line per document of the asked status that the annotator choice leaves out, e.g.
    ``d3 (spans by ana, budi): choose --gold, --annotator or --all-annotators``."""
    mixed = _mixed(repo, options)
    if not mixed:
        return []
    return [
        f"{doc_id} (spans by {', '.join(mixed[doc_id])}): {CHOICE_FLAGS}"
        for doc_id in _with_status(repo, options)
        if doc_id in mixed
    ]


def _with_status(repo: Repository, options: ExportOptions) -> list[str]:
    """The documents of the asked status (only curated ones for ``gold``), in list order."""
    check_annotator_choice(options)
    doc_ids = repo.document_ids()
    if options.status is not None:
        status = _status_reader(repo, options)
        doc_ids = [d for d in doc_ids if status(d) == options.status]
    if options.gold:
        curated = curated_ids(repo)
        doc_ids = [d for d in doc_ids if d in curated]
    return doc_ids


def _mixed(repo: Repository, options: ExportOptions) -> dict[str, list[str]]:
    """Documents with spans of several annotators (unnamed spans aside), when no choice
    says whose spans to export."""
    if options.gold or options.all_annotators or options.annotator is not None:
        return {}
    return {doc_id: names for doc_id, names in span_authors(repo).items() if len(names) > 1}


def split_documents(doc_ids: list[str], options: ExportOptions) -> dict[str, list[str]]:
    """Assign documents to train/dev/test by a seeded hash of the id: the same split whatever
    the format, and stable when documents are added."""
    ranked = sorted(
        doc_ids, key=lambda d: hashlib.sha256(f"{options.seed}:{d}".encode()).hexdigest()
    )
    n = len(ranked)
    n_train = round(n * options.split[0])
    n_dev = round(n * options.split[1])
    if options.split[2] == 0:
        n_dev = n - n_train
    parts = {
        "train": ranked[:n_train],
        "dev": ranked[n_train : n_train + n_dev],
        "test": ranked[n_train + n_dev :],
    }
    order = {d: i for i, d in enumerate(doc_ids)}
    return {name: sorted(ids, key=order.__getitem__) for name, ids in parts.items()}


def spans_for_export(repo: Repository, doc_id: str, options: ExportOptions) -> list[Span]:
    """The document's spans filtered by ``options.layer`` and whose spans they are
    (``span_annotator``)."""
    return [s for s in repo.spans(doc_id) if not left_out_by(s, options)]


def left_out_by(span: Span, options: ExportOptions) -> str:
    """Why the export leaves ``span`` out, as the report says it (the option that does), or
    "" when the span is exported."""
    if options.layer is not None and span.layer != options.layer:
        return f"not in layer {options.layer} (--layer)"
    who = span_annotator(options)
    if who is None or span.annotator == who:
        return ""
    return "not gold (--gold)" if options.gold else f"not {who}'s (--annotator)"
