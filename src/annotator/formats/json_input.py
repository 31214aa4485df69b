"""Reading JSON and JSONL input strictly, with every error naming the file and line.

JSON is UTF-8 (RFC 8259): a file that is not is refused, never guessed at, because a guessed
encoding shifts every offset in it. Input that cannot be written back as standard JSON is
refused too: duplicate keys (one value would be lost), ``NaN``/``Infinity`` and overflowing
numbers, integers of thousands of digits, lone surrogates (they cannot be encoded as UTF-8)
and nesting too deep to read without running out of stack.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.text import normalize_text
from annotator.formats.records import FormatError

MAX_INT_DIGITS = 20
"""Longer integer literals are refused: no offset, id or count needs more, and SQLite's
integers stop at 19 digits."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """Raised from inside the JSON decoder's hooks; the message says why."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _Refused(f"duplicate key {key!r} in one object (one of its values would be lost)")
        obj[key] = value
    return obj


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not standard JSON")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"number {literal[:30]} is too large for a float")
    return value


def _bounded_int(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _Refused(f"an integer of {digits} digits is too large")
    return int(literal)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys,
    parse_constant=_no_constant,
    parse_float=_finite_float,
    parse_int=_bounded_int,
)


def _surrogate_in(value: Any) -> str | None:
    """The first string (or key) holding a lone surrogate, else None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def decode(text: str, pos: int, path: Path | str, start_line: int = 1) -> tuple[Any, int]:
    """The JSON value starting at ``pos`` of ``text`` and the position after it.

    FormatError names ``path`` and the line: ``start_line`` is the file line ``pos`` is on.
    A malformed value names the line of the fault, a refused one the line it starts on.
    """
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        line = start_line + text.count("\n", pos, exc.pos)
        raise FormatError(
            f"{path}:{line}: malformed JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except _Refused as exc:
        raise FormatError(f"{path}:{start_line}: {exc}") from None
    except RecursionError:
        raise FormatError(f"{path}:{start_line}: JSON nested too deeply to read") from None
    if _SURROGATE_ESCAPE.search(text, pos, end):
        found = _surrogate_in(value)
        if found is not None:
            raise FormatError(
                f"{path}:{start_line}: text {found[:40]!r} holds a lone surrogate escape "
                "(\\ud800-\\udfff without its pair); it is not a character"
            )
    return value, end


def loads(text: str, path: Path | str, line: int = 1) -> Any:
    """The one JSON value of ``text`` (line ``line`` of ``path``); trailing content is an
    error."""
    value, end = decode(text, _skip_ws(text, 0), path, line)
    if text[end:].strip():
        raise FormatError(f"{path}:{line}: malformed JSON: extra data after the value")
    return value


def utf8_text(data: bytes, path: Path) -> str:
    """``data`` decoded as UTF-8 (BOM and CR removed); anything else is an error naming the
    line of the first bad byte."""
    if data.startswith(_UTF16_BOMS):
        raise FormatError(
            f"{path}:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); "
            "JSON must be UTF-8: convert it first"
        )
    try:
        return normalize_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at column "
            f"{exc.start - line_start + 1}); JSON must be UTF-8: convert the file first"
        ) from None


def read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"{path}: cannot be read: {exc.strerror}") from None
    if not data.strip():
        raise FormatError(f"{path}: the file is empty")
    return utf8_text(data, path)


def json_lines(path: Path) -> Iterator[tuple[str, Any] | FormatError]:
    """``(file:line, object)`` for each non-empty line; a malformed line yields its error."""
    try:
        text = read_utf8(path)
    except FormatError as exc:
        yield exc
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, loads(line, path, number)
        except FormatError as exc:
            yield exc


def json_list_items(path: Path) -> list[tuple[str, Any]]:
    """The items of a JSON list file as ``(file:line, item)``, the line where each starts."""
    text = read_utf8(path)
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise FormatError(f"{path}:1: expected a JSON list of tasks")
    items: list[tuple[str, Any]] = []
    pos = _skip_ws(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return items
    line, counted = 1, 0

    def line_at(at: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, at)
        counted = at
        return line

    while True:
        start_line = line_at(pos)
        where = f"{path}:{start_line}"
        item, pos = decode(text, pos, path, start_line)
        items.append((where, item))
        pos = _skip_ws(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]" and not text[pos + 1 :].strip():
            return items
        raise FormatError(
            f"{path}:{line_at(pos)}: malformed JSON: expected ',' or ']' after a task"
        )


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos
