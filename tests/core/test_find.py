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


def test_a_limit_stops_at_that_many_hits() -> None:
    text = "Baku, Baku, Baku, Baku"
    assert find_all(text, "Baku", limit=2) == [(0, 4), (6, 10)]
    assert find_all(text, "Baku", limit=1) == [(0, 4)]
    assert len(find_all(text, "Baku", limit=None)) == 4
    assert len(find_all(text, "Baku", limit=10)) == 4


def test_empty_regex_matches_are_skipped_and_the_search_goes_on() -> None:
    # "a*" matches empty at "x" before it matches "aa"
    assert find_all("xaa xa", "a*", FindOptions(regex=True)) == [(1, 3), (5, 6)]


def test_an_empty_query_finds_nothing() -> None:
    assert find_all("Baku", "") == []


def test_case_option_matters_only_when_set() -> None:
    assert find_all("Baku BAKU", "baku") == [(0, 4), (5, 9)]
    assert find_all("Baku BAKU", "baku", FindOptions(case=True)) == []
    assert find_all("Baku BAKU", "BAKU", FindOptions(case=True)) == [(5, 9)]


def test_whole_word_regex_alternatives_are_grouped() -> None:
    hits = find_all(
        "Baku Bakuvian Yerevan", "Baku|Yerevan", FindOptions(regex=True, whole_word=True)
    )
    assert hits == [(0, 4), (14, 21)]


def test_invalid_regex_message_names_the_query_and_the_reason() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^invalid regular expression '\(unclosed': missing \), unterminated subpattern",
    ):
        compile_query("(unclosed", FindOptions(regex=True))


def test_context_stops_at_the_edges_of_the_text() -> None:
    text = "Baku\naccused"
    assert context(text, 0, 4, width=3) == ("", "Baku", " ac")
    assert context(text, 5, 12, width=40) == ("Baku ", "accused", "")
    assert context("a\nb", 0, 3) == ("", "a b", "")


def test_default_context_is_forty_characters_each_side() -> None:
    text = "x" * 50 + "Baku" + "y" * 50
    left, match, right = context(text, 50, 54)
    assert (left, match, right) == ("x" * 40, "Baku", "y" * 40)
