"""Qt runs offscreen (CI has no display); fixtures and markers come from ``tests/helpers``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.helpers.fixtures",
    "tests.helpers.window_fixtures",
    "tests.helpers.cli",
    "tests.helpers.markers",
    "tests.helpers.postgres",
    "tests.helpers.pg_team",
    "tests.helpers.trained_model",
    "tests.helpers.trained_project",
    "tests.helpers.name_model",
]
