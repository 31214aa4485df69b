"""Is there a screen to open a window on? Checked before Qt is loaded, so no Qt abort.

On X11, Qt's xcb platform plugin needs a set of system libraries that minimal Debian/Ubuntu
installs lack; Qt then aborts naming only the first one. They are looked up here first
(``ctypes.util.find_library``, which reads the linker cache) and all missing ones are named
with the one ``apt-get`` line that installs them (the README lists the same line).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from ctypes.util import find_library

XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}
"""Library name (as ``find_library`` takes it) -> the Debian/Ubuntu package holding it."""

APT_LINE = "sudo apt-get install " + " ".join(XCB_LIBRARIES.values())


def display_problem(find: Callable[[str], str | None] | None = None) -> str | None:
    """A one-line explanation when no window can be opened, else None."""
    find = find or find_library
    platform = os.environ.get("QT_QPA_PLATFORM")
    if platform and platform != "xcb":
        return None
    if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
        return None
    if not platform and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run the app in a "
            "desktop session, or use the command line instead: annotator --help"
        )
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None  # Qt uses its Wayland plugin there
    missing = [package for library, package in XCB_LIBRARIES.items() if find(library) is None]
    if missing:
        return (
            f"Qt's X11 (xcb) plugin needs system libraries that are missing: {', '.join(missing)}. "
            f"On Debian/Ubuntu: {APT_LINE}"
        )
    return None
