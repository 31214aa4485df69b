"""The one place where the GUI converts Qt's UTF-16 positions to code points and back.

Qt counts a character outside the Basic Multilingual Plane (most emoji) as two positions;
the stored offsets count it as one. Every position that crosses between a Qt widget and a
``Span`` goes through a ``TextOffsets`` built for the document's stored text, never
through ``toPlainText()``.
"""

from __future__ import annotations

import ctypes

from annotator.core.text import Utf16Index, utf16_chunks

_STRING_FROM_UNITS = ctypes.pythonapi.PyUnicode_FromKindAndData
_STRING_FROM_UNITS.restype = ctypes.py_object
_STRING_FROM_UNITS.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_ssize_t)
_TWO_BYTE_KIND = 2


class TextOffsets:
    """Code point <-> UTF-16 position mapping for one stored text (O(log n) a lookup)."""

    __slots__ = ("_index",)

    def __init__(self, text: str, *, encoded: list[bytes] | None = None) -> None:
        self._index = Utf16Index(text, encoded=encoded)

    @classmethod
    def with_qt_text(cls, text: str) -> tuple[TextOffsets, str]:
        """The offsets of ``text``, and ``text`` as Qt stores it: one character of that str
        per UTF-16 unit, each astral character as its surrogate pair; one encode gives both.

        PySide converts a str holding a character beyond U+FFFF to a QString one code point
        at a time: about 45 ms for a 5 MB article with emoji, half of showing it. A str of
        two-byte characters it copies in a millisecond, and building one from the encoded
        text is a copy (about 9 ms). Python strs may hold surrogates; Qt reads each pair back
        as the one character, so the document's text equals the stored text. A text without
        astral characters is already such a str.
        """
        encoded = utf16_chunks(text)
        offsets = cls(text, encoded=encoded)
        if offsets.qt_length == offsets.length:
            return offsets, text
        units = b"".join(encoded)
        encoded.clear()  # the pieces go before the str is built: 10 MB less at the peak
        return offsets, str(_STRING_FROM_UNITS(_TWO_BYTE_KIND, units, offsets.qt_length))

    @property
    def length(self) -> int:
        """Length of the text in code points."""
        return self._index.length

    @property
    def qt_length(self) -> int:
        """Length of the text in UTF-16 units, as Qt counts it."""
        return self._index.utf16_length

    def to_qt(self, cp: int) -> int:
        """Qt position of code point offset ``cp`` (0 <= cp <= length)."""
        return self._index.to_utf16(cp)

    def from_qt(self, pos: int, snap: str = "left") -> int:
        """Code point offset of Qt position ``pos``.

        A position inside a surrogate pair (Qt accepts those silently) snaps to the start of
        the character with ``snap="left"`` or past it with ``snap="right"``; positions
        outside the text are clamped, since Qt may report the end of the last block.
        """
        pos = min(max(pos, 0), self._index.utf16_length)
        return self._index.from_utf16(pos, snap=snap)

    def range_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """Code point range of a Qt range; a half-covered astral character is included."""
        return self.from_qt(start, "left"), self.from_qt(end, "right")
