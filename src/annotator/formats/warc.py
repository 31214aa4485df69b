"""Web archives (``.warc``, ``.warc.gz``) read with warcio: every HTML response a document.

The archive is streamed record by record (a crawl can be gigabytes; only one response body
is in memory at a time). A document's id comes from its URL, its meta holds the URL and the
crawl date. What is not imported is counted for the import report: responses of a URL already
read and ``revisit`` records (duplicates), pages whose extracted text an earlier page already
had, non-HTML responses (images, scripts), HTTP errors and URLs ``--url-filter`` leaves out.
A redirect is followed to the page it names: that page's meta lists the URLs that led to it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from annotator.formats.html import PageInput, extract, page_records
from annotator.formats.html_decode import header_charset
from annotator.formats.interchange import ReadOptions
from annotator.formats.records import DocumentRecord, FormatError, ReadNote

DUPLICATE_URL = "{n} duplicate response(s) of a URL already read, imported once"
DUPLICATE_TEXT = "{n} page(s) with the same text as an earlier page, imported once"
NOT_HTML = "{n} non-HTML record(s) skipped (images, scripts, style sheets, …)"
HTTP_ERROR = "{n} response(s) with an HTTP error status skipped"
REDIRECTS = "{n} redirect(s) followed to the page they name"
FILTERED = "{n} response(s) left out by --url-filter"

_BUFFER = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ID_CHARS = re.compile(r"[^0-9A-Za-z]+")


def url_filter(pattern: str | None) -> re.Pattern[str] | None:
    """The compiled ``--url-filter``; FormatError says what is wrong with a bad expression."""
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise FormatError(f"--url-filter {pattern!r} is not a regular expression: {exc}") from None


def document_id(url: str) -> str:
    """A readable id from the URL: host and path as words, e.g. ``example-com-news-flood``."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    slug = _ID_CHARS.sub("-", f"{host}{parts.path}").strip("-")[:80].strip("-")
    if parts.query:
        slug += "-" + hashlib.sha1(parts.query.encode()).hexdigest()[:8]
    return slug or hashlib.sha1(url.encode()).hexdigest()[:12]


class _Truncated(Exception):
    """The record ends before the length its header gives."""


def truncated(record: Any) -> bool:
    """Whether the record's block ends early: read what is left of it and see whether it
    fell short of the WARC ``Content-Length`` (warcio itself stops quietly at the end of a
    cut file)."""
    stream = record.raw_stream
    while stream.read(_BUFFER):
        pass
    return int(getattr(stream, "limit", 0)) > 0


class _Archive:
    """The state of one archive being read: what was seen, what was counted."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.pattern = url_filter(options.url_filter)
        self.urls: set[str] = set()
        self.texts: set[bytes] = set()
        self.ids: set[str] = set()
        self.redirected_from: dict[str, list[str]] = {}

    def where(self, number: int, url: str) -> str:
        return f"{self.path}: record {number} ({url})" if url else f"{self.path}: record {number}"

    def response(
        self, number: int, record: Any
    ) -> Iterator[DocumentRecord | FormatError | ReadNote]:
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        if self.pattern is not None and not self.pattern.search(url):
            yield ReadNote(FILTERED)
            return
        http = record.http_headers
        status = int(http.get_statuscode() or 0) if http is not None else 200
        if 300 <= status < 400 and http.get_header("Location"):
            target = urljoin(url, http.get_header("Location"))
            self.redirected_from.setdefault(target, []).append(url)
            yield ReadNote(REDIRECTS)
            return
        if status >= 400:
            yield ReadNote(HTTP_ERROR)
            return
        content_type = (http.get_header("Content-Type") if http is not None else None) or ""
        if not content_type.lower().startswith(_HTML_TYPES):
            yield ReadNote(NOT_HTML)
            return
        if url in self.urls:
            yield ReadNote(DUPLICATE_URL)
            return
        self.urls.add(url)
        source = self.where(number, url)
        data = record.content_stream().read()
        if truncated(record):
            raise _Truncated
        doc_id = self._unique_id(document_id(url))
        extra: list[tuple[str, Any]] = [("source", self.path.name)]
        crawled = record.rec_headers.get_header("WARC-Date")
        if crawled:
            extra.append(("crawl_date", crawled))
        if url in self.redirected_from:
            extra.append(("redirected_from", self.redirected_from[url]))
        page = PageInput(data, source, doc_id, url, header_charset(content_type), tuple(extra))
        try:
            extracted = extract(page, self.options.keep_boilerplate)
        except FormatError as exc:
            yield exc
            return
        digest = hashlib.sha1(extracted.text.encode()).digest()
        if digest in self.texts:
            yield ReadNote(DUPLICATE_TEXT)
            return
        self.texts.add(digest)
        self.ids.add(doc_id)
        yield from page_records(page, self.options, extracted)

    def _unique_id(self, doc_id: str) -> str:
        unique, n = doc_id, 1
        while unique in self.ids:
            n += 1
            unique = f"{doc_id}-{n}"
        return unique


def starts_like_warc(path: Path) -> bool:
    """Whether the file (gzip-compressed or not) starts with a WARC record's version line."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError | ReadNote]:
    """The registry's reader: the HTML responses of one web archive, streamed."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    archive = _Archive(path, options)
    if not starts_like_warc(path):
        yield FormatError(f"{path}: not a WARC file (it does not start with a WARC/1.x record)")
        return
    number = 0
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, check_digests=False)
            for number, record in enumerate(records, start=1):
                if record.rec_type == "response":
                    yield from archive.response(number, record)
                elif record.rec_type == "revisit":
                    yield ReadNote(DUPLICATE_URL)
                if truncated(record):
                    raise _Truncated
    except _Truncated:
        yield FormatError(
            f"{path}: record {number}: the archive is truncated (the record ends before "
            "its stated length); nothing of it was imported"
        )
    except ArchiveLoadFailed as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
        if number == 0:
            yield FormatError(f"{path}: not a WARC file ({reason})")
        else:
            yield FormatError(
                f"{path}: record {number + 1}: the archive is truncated or damaged ({reason})"
            )
    except (EOFError, zlib.error, OSError, ValueError) as exc:
        yield FormatError(
            f"{path}: record {number + 1}: the archive is truncated or damaged ({exc})"
        )
