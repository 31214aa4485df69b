"""A document's own tokenisation, kept from the file it came from (CoNLL).

Token-based exports use it instead of re-tokenising with spaCy, so that ``1996-08-30`` stays
one token when the source said so. Offsets are code points, end-exclusive, like spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import ValidationError


@dataclass(frozen=True)
class Tokenisation:
    """Token character offsets in text order, and the indices of tokens that start a sentence.

    Tokens do not overlap and are not empty; the text between them is whitespace, which no
    token format writes as a token.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentence_starts: tuple[int, ...] = (0,)

    def __len__(self) -> int:
        return len(self.starts)

    def check(self, text: str) -> None:
        """Raise ValidationError when the tokens do not fit ``text`` (first bad token named)."""
        if len(self.starts) != len(self.ends):
            raise ValidationError("token starts and ends differ in number")
        previous = 0
        for n, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            if not previous <= start < end <= len(text):
                raise ValidationError(
                    f"token {n + 1} at {start}..{end} is empty, overlaps the one before it "
                    f"or is off the text ({len(text)} characters)"
                )
            gap = text[previous:start]
            if gap and not gap.isspace():
                raise ValidationError(
                    f"the text before token {n + 1} is not whitespace: {gap[:40]!r}"
                )
            previous = end
        if any(not 0 <= i < len(self.starts) for i in self.sentence_starts):
            raise ValidationError("a sentence starts at a token that does not exist")


def from_pairs(
    offsets: list[tuple[int, int]], sentence_starts: list[int] | None = None
) -> Tokenisation:
    """A Tokenisation from ``(start, end)`` pairs; one sentence when none are given."""
    return Tokenisation(
        tuple(s for s, _ in offsets),
        tuple(e for _, e in offsets),
        tuple(sentence_starts if sentence_starts is not None else [0] if offsets else []),
    )
