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
