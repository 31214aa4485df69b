"""Which import format a file or folder holds, told by its content, not trusted to its name.

* a folder holding ``.ann`` files -> ``brat``
* a ``.txt`` file -> ``plain``; ``.html``/``.htm`` or markup -> ``html``; ``.warc``,
  ``.warc.gz`` or a file starting ``WARC/`` -> ``warc``
* a JSON list of objects with ``data`` (and ``annotations``) -> ``labelstudio``
* JSONL whose first object has ``tokens`` + ``spans`` -> ``prodigy``; a ``label`` list, or
  ``entities`` whose items have ``start_offset`` -> ``doccano``; only our own keys with ``id`` and
  ``text`` -> ``native``; ``spans`` with other keys -> ``prodigy`` (Prodigy without tokens)
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from annotator.core.text import unicode_bom
from annotator.formats.json_input import json_list_items, loads, utf8_text
from annotator.formats.records import FormatError
from annotator.formats.registry import import_formats

_NATIVE_KEYS = {
    "id", "title", "lang", "text", "meta", "status", "note", "labels", "encoding", "spans",
    "relations", "statuses",
}  # fmt: skip
_SNIFF_BYTES = 1 << 12
"""Enough of a file to tell a web page or a web archive by how it begins."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def not_a_file(path: Path) -> FormatError:
    """Why ``path``, neither a file nor a folder, cannot be imported: missing or what it is."""
    if path.is_symlink() and not path.exists():
        return FormatError(f"{path}: is a symbolic link to a missing file")
    if not path.exists():
        return FormatError(f"{path}: no such file or folder")
    mode = path.stat().st_mode
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a device or special file")
    return FormatError(f"{path}: is {kind}, not a file; import reads files and folders")


def is_brat_folder(path: Path) -> bool:
    return path.is_dir() and next(path.rglob("*.ann"), None) is not None


def detect_format(path: Path) -> str:
    """The name of the format ``path`` holds (one ``formats.registry`` reads); FormatError says
    why none fits."""
    if path.is_dir():
        if is_brat_folder(path):
            return "brat"
        raise FormatError(f"{path}: a folder without .ann files is not a brat collection")
    if not path.is_file():
        raise not_a_file(path)
    if path.suffix.lower() == ".txt":
        return "plain"
    if path.suffix.lower() == ".ann":
        return "brat"
    if path.suffix.lower() in (".conll", ".iob", ".bio"):
        return "conll"
    if path.suffix.lower() in (".html", ".htm"):
        return "html"
    if path.name.lower().endswith((".warc", ".warc.gz")):
        return "warc"
    with path.open("rb") as handle:
        raw = handle.read(_SNIFF_BYTES)
    head = raw.decode(unicode_bom(raw) or "utf-8-sig", errors="replace").lstrip()
    if head.startswith("WARC/"):
        return "warc"
    if head[:512].lower().startswith(("<!doctype html", "<html")):
        return "html"
    number, line = _first_line(path)
    if line.startswith(_UTF16_BOMS):
        utf8_text(line, path)  # names the file as UTF-16
    first = line.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"[":
        return _detect_list(path)
    if first == b"{":
        return _detect_object(path, loads(utf8_text(line, path).rstrip("\n"), path, number))
    raise FormatError(
        f"{path}: neither JSON nor JSONL nor .txt; cannot tell the format "
        f"(give --format, one of {', '.join(import_formats())})"
    )


def _first_line(path: Path) -> tuple[int, bytes]:
    """The number and bytes of the first non-blank line, read whole however long it is (a
    JSONL line can hold a book)."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                return number, line
    raise FormatError(f"{path}: the file is empty")


def _detect_list(path: Path) -> str:
    data = [item for _, item in json_list_items(path)[:20]]
    if all(isinstance(t, dict) and "data" in t for t in data):
        return "labelstudio"
    raise FormatError(
        f"{path}: a JSON list, but not of Label Studio tasks (objects with 'data'); "
        "give --format if you know the format"
    )


def _detect_object(path: Path, obj: Any) -> str:
    if not isinstance(obj, dict):
        raise FormatError(f"{path}:1: expected a JSON object per line")
    keys = set(obj)
    if "tokens" in keys and "spans" in keys:
        return "prodigy"
    if isinstance(obj.get("label"), list) or isinstance(obj.get("labels"), list):
        return "doccano"
    entities = obj.get("entities")
    if isinstance(entities, list) and (
        not entities or (isinstance(entities[0], dict) and "start_offset" in entities[0])
    ):
        return "doccano"
    if "text" in keys and "id" in keys and keys <= _NATIVE_KEYS:
        return "native"
    if "text" in keys and "spans" in keys:
        return "prodigy"
    raise FormatError(
        f"{path}:1: cannot tell the format from the keys {', '.join(sorted(keys))}; "
        f"give --format (one of {', '.join(import_formats())})"
    )
