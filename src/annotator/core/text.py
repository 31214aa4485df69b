"""Import-time text normalisation and code point <-> UTF-16 offset mapping.

The stored text is exactly what offsets refer to, so it is normalised once, at import:
a leading BOM is removed and CRLF / lone CR become LF (Qt would silently change both).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

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


CHUNK = 1 << 16
"""Code points per chunk of a ``Utf16Index``."""


def utf16_chunks(text: str, chunk: int = CHUNK) -> list[bytes]:
    """``text`` encoded as UTF-16-LE, ``chunk`` code points at a time; none for ASCII text
    (whose UTF-16 offsets are its code point offsets). ``b"".join`` gives the whole text."""
    if text.isascii():  # a flag of the str: no scan
        return []
    return [text[start : start + chunk].encode("utf-16-le") for start in range(0, len(text), chunk)]


class Utf16Index:
    """Maps code point offsets to UTF-16 unit offsets and back for one text.

    Only characters outside the Basic Multilingual Plane differ (two UTF-16 units). The text
    is cut into chunks of ``chunk`` code points: building the index measures each chunk's
    UTF-16 length (``utf16_chunks``: an encode in C, about 8 ms for a 5 MB text with emoji,
    nothing for an ASCII one), and where a chunk's astral characters are is found only when
    a lookup first falls in it (a regex scan of that chunk), so showing a long article costs
    only the chunks on screen. A lookup is O(log n), and O(1) when the text has no astral
    characters. ``encoded`` is ``utf16_chunks(text, chunk)`` when the caller has it already.
    """

    __slots__ = ("_chunk", "_chunks", "_text", "_units_before", "length", "utf16_length")

    def __init__(
        self, text: str, *, chunk: int = CHUNK, encoded: list[bytes] | None = None
    ) -> None:
        self._text = text
        self._chunk = chunk
        self.length = len(text)
        parts = utf16_chunks(text, chunk) if encoded is None else encoded
        sizes = [len(part) // 2 for part in parts]
        self.utf16_length = sum(sizes) if parts else self.length
        self._units_before = [0, *accumulate(sizes)] if self.utf16_length != self.length else []
        self._chunks: dict[int, tuple[list[int], list[int]]] = {}

    def _astral_in(self, number: int) -> tuple[list[int], list[int]]:
        """The astral characters of chunk ``number``: their code point and UTF-16 offsets."""
        found = self._chunks.get(number)
        if found is None:
            start = number * self._chunk
            points = [m.start() for m in _ASTRAL.finditer(self._text, start, start + self._chunk)]
            shift = self._units_before[number] - start
            units = [point + shift + before for before, point in enumerate(points)]
            found = self._chunks[number] = (points, units)
        return found

    def to_utf16(self, offset: int) -> int:
        if not 0 <= offset <= self.length:
            raise ValidationError(f"offset {offset} is outside the text (0..{self.length})")
        if not self._units_before:
            return offset
        number = offset // self._chunk
        if number == len(self._units_before) - 1:  # the end of a text of whole chunks
            return self.utf16_length
        points, _units = self._astral_in(number)
        shift = self._units_before[number] - number * self._chunk
        return offset + shift + bisect_left(points, offset)

    def from_utf16(self, unit: int, *, snap: str = "error") -> int:
        """Code point offset of a UTF-16 position.

        A position inside a surrogate pair is an error by default; ``snap="left"`` or
        ``snap="right"`` moves it to the start or end of that character instead.
        """
        if not 0 <= unit <= self.utf16_length:
            raise ValidationError(
                f"UTF-16 offset {unit} is outside the text (0..{self.utf16_length})"
            )
        if not self._units_before:
            return unit
        number = bisect_right(self._units_before, unit) - 1
        if number == len(self._units_before) - 1:
            return self.length
        points, units = self._astral_in(number)
        before = bisect_left(units, unit)
        if before and units[before - 1] + 1 == unit:
            if snap == "left":
                return points[before - 1]
            if snap == "right":
                return points[before - 1] + 1
            raise ValidationError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        shift = self._units_before[number] - number * self._chunk
        return unit - shift - before
