"""Where a Hugging Face export cuts a document into rows (``--hf-unit``).

``document``: one row. ``sentence``: a row per sentence (the Doc's sentences plus line breaks).
``chunk:N``: rows of at most N tokens. A row never ends inside a tagged span, so no entity is
cut in two: a sentence break inside one is not made, and a chunk ends before the span (or, for
a span longer than N tokens, after it). The caller reports both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class RowCuts:
    bounds: list[tuple[int, int]]
    """(first token, end token exclusive) per row, over the written (non-whitespace) tokens."""
    breaks_not_made: int = 0
    long_chunks: int = 0
    """Chunks over N tokens because a span was longer than N."""


def row_bounds(unit: str, tags: Sequence[str], starts: Sequence[int], breaks: set[int]) -> RowCuts:
    """Rows over tokens whose tags are ``tags`` and character starts ``starts``; ``breaks``
    holds the character offsets where a sentence starts."""
    n = len(tags)
    if unit == "document" or n == 0:
        return RowCuts([(0, n)])
    if unit == "sentence":
        return _sentences(tags, starts, breaks)
    return _chunks(tags, int(unit.partition(":")[2]))


def _continues(tag: str) -> bool:
    """The token is inside a span that started before it (IOB2 ``I-``, BIOES ``I-``/``E-``)."""
    return tag[0] in "IE"


def _sentences(tags: Sequence[str], starts: Sequence[int], breaks: set[int]) -> RowCuts:
    cuts = RowCuts([])
    first = 0
    for i in range(1, len(tags)):
        if starts[i] not in breaks:
            continue
        if _continues(tags[i]):
            cuts.breaks_not_made += 1
            continue
        cuts.bounds.append((first, i))
        first = i
    cuts.bounds.append((first, len(tags)))
    return cuts


def _chunks(tags: Sequence[str], size: int) -> RowCuts:
    cuts = RowCuts([])
    n = len(tags)
    first = 0
    while first < n:
        end = min(first + size, n)
        if end < n and _continues(tags[end]):
            cut = end
            while cut > first and _continues(tags[cut]):
                cut -= 1
            if cut == first:  # one span longer than the chunk: the row holds it whole
                cut = end
                while cut < n and _continues(tags[cut]):
                    cut += 1
                cuts.long_chunks += 1
            end = cut
        cuts.bounds.append((first, end))
        first = end
    return cuts
