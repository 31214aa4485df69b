"""What a training run reads and how long it may take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ValidationError
from annotator.formats.export_api import ExportOptions

DEFAULT_LAYERS = ("entity",)


@dataclass(frozen=True)
class TrainSettings:
    layers: tuple[str, ...] = DEFAULT_LAYERS
    gold: bool = False
    """Train on curated documents' gold spans."""
    annotator: str | None = None
    """Train on this annotator's spans only (others' spans are never read)."""
    status: str | None = "done"
    """Only documents with this status (None: every document)."""
    eval_split: float = 0.2
    """The share of the selected documents held out to score the model."""
    seed: int = 1
    max_time: float = 120.0
    """Seconds of training at most (the best model so far is kept)."""
    max_steps: int = 20000
    extra: dict[str, Any] = field(default_factory=dict)

    def check(self) -> None:
        if not 0.0 < self.eval_split < 1.0:
            raise ValidationError(
                f"--eval-split {self.eval_split}: give the share of documents held out, "
                "between 0 and 1 (e.g. 0.2)"
            )
        if self.max_time <= 0:
            raise ValidationError(f"--max-time {self.max_time}: give seconds above 0")
        if self.gold and self.annotator:
            raise ValidationError("give --gold or --annotator, not both")
        if not self.layers:
            raise ValidationError("give at least one layer to train")

    def export_options(self) -> ExportOptions:
        """The documents and spans to train on, as the spaCy export would select them."""
        return ExportOptions(
            layer=self.layers[0] if len(self.layers) == 1 else None,
            split=(1.0 - self.eval_split, self.eval_split, 0.0),
            seed=self.seed,
            status=self.status,
            annotator=self.annotator,
            gold=self.gold,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainSettings:
        """The settings ``to_dict`` wrote."""
        return cls(
            layers=tuple(data["layers"]),
            gold=bool(data["gold"]),
            annotator=data["annotator"],
            status=data["status"],
            eval_split=float(data["eval_split"]),
            seed=int(data["seed"]),
            max_time=float(data["max_time"]),
            max_steps=int(data["max_steps"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "layers": list(self.layers),
            "gold": self.gold,
            "annotator": self.annotator,
            "status": self.status,
            "eval_split": self.eval_split,
            "seed": self.seed,
            "max_time": self.max_time,
            "max_steps": self.max_steps,
        }
