"""Plain text files: one document per file, id = file stem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document
from annotator.core.text import decode_bytes
from annotator.formats.interchange import ReadOptions
from annotator.formats.records import DocumentRecord, FormatError, ReadItem, ReadNote


def read_text_file(path: Path, lang: str | None = None) -> DocumentRecord:
    try:
        decoded = decode_bytes(path.read_bytes(), str(path))
    except AnnotatorError as exc:
        raise FormatError(str(exc)) from None
    except OSError as exc:
        raise FormatError(f"{path}: cannot be read: {exc.strerror}") from None
    first_line = decoded.text.strip().split("\n", 1)[0].strip()
    doc = Document(
        id=path.stem,
        text=decoded.text,
        title=first_line[:200],
        lang=lang or "en",
        meta={"source": path.name},
        encoding=decoded.encoding,
    )
    return DocumentRecord(doc, source=str(path))


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """The registry's reader: one record, or the FormatError that says why not. A file that
    is not UTF-8 is decoded as the encoding detected, and the report names it."""
    try:
        record = read_text_file(path, options.lang)
    except FormatError as exc:
        yield exc
        return
    if record.document.encoding != "utf-8":
        yield ReadNote(f"{path}: not UTF-8; decoded as {record.document.encoding} (detected)")
    yield record
