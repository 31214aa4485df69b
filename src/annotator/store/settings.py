"""Where the default project lives and who the annotator is (shared by the CLI and the GUI)."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "annotator"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def default_db_path() -> Path:
    """The embedded default project: ``ANNOTATOR_DB`` if set, else one in the user data dir."""
    env = os.environ.get("ANNOTATOR_DB")
    return Path(env).expanduser() if env else data_dir() / "default.annotator.db"


def load_settings() -> dict[str, Any]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(values: dict[str, Any]) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = {**load_settings(), **values}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(merged, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def resolve_annotator(explicit: str | None = None) -> str:
    """``--annotator`` if given, else the settings' ``annotator``, else the OS user name."""
    if explicit and explicit.strip():
        return explicit.strip()
    configured = load_settings().get("annotator")
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
