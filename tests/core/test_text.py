import pytest

from annotator.core.errors import ValidationError
from annotator.core.text import Utf16Index, decode_bytes, normalize_text

SAMPLES = [
    "plain ascii",
    "a😀b",
    "👩🏽‍🎨 artist and 👨‍👩‍👧 family",
    "e\u0301 combining and café",
    "القاهرة عاصمة مصر",
    "東京と大阪",
    "tab\there\nnew line 🚢",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_utf16_index_round_trips_every_offset(text: str) -> None:
    index = Utf16Index(text)
    assert index.utf16_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        unit = index.to_utf16(cp)
        assert unit == len(text[:cp].encode("utf-16-le")) // 2
        assert index.from_utf16(unit) == cp


def test_position_inside_surrogate_pair_is_refused_or_snapped() -> None:
    index = Utf16Index("a😀b")
    with pytest.raises(ValidationError):
        index.from_utf16(2)
    assert index.from_utf16(2, snap="left") == 1
    assert index.from_utf16(2, snap="right") == 2


def test_offsets_outside_text_are_errors() -> None:
    index = Utf16Index("abc")
    with pytest.raises(ValidationError):
        index.to_utf16(4)
    with pytest.raises(ValidationError):
        index.from_utf16(-1)


def test_normalize_strips_bom_and_unifies_line_ends() -> None:
    assert normalize_text("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"


def test_decode_utf8_with_bom() -> None:
    decoded = decode_bytes("\ufeffJakarta 😀\r\n".encode(), "x.txt")
    assert decoded.text == "Jakarta 😀\n"
    assert decoded.encoding == "utf-8"


def test_decode_detects_legacy_encoding_with_confidence() -> None:
    text = "Die Straße führt über die Brücke nach München, wo es schön ist. " * 5
    decoded = decode_bytes(text.encode("cp1252"), "de.txt")
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


@pytest.mark.parametrize(
    ("codec", "data"),
    [
        ("utf-16", "\ufeffJakarta 😀 banjir\r\nSurabaya".encode("utf-16-le")),
        ("utf-16", "\ufeffJakarta 😀 banjir\r\nSurabaya".encode("utf-16-be")),
        ("utf-32", "\ufeffJakarta 😀 banjir\r\nSurabaya".encode("utf-32-le")),
        ("utf-32", "\ufeffJakarta 😀 banjir\r\nSurabaya".encode("utf-32-be")),
    ],
)
def test_decode_utf16_and_utf32_with_a_byte_order_mark(codec: str, data: bytes) -> None:
    decoded = decode_bytes(data, "notes.txt")
    assert decoded.text == "Jakarta 😀 banjir\nSurabaya"
    assert decoded.encoding == codec


def test_a_broken_utf16_file_is_named_as_utf16() -> None:
    data = "\ufeffJakarta".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(
        ValidationError,
        match=r"^notes.txt: starts with a UTF-16 byte order mark but is not valid UTF-16",
    ):
        decode_bytes(data, "notes.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_decode_rejects_bad_files(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(info.value)
