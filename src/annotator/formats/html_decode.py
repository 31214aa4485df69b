"""Bytes of a saved web page to text, trusting the declared charset only when the bytes agree.

A page names its encoding in the HTTP ``Content-Type`` header (web archives keep it) or in a
``<meta charset>``; saved pages often lie (a CMS template says ``utf-8`` over Windows-1252
bytes, or ``iso-8859-1`` over UTF-8 bytes, which decodes without error into mojibake such as
``BerÃ¼hmt``). Both lies are refused with the declared and the actual encoding named, rather
than stored as wrong text that every offset would then point into.
"""

from __future__ import annotations

import codecs
import re

from annotator.core.text import DecodedText, normalize_text
from annotator.formats.records import FormatError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|article)\b", re.IGNORECASE)
_SNIFF = 4096
_WEB_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp874",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15", "koi8_r", "koi8_u", "gb18030", "big5",
    "shift_jis", "euc_jp", "euc_kr", "utf_16",
]  # fmt: skip
"""The legacy encodings web pages are written in (the WHATWG Encoding Standard's), the only
candidates for a page that declares none: left free, the detector picks such as Mac Latin 2
for plain Windows-1252 French."""
_LATIN = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "iso8859_2", "iso8859_15"})
"""Latin-script guesses the detector cannot tell apart on a short page; an undeclared page in
any of them is read as Windows-1252, the HTML standard's default for undeclared pages."""
_SINGLE_BYTE = frozenset({"latin_1", "iso8859-1", "cp1252", "iso8859-15", "ascii"})


def header_charset(content_type: str | None) -> str | None:
    """The charset an HTTP ``Content-Type`` value names, if any."""
    if not content_type:
        return None
    found = _HEADER_CHARSET.search(content_type)
    return found.group(1) if found else None


def meta_charset(data: bytes) -> str | None:
    """The charset the page's own ``<meta>`` names in its first few kilobytes, if any."""
    found = _META_CHARSET.search(data[:_SNIFF])
    return found.group(1).decode("ascii") if found else None


def _codec(name: str, source: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise FormatError(f"{source}: the page declares an unknown charset {name!r}") from None


def _line_of(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def decode_page(data: bytes, source: str, declared_by_server: str | None = None) -> DecodedText:
    """The page's text (BOM removed, line ends LF); FormatError naming ``source`` when the
    input is not an HTML page or its bytes contradict the charset it declares."""
    if not data.strip():
        raise FormatError(f"{source}: the page is empty")
    if b"\x00" in data[:_SNIFF] or not _MARKUP.search(data[: _SNIFF * 16]):
        raise FormatError(f"{source}: broken HTML: no <html>, <body> or paragraph markup found")
    if data.startswith(codecs.BOM_UTF8):
        return decode_page(data[len(codecs.BOM_UTF8) :], source, "utf-8")
    declared = declared_by_server or meta_charset(data)
    where = "the server's Content-Type" if declared_by_server else "the page's <meta charset>"
    encoding = _codec(declared, source) if declared else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if declared is None:
            return _undeclared(data, source)
        raise FormatError(
            f"{source}: line {_line_of(data, exc.start)}: {where} says {declared}, "
            f"but its bytes are not {declared}; fix the declaration or re-save the page"
        ) from None
    if encoding in _SINGLE_BYTE and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = next(n for n, byte in enumerate(data) if byte >= 0x80)
            raise FormatError(
                f"{source}: line {_line_of(data, first)}: {where} says {declared}, "
                "but its bytes are UTF-8 (decoding them as declared would garble every accented "
                "letter); fix the declaration or re-save the page"
            )
    return DecodedText(normalize_text(text), encoding)


def _undeclared(data: bytes, source: str) -> DecodedText:
    """No declared charset and not UTF-8: an encoding charset-normalizer is sure of."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_WEB_ENCODINGS).best()
    if best is None or best.chaos > 0.1:
        raise FormatError(
            f"{source}: the page declares no charset, is not UTF-8 and no other encoding "
            "could be detected with confidence; add a <meta charset> or re-save it as UTF-8"
        )
    if best.encoding in _LATIN:
        try:
            return DecodedText(normalize_text(data.decode("cp1252")), "cp1252")
        except UnicodeDecodeError:
            pass
    return DecodedText(normalize_text(str(best)), best.encoding)
