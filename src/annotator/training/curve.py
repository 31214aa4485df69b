"""The learning curve: train on growing shares of the training documents and score each on
the same held-out documents, to see whether more annotation of this kind still pays."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotator.core.progress import CancelCheck, Progress, never_cancelled, no_progress
from annotator.core.span_scores import SpanScores
from annotator.store.repository import Repository
from annotator.training.settings import TrainSettings
from annotator.training.train import select, train_model

IMPROVEMENT = 0.005
"""The last step "still improves" when its F beats the one before by more than this."""


@dataclass(frozen=True)
class CurvePoint:
    share: float
    """Of the training documents, 0..1."""
    documents: int
    scores: SpanScores


@dataclass(frozen=True)
class LearningCurve:
    points: list[CurvePoint]
    held_out: int

    @property
    def still_improving(self) -> bool:
        if len(self.points) < 2:
            return True
        last, before = self.points[-1].scores.overall.f, self.points[-2].scores.overall.f
        return last - before > IMPROVEMENT

    def verdict(self) -> str:
        if self.still_improving:
            return "the last step still improved the score: more annotation of this kind pays"
        return "the last step did not improve the score: more of the same annotation adds little"

    def to_dict(self) -> dict[str, Any]:
        return {
            "held_out": self.held_out,
            "still_improving": self.still_improving,
            "points": [
                {
                    "share": p.share,
                    "documents": p.documents,
                    "f": p.scores.overall.f,
                    "p": p.scores.overall.precision,
                    "r": p.scores.overall.recall,
                }
                for p in self.points
            ],
        }


def learning_curve(
    repo: Repository,
    settings: TrainSettings,
    steps: int = 4,
    *,
    project: str = "",
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> LearningCurve:
    """``steps`` trainings on 1/steps, 2/steps, ... of the training documents; each gets
    ``settings.max_time`` / ``steps`` seconds. No model is kept or recorded."""
    selection = select(repo, settings)
    share_time = replace(settings, max_time=settings.max_time / steps)
    points: list[CurvePoint] = []
    for index in range(1, steps + 1):
        share = index / steps

        def step_progress(done: int, total: int, message: str = "", index: int = index) -> None:
            progress(
                (index - 1) * total + done,
                steps * total,
                f"{index}/{steps} ({round(100 * index / steps)} %): {message}",
            )

        with tempfile.TemporaryDirectory(prefix="annotator-curve-") as tmp:
            result = train_model(
                repo,
                share_time,
                Path(tmp) / "model",
                project=project,
                train_fraction=share,
                register=False,
                progress=step_progress,
                cancel=cancel,
            )
        documents = len(result.card["documents"]["train"])
        points.append(CurvePoint(share, documents, result.scores))
    return LearningCurve(points, len(selection.held_out))
