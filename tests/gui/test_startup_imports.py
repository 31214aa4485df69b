"""Building the app's window does not load spaCy (about a second and 80 MB at start-up): only
what tokenises, trains or runs a model imports it, when the user asks for that."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    import annotator.gui.app
    import annotator.gui.main_window
    print(sorted(name for name in ("spacy", "thinc") if name in sys.modules))
    """
)


def test_the_window_modules_leave_spacy_unloaded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]"]
