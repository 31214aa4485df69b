"""Character spans onto spaCy tokens: the one place exports turn offsets into tokens.

Public API (small on purpose; other exporters import it):

- ``nlp_for(lang, sentences=False)``: a cached blank spaCy pipeline for a language code,
  ``xx`` (multi-language) when spaCy has no tokenizer for the code;
  ``fallback_note(lang)`` says so in words for the report.
- ``align_spans(doc, spans, alignment)``: our spans as spaCy ``Span`` objects, and a
  ``Problem`` for every span that could not be placed on tokens. Nothing is dropped silently.
- ``snapped(pairs)``: how many of the aligned spans moved (expand/contract), for a report note.

Offsets are code points on both sides (spaCy's ``Doc.text`` is the Python string), so an
emoji or a combining accent never shifts anything here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.core.model import Span
from annotator.formats.export_api import Alignment, Problem

FALLBACK_LANG = "xx"


@cache
def nlp_for(lang: str, sentences: bool = False) -> Language:
    """A blank pipeline for ``lang`` (with a ``sentencizer`` when ``sentences``).

    Blank pipelines need no download. Unknown codes fall back to ``xx``; see ``fallback_note``.
    """
    try:
        nlp = spacy.blank(lang or FALLBACK_LANG)
    except (ImportError, KeyError, ValueError):  # spaCy's ways of saying "no such language"
        nlp = spacy.blank(FALLBACK_LANG)
    if sentences:
        nlp.add_pipe("sentencizer")
    return nlp


def fallback_note(lang: str) -> str | None:
    """A report note when ``lang`` had no spaCy tokenizer of its own, else None."""
    used = nlp_for(lang).lang
    if used == lang:
        return None
    return f"spaCy has no tokenizer for language {lang!r}; used the multi-language one ({used!r})"


def align_spans(
    doc: Doc, spans: Iterable[Span], alignment: Alignment
) -> tuple[list[tuple[Span, SpacySpan]], list[Problem]]:
    """Place each span on ``doc``'s tokens with ``Doc.char_span(alignment_mode=...)``.

    ``strict``: a span whose start or end falls inside a token is a Problem, not a span.
    ``expand`` grows it to the tokens it touches; ``contract`` shrinks it to the tokens it
    covers whole, and a span covering no whole token is a Problem. The spaCy span carries the
    label and our span id (``Span.id_``).
    """
    pairs: list[tuple[Span, SpacySpan]] = []
    problems: list[Problem] = []
    for span in spans:
        placed = doc.char_span(
            span.start, span.end, label=span.label, alignment_mode=alignment, span_id=span.id
        )
        if placed is None or len(placed) == 0:
            problems.append(_misaligned(doc, span, alignment))
            continue
        pairs.append((span, placed))
    return pairs, problems


def snapped(pairs: Iterable[tuple[Span, SpacySpan]]) -> int:
    """How many aligned spans do not cover exactly their annotated characters."""
    return sum(
        1
        for span, placed in pairs
        if (placed.start_char, placed.end_char) != (span.start, span.end)
    )


def _misaligned(doc: Doc, span: Span, alignment: Alignment) -> Problem:
    covering = doc.char_span(span.start, span.end, alignment_mode="expand")
    tokens = f" (tokens {covering.text!r})" if covering is not None and len(covering) else ""
    if alignment == "contract":
        reason = f"covers no whole token{tokens}; use --alignment expand to keep it"
    else:
        reason = (
            f"starts or ends inside a token{tokens}; use --alignment expand or contract to snap it"
        )
    return Problem(span.doc_id, span.start, span.end, span.text, span.label, reason)
