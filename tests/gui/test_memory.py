"""The allocator setting that keeps the app's memory flat across big documents."""

from __future__ import annotations

import platform

from annotator.gui.memory import map_big_blocks_apart


def test_big_blocks_get_mappings_of_their_own_wherever_glibc_allocates() -> None:
    on_glibc = platform.libc_ver()[0] == "glibc"
    assert map_big_blocks_apart() is on_glibc
    assert map_big_blocks_apart() is on_glibc  # setting it again changes nothing
