"""A page's bytes to text: the declared charset is used only when the bytes agree with it."""

from __future__ import annotations

import codecs

import pytest

from annotator.formats.html_decode import decode_page, header_charset, meta_charset
from annotator.formats.records import FormatError

PAGE = '<html><head><meta charset="{}"></head><body><p>Café 😀 in Jakarta</p></body></html>'


def test_a_utf8_page_with_a_bom_and_crlf_becomes_clean_text() -> None:
    data = codecs.BOM_UTF8 + PAGE.format("utf-8").replace("<body>", "\r\n<body>").encode()
    decoded = decode_page(data, "p.html")
    assert decoded.text.startswith("<html>") and "\r" not in decoded.text
    assert "Café 😀" in decoded.text and decoded.encoding == "utf-8"


def test_the_charset_is_read_from_meta_and_from_the_server_header() -> None:
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    assert header_charset("text/html; charset=windows-1251") == "windows-1251"
    assert header_charset("text/html") is None and header_charset(None) is None
    data = "<html><body><p>Москва</p></body></html>".encode("cp1251")
    assert "Москва" in decode_page(data, "p.html", "windows-1251").text


def test_an_undeclared_legacy_encoding_is_detected() -> None:
    page = "<html><body><p>" + "Le café était déjà fermé à Genève. " * 20 + "</p></body></html>"
    decoded = decode_page(page.encode("cp1252"), "p.html")
    assert "déjà fermé à Genève" in decoded.text


def test_an_unknown_charset_name_is_refused() -> None:
    with pytest.raises(
        FormatError, match=r"p\.html: the page declares an unknown charset 'x-nope'"
    ):
        decode_page(PAGE.format("x-nope").encode(), "p.html")


def test_an_undeclared_cyrillic_page_is_not_read_as_latin() -> None:
    page = "<html><body><p>" + "Москва приняла новый закон о печати. " * 20 + "</p></body></html>"
    decoded = decode_page(page.encode("cp1251"), "p.html")
    assert "Москва приняла новый закон" in decoded.text


@pytest.mark.parametrize(
    ("data", "server", "message"),
    [
        (b" \n ", None, r"the page is empty"),
        (
            b"just a note, no markup",
            None,
            r"broken HTML: no <html>, <body> or paragraph markup found",
        ),
        (
            b"<html>\x00\x01binary",
            None,
            r"broken HTML: no <html>, <body> or paragraph markup found",
        ),
        (
            "<html>\n<body><p>Café</p></body></html>".encode("cp1252"),
            "utf-8",
            r"line 2: the server's Content-Type says utf-8, but its bytes are not utf-8; fix "
            r"the declaration or re-save the page",
        ),
        (
            PAGE.format("iso-8859-1").replace("<body>", "\n<body>").encode(),
            None,
            r"line 2: the page's <meta charset> says iso-8859-1, but its bytes are UTF-8 "
            r"\(decoding them as declared would garble every accented letter\); fix the "
            r"declaration or re-save the page",
        ),
        (
            b"<html><body><p>" + bytes(range(0x80, 0x100)) * 4 + b"</p></body></html>",
            None,
            r"the page declares no charset, is not UTF-8 and no other encoding could be "
            r"detected with confidence; add a <meta charset> or re-save it as UTF-8",
        ),
    ],
    ids=["empty", "not-html", "binary", "not-as-declared", "utf8-declared-latin", "undetectable"],
)
def test_what_cannot_be_read_as_a_page_is_refused_with_the_reason(
    data: bytes, server: str | None, message: str
) -> None:
    with pytest.raises(FormatError, match=rf"^p\.html: {message}$"):
        decode_page(data, "p.html", server)
