"""A kept tokenisation is checked against its text before it is stored."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.tokenisation import from_pairs


def test_tokens_separated_by_whitespace_fit_the_text() -> None:
    text = " 😀 1996-08-30\nall-rounder"
    from_pairs([(1, 2), (3, 13), (14, 25)], [0, 2]).check(text)


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([(0, 3), (2, 5)], r"token 2 at 2\.\.5 is empty, overlaps the one before it"),
        ([(0, 2), (2, 2)], r"token 2 at 2\.\.2 is empty"),
        ([(0, 3), (4, 12)], r"off the text \(11 characters\)"),
        ([(0, 2), (4, 7)], r"the text before token 2 is not whitespace: 'l-'"),
    ],
)
def test_tokens_that_do_not_fit_are_refused_naming_the_token(
    pairs: list[tuple[int, int]], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        from_pairs(pairs).check("all-rounder")


def test_a_sentence_start_past_the_last_token_is_refused() -> None:
    with pytest.raises(ValidationError, match="a sentence starts at a token that does not exist"):
        from_pairs([(0, 3)], [0, 1]).check("all")
