"""Keeping the app's memory flat while documents of megabytes are opened one after another.

glibc's malloc serves a block above its mmap threshold with a mapping of its own, given back
to the system on free, but it raises that threshold to the size of each such block freed (up
to 32 MB). After a few big documents, their multi-megabyte buffers (the text for Qt, the
spans' JSON, the worker thread's query) come from the heap instead, and the heap keeps them
resident once freed: switching between a 5 MB article and a small one left the app at
221 MB instead of 184 MB (``benchmarks/README.md``). A fixed threshold keeps blocks over
4 MiB mapped; below that the heap serves as before, so opening a document is no slower.
"""

from __future__ import annotations

import ctypes

_M_MMAP_THRESHOLD = -3
"""``mallopt`` parameter of glibc's ``malloc.h``: setting it also ends the dynamic threshold."""
BIG_BLOCK = 4 * 1024 * 1024
"""Bytes from which a block gets a mapping of its own."""


def map_big_blocks_apart() -> bool:
    """Fix glibc's mmap threshold at ``BIG_BLOCK``; whether it was set (False off glibc).

    ``mallopt`` is looked up among the symbols the process has loaded (its C library's):
    ``ctypes.util.find_library`` would run ``ldconfig``, about 5 ms of start-up.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, TypeError, AttributeError):  # no mallopt: macOS, Windows
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, BIG_BLOCK))
