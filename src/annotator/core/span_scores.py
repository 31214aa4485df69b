"""Precision, recall and F of predicted spans against gold spans, by exact match.

A predicted span counts when a gold span of the same document, layer, label, start and end
exists. Scores are per label and per layer (micro-averaged over its labels) and over
everything; this is what spaCy's ``Scorer.score_spans`` computes for ``doc.ents`` and span
groups on the same documents (its ``ents_per_type`` / ``spans_<key>_per_type``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SpanKey = tuple[str, str, str, int, int]
"""(doc_id, layer, label, start, end): code point offsets, end exclusive."""


@dataclass(frozen=True)
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        return cls(int(data["true_positives"]), int(data["predicted"]), int(data["gold"]))

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": self.precision,
            "r": self.recall,
            "f": self.f,
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class SpanScores:
    overall: Score
    per_layer: dict[str, Score] = field(default_factory=dict)
    per_label: dict[tuple[str, str], Score] = field(default_factory=dict)
    """(layer, label) -> its score."""
    documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.to_dict(),
            "per_layer": {layer: s.to_dict() for layer, s in sorted(self.per_layer.items())},
            "per_label": {
                layer: {
                    label: s.to_dict()
                    for (lay, label), s in sorted(self.per_label.items())
                    if lay == layer
                }
                for layer in sorted({lay for lay, _ in self.per_label})
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpanScores:
        """The scores ``to_dict`` wrote (a model card's)."""
        per_label = {
            (layer, label): Score.from_dict(score)
            for layer, labels in data.get("per_label", {}).items()
            for label, score in labels.items()
        }
        return cls(
            Score.from_dict(data["overall"]),
            {layer: Score.from_dict(s) for layer, s in data.get("per_layer", {}).items()},
            per_label,
            int(data.get("documents", 0)),
        )

    def lines(self) -> list[str]:
        """A table a terminal shows: one row per label, then per layer, then overall."""
        rows = [f"{'':24} {'P':>6} {'R':>6} {'F':>6} {'gold':>6}"]
        for (layer, label), s in sorted(self.per_label.items()):
            rows.append(_row(f"{layer}/{label}", s))
        for layer, s in sorted(self.per_layer.items()):
            rows.append(_row(f"{layer} (all labels)", s))
        rows.append(_row("overall", self.overall))
        return rows


def _row(name: str, s: Score) -> str:
    return (
        f"{name[:24]:24} {100 * s.precision:6.1f} {100 * s.recall:6.1f} {100 * s.f:6.1f} "
        f"{s.gold:6d}"
    )


def score_spans(
    gold: Iterable[SpanKey], predicted: Iterable[SpanKey], documents: int = 0
) -> SpanScores:
    """Exact-match scores; duplicate keys count once."""
    gold_set, predicted_set = set(gold), set(predicted)
    hits = gold_set & predicted_set
    counts: dict[str, Counter[tuple[str, str]]] = {
        name: Counter((k[1], k[2]) for k in keys)
        for name, keys in (("tp", hits), ("pred", predicted_set), ("gold", gold_set))
    }
    labels = set(counts["pred"]) | set(counts["gold"])
    per_label = {
        key: Score(counts["tp"][key], counts["pred"][key], counts["gold"][key])
        for key in sorted(labels)
    }
    per_layer: dict[str, Score] = {}
    for (layer, _label), s in per_label.items():
        total = per_layer.get(layer, Score())
        per_layer[layer] = Score(
            total.true_positives + s.true_positives,
            total.predicted + s.predicted,
            total.gold + s.gold,
        )
    overall = Score(len(hits), len(predicted_set), len(gold_set))
    return SpanScores(overall, per_layer, per_label, documents)
