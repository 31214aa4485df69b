"""The provenance written beside each trained model: ``annotator-model.json`` (everything)
and ``scores.json`` (the held-out scores alone, for tools that read only those)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError

CARD_FILE = "annotator-model.json"
SCORES_FILE = "scores.json"
CARD_FORMAT = 1


def write_card(folder: Path, card: dict[str, Any]) -> None:
    (folder / CARD_FILE).write_text(
        json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (folder / SCORES_FILE).write_text(
        json.dumps(card.get("scores", {}), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )


def read_card(folder: Path) -> dict[str, Any] | None:
    """The card of a model trained here, None for another spaCy pipeline folder."""
    path = folder / CARD_FILE
    if not path.is_file():
        return None
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path}: not a readable model card: {exc}") from None
    if not isinstance(card, dict) or not isinstance(card.get("id"), str):
        raise ValidationError(f"{path}: not a model card (no id)")
    return card
