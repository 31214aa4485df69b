"""Import-time text normalisation and code point <-> UTF-16 offset mapping.

The stored text is exactly what offsets refer to, so it is normalised once, at import:
a leading BOM is removed and CRLF / lone CR become LF (Qt would silently change both).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from annotator.core.errors import ValidationError

_BOM = "\ufeff"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def normalize_text(text: str) -> str:
    """Strip a leading BOM and turn CRLF and lone CR into LF."""
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_UNICODE_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def unicode_bom(data: bytes) -> str | None:
    """The codec (which reads and drops the mark) of a UTF-16 or UTF-32 byte order mark."""
    return next((codec for mark, codec in _UNICODE_BOMS if data.startswith(mark)), None)


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(data: bytes, source: str) -> DecodedText:
    """Decode file bytes: UTF-8 (BOM removed), UTF-16 or UTF-32 with a byte order mark, else
    an encoding charset-normalizer is sure of.

    Raises ValidationError naming ``source`` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise ValidationError(f"{source}: the file is empty")
    codec = unicode_bom(data)
    if codec is not None:  # UTF-16 and UTF-32 hold NUL bytes: not binary
        try:
            return DecodedText(normalize_text(data.decode(codec)), codec)
        except UnicodeDecodeError as exc:
            raise ValidationError(
                f"{source}: starts with a {codec.upper()} byte order mark but is not "
                f"valid {codec.upper()} (byte {exc.start}); convert the file to UTF-8"
            ) from None
    if b"\x00" in data[:8192]:
        raise ValidationError(f"{source}: looks like a binary file (it contains NUL bytes)")
    try:
        return DecodedText(normalize_text(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.coherence < 0.2:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ValidationError(
            f"{source}: line {line}: not UTF-8 and no other encoding could be detected "
            "with confidence; convert the file to UTF-8"
        )
    return DecodedText(normalize_text(str(best)), best.encoding)


class Utf16Index:
    """Maps code point offsets to UTF-16 unit offsets and back for one text.

    Only characters outside the Basic Multilingual Plane differ (two UTF-16 units), so the
    index keeps their code point positions in a sorted list and bisects: O(log n) a lookup,
    and O(1) when the text has none.
    """

    __slots__ = ("_astral", "_astral_utf16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        # A regex scan runs in C: ~15 ms on 5 MB where a Python loop over characters takes ~140 ms.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_utf16 = [cp + n for n, cp in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        if not 0 <= offset <= self.length:
            raise ValidationError(f"offset {offset} is outside the text (0..{self.length})")
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, unit: int, *, snap: str = "error") -> int:
        """Code point offset of a UTF-16 position.

        A position inside a surrogate pair is an error by default; ``snap="left"`` or
        ``snap="right"`` moves it to the start or end of that character instead.
        """
        if not 0 <= unit <= self.utf16_length:
            raise ValidationError(
                f"UTF-16 offset {unit} is outside the text (0..{self.utf16_length})"
            )
        if not self._astral:
            return unit
        before = bisect_left(self._astral_utf16, unit)
        if before and self._astral_utf16[before - 1] + 1 == unit:
            if snap == "left":
                return self._astral[before - 1]
            if snap == "right":
                return self._astral[before - 1] + 1
            raise ValidationError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        return unit - before
