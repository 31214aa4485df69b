"""Saved web pages (``.html``/``.htm``): one document per page, its sections suggested.

The text is the article (``formats.html_extract``); the title, author, date, site name,
language and URL go to the document's meta; the headline, dateline, sub-headings, captions and
kept boilerplate become pending section suggestions, reviewed like any other. The page itself
is kept with the document so that ``annotator reextract`` can extract it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotator.core.model import Document, new_id, now_iso
from annotator.core.schema import Schema
from annotator.core.suggestion_edits import Suggestion
from annotator.formats.html_decode import decode_page
from annotator.formats.html_extract import SECTION_SOURCE, ExtractedPage, extract_page
from annotator.formats.interchange import ReadOptions
from annotator.formats.records import DocumentRecord, FormatError, ReadNote
from annotator.store.page_sources import KeptPage

REMOVED_BLOCKS = "{n} boilerplate block(s) left out of the text (--keep-boilerplate keeps them)"
REMOVED_CHARS = "{n} character(s) of boilerplate left out"
NOT_IN_SCHEMA = "{n} section suggestion(s) left out: their label is not in the project's schema"


@dataclass(frozen=True)
class PageInput:
    """One page to turn into a document, from a file or a web archive record."""

    data: bytes
    source: str
    """Where it came from, for messages: the file, or ``file: record N (url)``."""
    doc_id: str
    url: str | None = None
    server_charset: str | None = None
    extra_meta: tuple[tuple[str, Any], ...] = ()


def extract(page: PageInput, keep_boilerplate: bool) -> ExtractedPage:
    """Decode and extract one page; FormatError naming its source when that fails."""
    decoded = decode_page(page.data, page.source, page.server_charset)
    found = extract_page(decoded.text, page.source, keep_boilerplate=keep_boilerplate, url=page.url)
    return replace(found, encoding=decoded.encoding)


def section_suggestions(
    doc_id: str, extracted: ExtractedPage, schema: Schema
) -> tuple[list[Suggestion], int]:
    """The extracted sections as pending suggestions, and how many the schema has no label
    for."""
    created = now_iso()
    kept: list[Suggestion] = []
    for section in extracted.sections:
        if not schema.has_label(section.label):
            continue
        kept.append(
            Suggestion(
                id=new_id("g"),
                doc_id=doc_id,
                layer=schema.label(section.label).layer,
                label=section.label,
                start=section.start,
                end=section.end,
                text=extracted.text[section.start : section.end],
                source=SECTION_SOURCE,
                created_at=created,
            )
        )
    return kept, len(extracted.sections) - len(kept)


def page_records(
    page: PageInput, options: ReadOptions, extracted: ExtractedPage | None = None
) -> Iterator[DocumentRecord | ReadNote]:
    """The page's document record, preceded by the notes the import report adds up."""
    if extracted is None:
        extracted = extract(page, options.keep_boilerplate)
    suggestions, unlabelled = section_suggestions(page.doc_id, extracted, options.schema)
    meta: dict[str, Any] = {"title": extracted.title, **extracted.meta, **dict(page.extra_meta)}
    lang = (extracted.lang or options.lang or "en").split("-")[0].lower()
    doc = Document(
        id=page.doc_id,
        text=extracted.text,
        title=extracted.title[:200],
        lang=lang,
        meta=meta,
        encoding=extracted.encoding,
    )
    settings: dict[str, Any] = {"keep_boilerplate": options.keep_boilerplate}
    if page.server_charset:
        settings["charset"] = page.server_charset
    yield ReadNote(REMOVED_BLOCKS, extracted.removed_blocks)
    yield ReadNote(REMOVED_CHARS, extracted.removed_chars)
    yield ReadNote(NOT_IN_SCHEMA, unlabelled)
    yield DocumentRecord(
        doc,
        source=page.source,
        suggestions=tuple(suggestions),
        page=KeptPage(page.data, page.url or "", settings),
    )


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError | ReadNote]:
    """The registry's reader: one page file, one document whose id is the file name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield FormatError(f"{path}: cannot be read: {exc.strerror}")
        return
    page = PageInput(data, str(path), path.stem, extra_meta=(("source", path.name),))
    try:
        yield from page_records(page, options)
    except FormatError as exc:
        yield exc
