"""Code point <-> Qt UTF-16 conversion on the texts that break annotation tools."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.gui.article import view as view_module
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.article.view import ArticleView

SAMPLES = {
    "emoji": "Hi 😀 there, Jakarta",
    "zwj": "Artist 👩🏽‍🎨 painted 👨‍👩‍👧‍👦 family",
    "skin_tone": "wave 👋🏿 hello 👍🏻 ok",
    "combining": "e\u0301cole cafe\u0301 n\u0303 done",
    "arabic": "قال الوزير في القاهرة 😀 اليوم",
    "cjk": "東京で会議 😀 が開かれた 𠮷野家",
    "tabs": "col1\tcol2\t😀\tcol4\nnext\tline",
    "mixed": (
        "Hi 😀 there, Jakarta 👩🏽‍🎨 and e\u0301 café in القاهرة and 東京.\tTabbed line\n"
        "Second line."
    ),
}


def _qt_document(text: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setPlainText(text)
    return doc


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip_every_code_point(name: str) -> None:
    text = SAMPLES[name]
    offsets = TextOffsets(text)
    assert offsets.length == len(text)
    assert offsets.qt_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert offsets.from_qt(offsets.to_qt(cp)) == cp


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_qt_selection_of_every_word_matches_str_find(name: str) -> None:
    """Select each word in a real QTextDocument by Qt positions: same text, str.find offsets."""
    text = SAMPLES[name]
    offsets = TextOffsets(text)
    doc = _qt_document(text)
    for word in set(text.split()):
        start = text.find(word)
        cursor = QTextCursor(doc)
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == word
        got = offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        assert got == (start, start + len(word))
        assert text[got[0] : got[1]] == word


def test_position_inside_surrogate_pair_snaps() -> None:
    text = "a😀b"
    offsets = TextOffsets(text)
    assert offsets.to_qt(2) == 3  # 'b' is at 2 in Python, 3 in Qt
    assert offsets.from_qt(2, "left") == 1
    assert offsets.from_qt(2, "right") == 2
    assert offsets.range_from_qt(2, 2) == (1, 2)


def test_out_of_range_qt_positions_are_clamped() -> None:
    offsets = TextOffsets("ab😀")
    assert offsets.from_qt(-3) == 0
    assert offsets.from_qt(99) == 3


def test_plain_text_fast_path() -> None:
    offsets = TextOffsets("plain ascii and é")
    assert [offsets.to_qt(i) for i in range(5)] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_text_handed_to_qt_reads_back_as_the_stored_text(name: str) -> None:
    text = SAMPLES[name]
    offsets, qt_text = TextOffsets.with_qt_text(text)
    doc = QTextDocument()
    doc.setPlainText(qt_text)
    assert doc.toPlainText().replace("\u2029", "\n") == text
    assert doc.characterCount() - 1 == offsets.qt_length
    assert [offsets.to_qt(cp) for cp in range(len(text) + 1)] == [
        len(text[:cp].encode("utf-16-le")) // 2 for cp in range(len(text) + 1)
    ]


def test_two_emoji_opening_and_closing_the_text_reach_qt_as_two_units_each() -> None:
    text = "😀😀 middle 🚢🚢"
    offsets, qt_text = TextOffsets.with_qt_text(text)
    assert len(qt_text) == offsets.qt_length == len(text) + 4
    doc = _qt_document(qt_text)
    cursor = QTextCursor(doc)
    cursor.setPosition(offsets.to_qt(len(text) - 2))
    cursor.setPosition(offsets.to_qt(len(text)), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "🚢🚢"


def test_an_ascii_text_is_handed_to_qt_as_it_is() -> None:
    text = "plain ascii"
    assert TextOffsets.with_qt_text(text)[1] is text


def test_the_view_shows_the_text_even_when_qt_refuses_the_queued_layout(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    class RefusingMetaObject:
        @staticmethod
        def invokeMethod(*_args: object) -> bool:
            return False

    monkeypatch.setattr(view_module, "QMetaObject", RefusingMetaObject)
    view = ArticleView()
    qtbot.addWidget(view)
    text = SAMPLES["mixed"]
    view.set_document(text, [], default_schema())
    assert view.document().toPlainText().replace("\u2029", "\n") == text


def test_the_view_holds_the_text_laid_out_with_the_gil_released(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    text = SAMPLES["zwj"] + "\n" + SAMPLES["cjk"]
    view.set_document(text, [], default_schema())
    assert view.document().toPlainText().replace("\u2029", "\n") == text
    assert view.document().blockCount() == 2
