"""Literal text every match of a regular expression must contain, to prefilter with an index.

A small reader of Python's pattern syntax that only ever errs towards saying less: a literal
character counts only where it is matched exactly once on every path, that is in the
top-level sequence or in a plain group inside it. Anything in an alternation, an optional or
repeated part, a lookaround, a character class or after an escape that is not a plain
character ends the current run and adds nothing.
"""

from __future__ import annotations

import re
from typing import Final

_BREAK: Final = ""
"""A token that ends the current literal run (characters are one-character tokens)."""

_QUANTIFIER = re.compile(r"[*+?]|\{\d*,?\d*\}")
_FLAGS = re.compile(r"\(\?([aiLmsux-]+)([:)])")
_ESCAPE_LENGTH = {"x": 2, "u": 4, "U": 8}
_COMMENT = re.compile(r"\(\?#[^)]*\)")
"""A comment matches nothing, and a quantifier after it applies to what came before it."""


def required_literals(pattern: re.Pattern[str]) -> list[str]:
    """Literal runs every match of ``pattern`` must contain; [] when nothing can be said."""
    if pattern.flags & re.VERBOSE:
        return []
    reader = _Reader(_COMMENT.sub("", pattern.pattern))
    try:
        tokens, alternation = reader.sequence()
    except (IndexError, ValueError):  # syntax this reader does not follow: say nothing
        return []
    if alternation or reader.verbose:
        return []
    runs = "".join(token or "\0" for token in tokens).split("\0")
    return [run for run in runs if run]


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.verbose = False

    def sequence(self) -> tuple[list[str], bool]:
        """Tokens up to the end or the ``)`` closing the current group (not consumed), and
        whether an alternation ``|`` occurred at this level."""
        tokens: list[str] = []
        alternation = False
        while self.pos < len(self.text) and self.text[self.pos] != ")":
            if self.text[self.pos] == "|":
                self.pos += 1
                alternation = True
                tokens.append(_BREAK)
                continue
            atom = self.atom()
            quantifier = _QUANTIFIER.match(self.text, self.pos)
            if quantifier:
                self.pos = quantifier.end()
                if self.pos < len(self.text) and self.text[self.pos] in "?+":
                    self.pos += 1  # lazy or possessive
                atom = [_BREAK]
            tokens.extend(atom)
        return tokens, alternation

    def atom(self) -> list[str]:
        char = self.text[self.pos]
        if char == "\\":
            return self.escape()
        if char == "[":
            self.skip_class()
            return [_BREAK]
        if char == "(":
            return self.group()
        self.pos += 1
        if char in ".^$*+?{}":
            return [_BREAK]
        return [char]

    def escape(self) -> list[str]:
        escaped = self.text[self.pos + 1]
        self.pos += 2
        if not escaped.isalnum() and escaped != "_":
            return [escaped]
        if escaped in _ESCAPE_LENGTH:
            self.pos += _ESCAPE_LENGTH[escaped]
        elif escaped == "N":
            self.pos = self.text.index("}", self.pos) + 1
        elif escaped.isdigit():
            while self.pos < len(self.text) and self.text[self.pos].isdigit():
                self.pos += 1
        return [_BREAK]

    def skip_class(self) -> None:
        self.pos += 1
        if self.text.startswith("^", self.pos):
            self.pos += 1
        if self.text.startswith("]", self.pos):
            self.pos += 1
        while self.text[self.pos] != "]":
            self.pos += 2 if self.text[self.pos] == "\\" else 1
        self.pos += 1

    def group(self) -> list[str]:
        flags = _FLAGS.match(self.text, self.pos)
        if flags:
            self.verbose = self.verbose or "x" in flags.group(1).partition("-")[0]
            self.pos = flags.end()
            if flags.group(2) == ")":
                return []
            return self.group_body(plain="x" not in flags.group(1))
        if self.text.startswith("(?:", self.pos):
            self.pos += 3
            return self.group_body(plain=True)
        if self.text.startswith("(?P<", self.pos):
            self.pos = self.text.index(">", self.pos) + 1
            return self.group_body(plain=True)
        if self.text.startswith("(?", self.pos):
            self.pos += 2
            return self.group_body(plain=False)
        self.pos += 1
        return self.group_body(plain=True)

    def group_body(self, *, plain: bool) -> list[str]:
        """The group's tokens, or a break if it is not a plain sequence; consumes the ``)``."""
        tokens, alternation = self.sequence()
        self.pos += 1
        if not plain or alternation:
            return [_BREAK]
        return tokens
