"""The one rule for the names of layers, labels, relation types and attributes.

Names are written bare into line formats: brat's ``annotation.conf`` and ``.ann`` lines split
on spaces, tabs, ``:``, ``|``, ``,``, ``=`` and ``;`` and give ``!``, ``<``, ``>`` and ``#`` a
meaning of their own; CoNLL writes ``B-NAME`` into a space-separated column. A name made of
letters, digits, ``_`` and ``-`` (not starting with ``-``) survives all of them.
"""

from __future__ import annotations

import re

from annotator.core.errors import SchemaError

MAX_NAME_LENGTH = 64
NAME_RULE = "letters, digits, _ and -, not starting with -"
_NAME = re.compile(r"\w[\w-]*")


def name_problem(name: object) -> str | None:
    """Why ``name`` cannot be a schema name, or None when it can."""
    if not isinstance(name, str) or not name:
        return "a name is needed"
    if len(name) > MAX_NAME_LENGTH:
        return f"it is longer than {MAX_NAME_LENGTH} characters"
    if _NAME.fullmatch(name) is None:
        bad = sorted({c for c in name if not (c.isalnum() or c in "_-")})
        shown = " ".join(_shown(c) for c in bad) or "a leading -"
        return f"it holds {shown}, which a name in brat or CoNLL lines cannot carry"
    return None


def check_name(kind: str, name: object) -> None:
    """Raise SchemaError naming ``kind`` (``label``, ``relation type`` ...) and the reason."""
    problem = name_problem(name)
    if problem is not None:
        raise SchemaError(f"{kind} name {name!r} is not allowed: {problem}; use {NAME_RULE}")


def _shown(char: str) -> str:
    return repr(char) if char.isprintable() and not char.isspace() else ascii(char)
