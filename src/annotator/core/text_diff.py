"""Where offsets into an old text land in a new one, for text that both share unchanged.

Re-extracting a page changes its text in some paragraphs (a kept ad line, a caption the new
settings leave out) and not in others. The texts are compared line by line (``difflib``):
a stretch of lines equal in both moves as a whole, so a span inside it keeps its text and
moves by the stretch's offset; a span touching a changed line has no place in the new text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class OffsetMap:
    """Equal stretches as ``(old_start, old_end, new_start)``, sorted by ``old_start``."""

    stretches: tuple[tuple[int, int, int], ...]

    def move(self, start: int, end: int) -> tuple[int, int] | None:
        """``(start, end)`` in the new text, or None when the range touches changed text."""
        at = bisect_right([s[0] for s in self.stretches], start) - 1
        if at < 0:
            return None
        old_start, old_end, new_start = self.stretches[at]
        if end > old_end:
            return None
        shift = new_start - old_start
        return start + shift, end + shift


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def offset_map(old: str, new: str) -> OffsetMap:
    """The map of ``old`` offsets into ``new`` through the lines both texts share."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_at, new_at = _line_starts(old_lines), _line_starts(new_lines)
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    stretches = tuple(
        (old_at[i1], old_at[i2], new_at[j1])
        for tag, i1, i2, j1, _ in matcher.get_opcodes()
        if tag == "equal"
    )
    return OffsetMap(stretches)
