"""Cancelling long work between its units, and the do-nothing progress and cancel checks."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled, checkpoint, never_cancelled, no_progress


def test_a_checkpoint_raises_only_when_cancel_says_so() -> None:
    checkpoint(lambda: False)
    checkpoint(never_cancelled)
    with pytest.raises(Cancelled, match=r"^cancelled by the user; nothing was written$"):
        checkpoint(lambda: True)
    assert issubclass(Cancelled, AnnotatorError)


def test_the_defaults_report_nowhere_and_never_cancel() -> None:
    assert never_cancelled() is False
    assert no_progress(1, 2, "step") is None
