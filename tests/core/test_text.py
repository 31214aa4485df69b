import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Pieces that make UTF-16 and code points disagree, or that look like one character but are several.
_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "\n",
        "é",
        "e\u0301",  # e + combining acute: two code points, one glyph
        "\u200d",  # zero-width joiner on its own
        "😀",
        "👩🏽‍🎨",  # ZWJ sequence with a skin tone: four astral code points and a joiner
        "👨‍👩‍👧",
        "🇮🇩",  # flag: two regional indicators
        "東",
        "\U0010ffff",  # the last code point
        "\U00010000",  # the first astral code point
    ]
)
_TEXT = st.lists(_PIECES | st.characters(exclude_categories=["Cs"]), max_size=30).map("".join)


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_every_code_point_offset_maps_to_its_utf16_position_and_back(text: str) -> None:
    index = Utf16Index(text)
    assert index.length == len(text)
    assert index.utf16_length == _utf16_units(text)
    for offset in range(len(text) + 1):
        unit = index.to_utf16(offset)
        assert unit == _utf16_units(text[:offset])
        assert index.from_utf16(unit) == offset


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_positions_inside_a_surrogate_pair_snap_to_the_character_around_them(text: str) -> None:
    index = Utf16Index(text)
    for offset, char in enumerate(text):
        if ord(char) <= 0xFFFF:
            continue
        inside = index.to_utf16(offset) + 1
        with pytest.raises(ValidationError, match=f"UTF-16 offset {inside} falls inside"):
            index.from_utf16(inside)
        assert index.from_utf16(inside, snap="left") == offset
        assert index.from_utf16(inside, snap="right") == offset + 1


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"first line\nsecond line\nthird " + bytes(range(0x80, 0x100)) * 2, 3),
        (b"\x81\x8d\x8f\x90\x9d\xff" * 3, 1),
        (b"ok\n" + bytes(range(0x80, 0x100)), 2),
    ],
)
def test_undecodable_file_names_the_line_of_the_first_bad_byte(data: bytes, line: int) -> None:
    with pytest.raises(
        ValidationError,
        match=(
            rf"^bad\.txt: line {line}: not UTF-8 and no other encoding could be detected "
            r"with confidence; convert the file to UTF-8$"
        ),
    ):
        decode_bytes(data, "bad.txt")


def test_bad_file_messages_name_the_file() -> None:
    with pytest.raises(ValidationError, match=r"^a\.txt: the file is empty$"):
        decode_bytes(b" \n\t", "a.txt")
    with pytest.raises(
        ValidationError, match=r"^a\.txt: looks like a binary file \(it contains NUL bytes\)$"
    ):
        decode_bytes(b"text\x00more", "a.txt")


def test_a_nul_byte_after_the_first_8_kib_is_not_taken_for_binary() -> None:
    data = b"a" * 8192 + b"\x00"
    assert decode_bytes(data, "a.txt").text == "a" * 8192 + "\x00"
    with pytest.raises(ValidationError, match="binary"):
        decode_bytes(b"a" * 8191 + b"\x00", "a.txt")


def test_normalize_leaves_text_without_bom_or_cr_alone() -> None:
    assert normalize_text("a\n\ufeffb") == "a\n\ufeffb"
    assert normalize_text("\r") == "\n"
    assert normalize_text("\r\r\n") == "\n\n"


def test_offsets_outside_the_text_name_the_offset_and_the_range() -> None:
    index = Utf16Index("a😀b")
    with pytest.raises(ValidationError, match=r"^offset 4 is outside the text \(0\.\.3\)$"):
        index.to_utf16(4)
    with pytest.raises(ValidationError, match=r"^offset -1 is outside the text \(0\.\.3\)$"):
        index.to_utf16(-1)
    with pytest.raises(ValidationError, match=r"^UTF-16 offset 5 is outside the text \(0\.\.4\)$"):
        index.from_utf16(5)
    with pytest.raises(ValidationError, match=r"^UTF-16 offset -1 is outside the text \(0\.\.4\)$"):
        index.from_utf16(-1)
    assert index.to_utf16(3) == 4 and index.from_utf16(4) == 3


def test_two_emoji_before_an_offset_count_two_units_each() -> None:
    index = Utf16Index("😀😀b😀")
    assert [index.to_utf16(i) for i in range(5)] == [0, 2, 4, 5, 7]
    assert [index.from_utf16(u) for u in (0, 2, 4, 5, 7)] == [0, 1, 2, 3, 4]
    assert index.from_utf16(3, snap="left") == 1
    assert index.from_utf16(3, snap="right") == 2
    assert index.from_utf16(6, snap="right") == 4


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=4))
def test_offsets_map_the_same_whatever_the_chunks_the_index_reads_the_text_in(
    text: str, chunk: int
) -> None:
    whole, chunked = Utf16Index(text), Utf16Index(text, chunk=chunk)
    assert chunked.utf16_length == _utf16_units(text)
    for offset in range(len(text) + 1):
        assert chunked.to_utf16(offset) == _utf16_units(text[:offset])
        assert chunked.from_utf16(chunked.to_utf16(offset)) == offset
    for unit in range(whole.utf16_length + 1):
        for snap in ("left", "right"):
            assert chunked.from_utf16(unit, snap=snap) == whole.from_utf16(unit, snap=snap)


def test_an_emoji_that_ends_a_chunk_counts_two_units_in_the_next_chunk() -> None:
    index = Utf16Index("ab😀c😀", chunk=3)
    assert [index.to_utf16(i) for i in range(6)] == [0, 1, 2, 4, 5, 7]
    assert [index.from_utf16(u) for u in (0, 1, 2, 4, 5, 7)] == [0, 1, 2, 3, 4, 5]
    assert index.from_utf16(3, snap="left") == 2
    assert index.from_utf16(6, snap="right") == 5
