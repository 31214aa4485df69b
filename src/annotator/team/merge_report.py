"""What a merge of project files did, per source: added, already present, refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = (
    "documents",
    "spans",
    "relations",
    "document notes",
    "document labels",
    "statuses",
    "log entries",
    "curation decisions",
    "suggestions",
)
"""The kinds counted, in report order. Span attributes and notes travel with their span;
suggestions are the pending ones (a decided suggestion lives on as a span or a log entry)."""
SHOWN_REFUSALS = 20
"""Refusals listed by name per source in the text report (all of them are in the JSON)."""


@dataclass
class Counts:
    added: int = 0
    present: int = 0
    refused: int = 0

    def text(self) -> str:
        return f"{self.added} added, {self.present} already present, {self.refused} refused"


@dataclass
class SourceReport:
    source: Path
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    refusals: list[str] = field(default_factory=list)
    """One line per refused item: where, and why."""
    schema_added: tuple[str, ...] = ()
    skipped: str = ""
    """Why the whole source was left out (``--skip-bad``), or "" when it was merged."""
    unattributed: int = 0
    """Spans without an annotator, kept so when no ``--as`` name was given."""
    upgraded: bool = False
    """The file was written by an older annotator: an upgraded copy of it was read."""

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind].added += n

    def present(self, kind: str, n: int = 1) -> None:
        self.counts[kind].present += n

    def refuse(self, kind: str, why: str) -> None:
        self.counts[kind].refused += 1
        self.refusals.append(why)

    def added_anything(self) -> bool:
        return bool(self.schema_added) or any(c.added for c in self.counts.values())

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"{self.source}: skipped: {self.skipped}"]
        lines = [f"{self.source}:"]
        lines += [f"  {kind}: {self.counts[kind].text()}" for kind in KINDS]
        if self.upgraded:
            lines.append("  written by an older annotator: read from an upgraded copy")
        if self.schema_added:
            lines.append(f"  added to the schema: {', '.join(self.schema_added)}")
        if self.unattributed:
            lines.append(
                f"  {self.unattributed} span(s) without an annotator kept unattributed "
                "(give a name to credit them to)"
            )
        lines += [f"  refused: {why}" for why in self.refusals[:SHOWN_REFUSALS]]
        if len(self.refusals) > SHOWN_REFUSALS:
            lines.append(f"  … and {len(self.refusals) - SHOWN_REFUSALS} more refused")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "skipped": self.skipped or None,
            "counts": {
                kind: {"added": c.added, "already_present": c.present, "refused": c.refused}
                for kind, c in self.counts.items()
            },
            "schema_added": list(self.schema_added),
            "unattributed_spans": self.unattributed,
            "upgraded_copy": self.upgraded,
            "refused": list(self.refusals),
        }


@dataclass
class MergeReport:
    project: Path
    sources: list[SourceReport] = field(default_factory=list)
    changed_documents: set[str] = field(default_factory=set)
    """Documents added or given annotations, statuses or fields (the app reloads them)."""

    @property
    def schema_changed(self) -> bool:
        return any(s.schema_added for s in self.sources)

    def total(self, kind: str) -> int:
        return sum(s.counts[kind].added for s in self.sources)

    def summary(self) -> str:
        merged = sum(1 for s in self.sources if not s.skipped)
        return (
            f"merged {merged} of {len(self.sources)} project file(s) into {self.project}: "
            f"{self.total('documents')} document(s), {self.total('spans')} span(s), "
            f"{self.total('relations')} relation(s), {self.total('statuses')} status(es) added"
        )

    def lines(self) -> list[str]:
        lines = [self.summary()]
        for source in self.sources:
            lines += source.lines()
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"project": str(self.project), "sources": [s.to_dict() for s in self.sources]}
