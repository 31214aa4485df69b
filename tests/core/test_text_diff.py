"""Offsets through a text whose lines changed in places."""

from __future__ import annotations

from annotator.core.text_diff import offset_map

OLD = "Title\n\nFirst 😀 line.\n\nSecond line.\n"
NEW = "Title\n\nAd line\n\nFirst 😀 line.\n\nSecond line, longer.\n"


def test_ranges_on_equal_lines_move_and_keep_their_text() -> None:
    move = offset_map(OLD, NEW).move
    start = OLD.index("😀 line")
    place = move(start, start + 6)
    assert place is not None and NEW[place[0] : place[1]] == "😀 line"
    assert move(0, 5) == (0, 5)  # the first line, before the change


def test_ranges_touching_changed_lines_have_no_place() -> None:
    move = offset_map(OLD, NEW).move
    second = OLD.index("Second")
    assert move(second, second + 6) is None
    assert move(0, OLD.index("First") + 5) is None  # crosses the inserted line


def test_an_empty_old_text_maps_nothing() -> None:
    assert offset_map("", NEW).move(0, 0) is None


def test_the_last_characters_and_two_emoji_move_exactly() -> None:
    old = "Ad\n\n😀😀 end"
    new = "Headline\n\nAd\n\n😀😀 end"
    move = offset_map(old, new).move
    assert move(len(old) - 3, len(old)) == (len(new) - 3, len(new))
    place = move(4, 6)
    assert place is not None and new[place[0] : place[1]] == "😀😀"
    assert move(4, 4) == (new.index("😀"), new.index("😀"))  # an empty range stays empty
