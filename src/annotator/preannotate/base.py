"""What every pre-annotation source produces, and the report of a run."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from annotator.core.errors import ValidationError
from annotator.core.model import Document


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed span: code point offsets into the document's text."""

    label: str
    start: int
    end: int
    score: float | None = None


class Suggester(Protocol):
    source: str
    """Recorded on each suggestion and, once accepted, as the span's origin."""
    skipped_labels: Counter[str]
    """Labels the source produced that map to no project label, with counts."""

    def suggest(self, doc: Document) -> list[Candidate]: ...


@dataclass
class PreannotateReport:
    source: str
    documents: int = 0
    per_label: Counter[str] = field(default_factory=Counter)
    same_as_span: int = 0
    already_suggested: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.per_label.values())

    def lines(self) -> list[str]:
        out = [f"{self.total} suggestions from {self.source} in {self.documents} documents"]
        out += [f"  {label}: {n}" for label, n in sorted(self.per_label.items())]
        if self.same_as_span:
            out.append(f"skipped {self.same_as_span} identical to an existing span")
        if self.already_suggested:
            out.append(f"skipped {self.already_suggested} already suggested before")
        if self.unmapped:
            parts = ", ".join(f"{k} ({v})" for k, v in sorted(self.unmapped.items()))
            out.append(f"unmapped labels skipped: {parts}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "documents": self.documents,
            "total": self.total,
            "per_label": dict(self.per_label),
            "same_as_span": self.same_as_span,
            "already_suggested": self.already_suggested,
            "unmapped": dict(self.unmapped),
        }


def read_table_file(path: Path) -> Any:
    """Parse a TOML or JSON file (by extension), with errors naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"{path}: invalid {path.suffix.lstrip('.').upper()}: {exc}") from None
