"""How the app names a project to its user: a file by its name and path, a server project as
"corpus on db.example.org" and the store's description of it. A password is never shown,
logged or remembered: libpq finds it again itself (``~/.pgpass``, the service file,
``PGPASSWORD``), and ``without_password`` takes one the user typed out of what is kept.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from annotator.store.backend import Location, ProjectDb, describe_location, is_server_location
from annotator.store.postgres.database import PgDatabase

_KEY_VALUE_PASSWORD = re.compile(r"(^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S*)")
SERVER_BACKUPS = (
    "Backups here are of project files; this project lives on a PostgreSQL server, "
    "so the server's own backups apply"
)
"""Why File ▸ Backups… and the automatic backups do nothing on a server project."""


def without_password(location: str) -> str:
    """The connection string with any password taken out (from a URL's user part, its query,
    or a ``password=`` setting); a file path comes back unchanged."""
    if not is_server_location(location):
        return location
    if "://" not in location:
        return " ".join(_KEY_VALUE_PASSWORD.sub(r"\1", location).split())
    parts = urlsplit(location)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = urlencode([(key, value) for key, value in query if key != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, kept, parts.fragment))


def short_name(location: Location, db: ProjectDb) -> str:
    """What the status bar and the window title say: ``project.db`` or
    ``corpus on db.example.org`` (the server as the connection reached it)."""
    if isinstance(db, PgDatabase):
        info = db.conn.raw.info
        host = info.host if info.host and not info.host.startswith("/") else "the local socket"
        return f"{info.dbname} on {host}"
    return Path(location).name


def full_name(location: Location, db: ProjectDb) -> str:
    """The file's path, or the server, port, database and role (``describe_location``)."""
    if isinstance(db, PgDatabase):
        return describe_location(db)
    return str(location)
