"""Literals every regex match must contain: only what is matched exactly once on every path."""

from __future__ import annotations

import re

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
