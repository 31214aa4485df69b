"""Following the training process: its progress line, a child that fails, a cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.progress import Cancelled, no_progress
from annotator.training.process import TrainingFailed, progress_line, run_child


def test_the_progress_line_reads_step_loss_dev_score_and_time_left() -> None:
    event = {"step": 200, "loss": 3.14159, "score": 0.8104, "elapsed": 77.6}

    assert progress_line(event, 120) == (
        "step 200 · loss 3.14 · dev score 81.0 · 42 s left at most"
    )


def test_time_left_never_goes_below_zero() -> None:
    event = {"step": 9, "loss": 0.0, "score": 1.0, "elapsed": 130.0}

    assert progress_line(event, 120).endswith("· 0 s left at most")


def test_a_child_that_fails_raises_with_its_last_words(tmp_path: Path) -> None:
    with pytest.raises(TrainingFailed, match=r"the training process failed: .*job\.json"):
        run_child(tmp_path, tmp_path / "project.db", 5, no_progress, lambda: False)


def test_a_cancel_stops_the_child_at_once(tmp_path: Path) -> None:
    with pytest.raises(Cancelled, match="training cancelled; no model was written"):
        run_child(tmp_path, tmp_path / "project.db", 5, no_progress, lambda: True)
