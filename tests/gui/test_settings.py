"""Remembered settings read back typed from an INI file, which stores every value as text."""

from __future__ import annotations

from pathlib import Path

from annotator.gui.settings import (
    EXPORT_SEED,
    EXPORT_SPLIT,
    FONT_SIZE,
    LAST_DOCUMENT,
    SNAP_TO_WORDS,
    read_bool,
    read_float,
    read_int,
    read_str,
)
from tests.helpers.window_fixtures import make_settings


def test_values_written_then_reread_from_the_file_keep_their_type(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    written = make_settings(path)
    written.setValue(FONT_SIZE, 13.5)
    written.setValue(SNAP_TO_WORDS, False)
    written.setValue(EXPORT_SEED, 42)
    written.setValue(LAST_DOCUMENT, "doc-7")
    written.sync()

    reread = make_settings(path)
    assert read_float(reread, FONT_SIZE, 11.0) == 13.5
    assert read_bool(reread, SNAP_TO_WORDS, True) is False
    assert read_int(reread, EXPORT_SEED, 0) == 42
    assert read_str(reread, LAST_DOCUMENT) == "doc-7"


def test_missing_or_unreadable_values_fall_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[view]\nfont_size=big\n[export]\nseed=\n", encoding="utf-8")
    settings = make_settings(path)
    assert read_float(settings, FONT_SIZE, 11.0) == 11.0
    assert read_int(settings, EXPORT_SEED, 3) == 3
    assert read_bool(settings, SNAP_TO_WORDS, True) is True
    assert read_bool(settings, EXPORT_SPLIT, False) is False
    assert read_str(settings, LAST_DOCUMENT, "none") == "none"
