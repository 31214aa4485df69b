"""Why an action was not turned into an edit: nothing is written, the user reads the reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: str
    """One sentence for the status bar, e.g. "That span is already gone"."""

    def __str__(self) -> str:
        return self.reason
