"""The options that choose what a model learns from, shared by ``train``, ``train-curve`` and
(the part that says whose spans count) ``evaluate``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from annotator.core.errors import ValidationError
from annotator.core.model import DOCUMENT_STATUSES
from annotator.training.settings import DEFAULT_LAYERS, TrainSettings

F = TypeVar("F", bound=Callable[..., Any])

EVERY_STATUS = "any"
"""The ``--status`` value that takes every document whatever its status."""


def status_value(status: str) -> str | None:
    """A ``--status`` value as the selection reads it (None: every document), or a
    ValidationError naming the statuses there are."""
    if status == EVERY_STATUS:
        return None
    if status not in DOCUMENT_STATUSES:
        raise ValidationError(
            f"--status {status}: use one of {', '.join(DOCUMENT_STATUSES)}, "
            f"or {EVERY_STATUS} for every document"
        )
    return status


GOLD = click.option("--gold", is_flag=True, help="Only the gold spans of curated documents.")
ANNOTATOR = click.option(
    "--annotator",
    default=None,
    help="Only this annotator's spans (and documents by their status); nobody else's spans "
    "are read.",
)


def whose_options(func: F) -> F:
    """``--gold`` / ``--annotator``: whose spans are read."""
    return GOLD(ANNOTATOR(func))


def selection_options(func: F) -> F:
    """The options of ``TrainSettings``: layers, whose spans, status, split, seed."""
    for option in reversed(
        [
            click.option(
                "--layer",
                "layers",
                default=",".join(DEFAULT_LAYERS),
                show_default=True,
                help="Comma-separated layers to learn, e.g. entity,claim,section.",
            ),
            GOLD,
            ANNOTATOR,
            click.option(
                "--status",
                default="done",
                show_default=True,
                help=f"Only documents with this status ({', '.join(DOCUMENT_STATUSES)}); "
                f"{EVERY_STATUS} takes every document.",
            ),
            click.option(
                "--eval-split",
                type=float,
                default=0.2,
                show_default=True,
                help="The share of the chosen documents held out to score the model.",
            ),
            click.option(
                "--seed",
                type=int,
                default=1,
                show_default=True,
                help="Chooses the held-out documents and seeds the training.",
            ),
        ]
    ):
        func = option(func)
    return func


def train_settings(
    layers: str,
    gold: bool,
    annotator: str | None,
    status: str,
    eval_split: float,
    seed: int,
    max_time: float,
) -> TrainSettings:
    """The settings the options give, checked (ValidationError with the option's name)."""
    settings = TrainSettings(
        layers=tuple(layer.strip() for layer in layers.split(",") if layer.strip()),
        gold=gold,
        annotator=annotator,
        status=status_value(status),
        eval_split=eval_split,
        seed=seed,
        max_time=max_time,
    )
    settings.check()
    return settings
