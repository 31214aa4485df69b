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

import json
import stat
from pathlib import Path
from typing import Any

from annotator.core.text import unicode_bom
from annotator.formats.records import FormatError
from annotator.formats.registry import import_formats

_NATIVE_KEYS = {
    "id", "title", "lang", "text", "meta", "status", "note", "labels", "encoding", "spans",
    "relations",
}  # fmt: skip
_SNIFF_BYTES = 1 << 20


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
    if head.startswith("["):
        return _detect_list(path)
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        try:
            obj = json.loads(first)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}:1: malformed JSON: {exc.msg} (column {exc.colno}); cannot tell the format"
            ) from None
        return _detect_object(path, obj)
    raise FormatError(
        f"{path}: neither JSON nor JSONL nor .txt; cannot tell the format "
        f"(give --format, one of {', '.join(import_formats())})"
    )


def _detect_list(path: Path) -> str:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise FormatError(f"{path}:{line}: malformed JSON: cannot tell the format") from None
    if isinstance(data, list) and all(isinstance(t, dict) and "data" in t for t in data[:20]):
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
