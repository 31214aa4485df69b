"""The user's configuration, shared by the command line and the app: where the default project
lives and who the annotator is (a JSON file in the user's config folder).

Window layout, recent folders and dialog choices are GUI settings, kept by Qt
(``annotator.gui.settings``)."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

import platformdirs

from annotator.core.team import check_annotator

APP_NAME = "annotator"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the app's rotating log lives (``annotator.log``)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def backup_folder(db_path: Path) -> Path:
    """The automatic backups of one project: named after the file, told apart from other
    projects of the same name by a hash of its full path."""
    resolved = db_path.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def default_db_path() -> Path:
    """The embedded default project: ``ANNOTATOR_DB`` if set, else one in the user data dir."""
    env = os.environ.get("ANNOTATOR_DB")
    return Path(env).expanduser() if env else data_dir() / "default.annotator.db"


def load_config() -> dict[str, Any]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_config(values: dict[str, Any]) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = {**load_config(), **values}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(merged, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def resolve_annotator(explicit: str | None = None) -> str:
    """``--annotator`` if given, else the config's ``annotator``, else the OS user name.

    A given or configured name the tool keeps for itself (``@gold``) raises ValidationError.
    """
    if explicit and explicit.strip():
        return check_annotator(explicit.strip())
    configured = load_config().get("annotator")
    if isinstance(configured, str) and configured.strip():
        return check_annotator(configured.strip())
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _distribution_version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def runtime_versions() -> list[tuple[str, str]]:
    """What a bug report needs: the versions the app runs on and where its log is.

    Read from package metadata, so asking costs no import of Qt or spaCy."""
    from annotator import __version__

    pyside = _distribution_version("PySide6-Essentials", "PySide6")
    return [
        ("annotator", __version__),
        ("Python", platform.python_version()),
        ("PySide6 (Qt)", pyside),
        ("SQLite", sqlite3.sqlite_version),
        ("spaCy", _distribution_version("spacy")),
        ("log folder", str(log_dir())),
    ]
