from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.find import FindOptions, compile_query, context, find_all

EMOJI = "Hi 😀 there, Jakarta 👩🏽‍🎨 and jakarta; Jakartanya 😀 JAKARTA."


def str_find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return out


def test_case_sensitive_plain_find_equals_str_find_on_emoji_text() -> None:
    for needle in ("Jakarta", "😀", "👩🏽‍🎨 and", "a"):
        hits = find_all(EMOJI, needle, FindOptions(case=True))
        assert hits == str_find_all(EMOJI, needle)
        assert all(EMOJI[s:e] == needle for s, e in hits)


def test_case_insensitive_finds_every_casing() -> None:
    hits = find_all(EMOJI, "jakarta")
    assert [EMOJI[s:e] for s, e in hits] == ["Jakarta", "jakarta", "Jakarta", "JAKARTA"]


def test_whole_word_skips_jakartanya() -> None:
    hits = find_all(EMOJI, "jakarta", FindOptions(whole_word=True))
    assert [EMOJI[s:e] for s, e in hits] == ["Jakarta", "jakarta", "JAKARTA"]
    assert EMOJI.find("Jakartanya") not in [s for s, _ in hits]


def test_regex_offsets_are_code_points_and_empty_matches_dropped() -> None:
    hits = find_all(EMOJI, r"J\w+", FindOptions(regex=True, case=True))
    assert hits[0] == (EMOJI.find("Jakarta"), EMOJI.find("Jakarta") + 7)
    assert find_all(EMOJI, r"x*", FindOptions(regex=True)) == []


def test_invalid_regex_is_a_readable_error() -> None:
    with pytest.raises(ValidationError, match="invalid regular expression"):
        compile_query("(unclosed", FindOptions(regex=True))


def test_literal_query_special_characters_are_not_regex() -> None:
    assert find_all("a.b axb", "a.b") == [(0, 3)]


def test_context_is_one_line() -> None:
    text = "line one\nJakarta\tcity"
    left, match, right = context(text, 9, 16, width=5)
    assert (left, match, right) == (" one ", "Jakarta", " city")
