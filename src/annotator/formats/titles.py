"""Where an imported document's title comes from (``annotator import --title-from``).

Each reader sets a title of its own (a text file's first line, a native record's title);
scraped articles often start with an ad line, which then names every document. The rule
given at import replaces it: the first non-empty line, the file name, or the record's
``meta["title"]`` (kept as it was when the record has none).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Literal

from annotator.formats.records import DocumentRecord

TitleFrom = Literal["first-line", "filename", "meta"]
TITLE_SOURCES: tuple[TitleFrom, ...] = ("first-line", "filename", "meta")
MAX_TITLE = 200


def retitle(record: DocumentRecord, rule: TitleFrom, path: Path) -> DocumentRecord:
    """``record`` with its title taken by ``rule``; ``path`` is the file it was read from."""
    doc = record.document
    if rule == "first-line":
        lines = (line.strip() for line in doc.text.split("\n"))
        title = next((line for line in lines if line), doc.title)
    elif rule == "filename":
        title = path.stem
    else:
        found = doc.meta.get("title")
        title = found.strip() if isinstance(found, str) and found.strip() else doc.title
    return replace(record, document=replace(doc, title=title[:MAX_TITLE]))
