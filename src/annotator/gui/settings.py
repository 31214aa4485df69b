"""What the app remembers between runs in ``QSettings``: every key in one place, and typed reads.

Values read back from an INI file are strings ("true", "12.5") while the native stores give
typed values; the ``read_*`` functions accept both and fall back to the default on anything
unreadable, so a hand-edited or older settings file never stops the app. The user's name is
not here: it is shared with the command line (``annotator.config``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"
"""Where Qt keeps the settings: the platform's store for this organisation and application."""

FONT_SIZE = "view/font_size"
LABEL_TAGS = "view/label_tags"
OTHERS_WORK = "view/others_work"
"""Whether View ▸ Show ▸ Other Annotators' Work is on (default off)."""
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
LAST_DOCUMENT = "session/last_doc"
SCROLL_POSITIONS = "session/scroll_positions"  # JSON: document id -> paragraph at the top
IMPORT_DIR = "session/import_dir"
EXPORT_DIR = "session/export_dir"
QUEUE_ORDER = "documents/order"
"""The document list's order: list, uncertainty (least certain first) or random."""
QUEUE_SEED = "documents/random_seed"
"""The seed of the random order, drawn once, so the shuffle stays the same between runs."""
SNAP_TO_WORDS = "edit/snap_to_words"
BACKUP_MINUTES = "backup/minutes"
"""Minutes of editing between automatic backups (default 30)."""
SHORTCUTS = "shortcuts"
"""Group of rebound keys, one entry per action id."""

RECENT_SERVER_PROJECTS = "session/recent_server_projects"
"""JSON list of the server projects opened, newest first, without passwords."""

IMPORT_OFFSETS = "import/offsets"
IMPORT_LANG = "import/lang"

EXPORT_FORMAT = "export/format"
EXPORT_PATH = "export/path"
EXPORT_STATUS = "export/status"
EXPORT_ANNOTATOR = "export/annotator"
EXPORT_LAYER = "export/layer"
EXPORT_SPLIT = "export/split"
EXPORT_FRACTIONS = "export/fractions"
EXPORT_SEED = "export/seed"
EXPORT_ALIGNMENT = "export/alignment"
EXPORT_SCHEME = "export/scheme"
EXPORT_PARQUET = "export/parquet"
EXPORT_OFFSETS = "export/offsets"
EXPORT_HF_UNIT = "export/hf_unit"

TRAINING = "training"
"""Group of one sub-group per project (a hash of its location): ``retrain``,
``retrain_every``, ``last_settings`` (JSON) and ``last_name`` of Project ▸ Train Model…"""

_TRUE = ("1", "true", "yes")


def user_settings() -> QSettings:
    """The user's settings in the platform's store (the QApplication names them)."""
    return QSettings(ORGANIZATION, APPLICATION)


def read_str(settings: QSettings, key: str, default: str = "") -> str:
    """The stored text, or ``default`` when the key is missing or empty."""
    value = settings.value(key, default)
    return str(value) if value not in (None, "") else default


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in _TRUE
    return bool(value)


def read_int(settings: QSettings, key: str, default: int) -> int:
    value = settings.value(key, default)
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def read_float(settings: QSettings, key: str, default: float) -> float:
    value = settings.value(key, default)
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return default
