"""Progress reporting and cancellation for long work, independent of any UI toolkit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from annotator.core.errors import AnnotatorError


class Cancelled(AnnotatorError):
    """The user cancelled; whatever was under way has been rolled back."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def no_progress(done: int, total: int, message: str = "") -> None:
    """A Progress that reports nowhere."""


CancelCheck = Callable[[], bool]


def never_cancelled() -> bool:
    return False


def checkpoint(cancel: CancelCheck) -> None:
    """Raise Cancelled when ``cancel()`` says so; call between units of long work."""
    if cancel():
        raise Cancelled("cancelled by the user; nothing was written")
