"""Blank spaCy pipelines per language, for tokenising documents (no model download)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def blank(lang: str) -> Any:
    """``spacy.blank(lang)``, or the multi-language tokenizer when spaCy lacks ``lang``."""
    import spacy

    try:
        return spacy.blank(lang or "xx")
    except (ImportError, KeyError, ValueError):
        return spacy.blank("xx")
