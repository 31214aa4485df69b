"""Finding a query in one text: plain or regular expression, case and whole-word options.

Results are (start, end) code point offsets, end-exclusive, so ``text[start:end]`` is the
match: the find bar, the concordance and annotate-all all rely on that. Matches never
overlap and are never empty (an empty span cannot be annotated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.errors import ValidationError

_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class FindOptions:
    """How a query is read. ``whole_word`` rejects matches touching a letter, digit or ``_``."""

    regex: bool = False
    case: bool = False
    whole_word: bool = False


PLAIN = FindOptions()
"""Plain text, any case, anywhere in words: the find bar's default."""


def compile_query(query: str, options: FindOptions = PLAIN) -> re.Pattern[str]:
    """The compiled pattern for ``query``; an invalid regex raises ValidationError."""
    body = query if options.regex else re.escape(query)
    if options.whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = 0 if options.case else re.IGNORECASE
    try:
        return re.compile(body, flags)
    except re.error as exc:
        raise ValidationError(f"invalid regular expression {query!r}: {exc}") from None


def find_all(
    text: str, query: str, options: FindOptions = PLAIN, *, limit: int | None = None
) -> list[tuple[int, int]]:
    """Every non-empty, non-overlapping match of ``query`` in ``text`` as code point offsets."""
    if not query:
        return []
    return find_pattern(text, compile_query(query, options), limit=limit)


def find_pattern(
    text: str, pattern: re.Pattern[str], *, limit: int | None = None
) -> list[tuple[int, int]]:
    hits: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        hits.append((start, end))
        if limit is not None and len(hits) >= limit:
            break
    return hits


def context(text: str, start: int, end: int, width: int = 40) -> tuple[str, str, str]:
    """Left context, match and right context of ``text[start:end]``, each on one line.

    Whitespace (newlines, tabs) becomes single spaces so concordance columns stay aligned;
    the offsets of the hit itself are untouched.
    """
    left = _WHITESPACE.sub(" ", text[max(0, start - width) : start])
    right = _WHITESPACE.sub(" ", text[end : end + width])
    return left, _WHITESPACE.sub(" ", text[start:end]), right
