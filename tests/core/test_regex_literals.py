"""Literals every regex match must contain: only what is matched exactly once on every path."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.find import FindOptions, compile_query
from annotator.core.regex_literals import required_literals

REGEX = FindOptions(regex=True)


def test_required_literals_only_from_the_mandatory_sequence() -> None:
    assert required_literals(compile_query(r"Jakarta \d+ (?:people)", FindOptions(regex=True))) == [
        "Jakarta ",
        " people",
    ]
    assert required_literals(compile_query("(ab|cd)efg", FindOptions(regex=True))) == ["efg"]
    assert required_literals(compile_query("abc?", FindOptions(regex=True))) == ["ab"]


def test_whole_word_search_still_requires_the_word() -> None:
    query = compile_query("Jakarta", FindOptions(regex=True, whole_word=True))
    assert required_literals(query) == ["Jakarta"]


def test_classes_escapes_lookarounds_and_alternations_add_nothing() -> None:
    assert required_literals(compile_query(r"a[b\]c]d\.e\wf", REGEX)) == ["a", "d.e", "f"]
    assert required_literals(compile_query(r"(?=ab)cd(?<!x)e", REGEX)) == ["cd", "e"]
    assert required_literals(compile_query("ab|cd", REGEX)) == []
    assert required_literals(compile_query("x(?:ab)+y(?P<n>zz)", REGEX)) == ["x", "yzz"]


def test_a_quantifier_after_a_comment_applies_to_the_character_before_it() -> None:
    assert required_literals(compile_query("abc(?#optional)?d", REGEX)) == ["ab", "d"]


def test_verbose_patterns_say_nothing() -> None:
    assert required_literals(re.compile("a b # comment")) == ["a b # comment"]
    assert required_literals(re.compile("a b # comment", re.VERBOSE)) == []
    assert required_literals(compile_query("(?x)a b", REGEX)) == []


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\x41bc", ["bc"]),
        (r"\u0041bc", ["bc"]),
        (r"\U00000041bc", ["bc"]),
        (r"\N{BULLET}ab", ["ab"]),
        (r"(a)\1b", ["a", "b"]),
        (r"(a)\1 2", ["a", " 2"]),
        (r"\\ab", ["\\ab"]),
        (r"a\_b", ["a", "b"]),
        (r"a\-b\ c", ["a-b c"]),
        (r"ab+?c", ["a", "c"]),
        (r"ab*+c", ["a", "c"]),
        (r"ab{2}c", ["a", "c"]),
        (r"ab{2,}c", ["a", "c"]),
        (r"ab{,3}c", ["a", "c"]),
        (r"ab{2,3}?c", ["a", "c"]),
        (r"[^]a]bc", ["bc"]),
        (r"[]a]bc", ["bc"]),
        (r"x[^a]bc", ["x", "bc"]),
        (r"[a\]]bc", ["bc"]),
        (r"(?i)abc", ["abc"]),
        (r"(?i:ab)c", ["abc"]),
        (r"(?-i:ab)c", ["abc"]),
        (r"(?s-x:a b)c", ["c"]),
        (r"(?P<name>ab)c", ["abc"]),
        (r"(?P<n>ab)(?P=n)c", ["ab", "c"]),
        (r"^abc$", ["abc"]),
        (r".ab.", ["ab"]),
        (r"a(b|c)d", ["a", "d"]),
        (r"(a|b)", []),
        (r"a(?:b(?:c)d)e", ["abcde"]),
        (r"a(?:b|c)", ["a"]),
        (r"(?<=x)ab", ["ab"]),
        (r"ab(?!c)", ["ab"]),
        (r"a{3}", []),
        (r"(?:ab)?c", ["c"]),
        (r"a\b", ["a"]),
        (r"", []),
    ],
)
def test_required_literals_of_each_construct(pattern: str, literals: list[str]) -> None:
    assert required_literals(re.compile(pattern)) == literals


_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "é",
        r"\.",
        "[ab]",
        "(?:ab)",
        "(a|b)",
        "a*",
        "b+?",
        "c{2}",
        r"\d",
        ".",
        "(?i:Ab)",
        "x?",
        r"\x41",
        "(?P<g>q)",
    ]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=6, unique=True).map("".join), st.data())
def test_every_match_of_a_pattern_contains_its_required_literals(
    pattern: str, data: st.DataObject
) -> None:
    compiled = re.compile(pattern)
    literals = required_literals(compiled)
    for _ in range(3):
        text = data.draw(st.from_regex(compiled, fullmatch=True))
        for literal in literals:
            assert literal.lower() in text.lower()
