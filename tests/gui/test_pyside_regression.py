"""PySide6 6.12.0 on Python 3.11 crashes (none_dealloc) after thousands of void Qt calls.

We pin below it; this keeps the pin honest: 20,000+ QTextCursor.setPosition calls in a fresh
process must exit cleanly.
"""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    doc = QTextDocument("Jakarta 😀 Kalimantan " * 200)
    cursor = QTextCursor(doc)
    for i in range(25_000):
        cursor.setPosition(i % 2000)
        cursor.setPosition((i + 7) % 2000, QTextCursor.MoveMode.KeepAnchor)
    print("done", cursor.position())
    """
)


def test_many_void_qt_calls_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("done")
