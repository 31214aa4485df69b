"""Libraries some formats need but the app does not install by default, checked without
importing them (the export dialog asks at start-up, so this module stays light)."""

from __future__ import annotations

from importlib.util import find_spec

DATASETS_MISSING = (
    "the hf export needs the Hugging Face datasets library: pip install datasets "
    "(in a source checkout: pip install -e '.[hf]')"
)


def datasets_missing() -> str:
    """Why the hf export cannot run here ("" when it can), said before anyone tries."""
    return "" if find_spec("datasets") is not None else DATASETS_MISSING
