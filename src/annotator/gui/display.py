"""Is there a screen to open a window on? Checked before Qt is loaded, so no Qt abort."""

from __future__ import annotations

import os
import sys


def display_problem() -> str | None:
    """A one-line explanation when no display is available, else None."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            return (
                "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run the app in a "
                "desktop session, or use the command line instead: annotator --help"
            )
    return None
