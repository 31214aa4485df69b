"""Opening a project on a PostgreSQL server: reach it, refuse what is not ours, migrate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.store.errors import StoreError
from annotator.store.migrations import known_migration_names, known_steps, schema_version
from annotator.store.postgres.database import PgDatabase
from annotator.store.postgres.failures import first_line

if TYPE_CHECKING:
    import psycopg

MIGRATIONS_TABLE = "annotator_migrations"
CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer, unless the location sets its own."""
DEAD_NETWORK_SETTINGS: dict[str, int] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 20_000,
}
"""libpq settings that end a connection whose network died within about half a minute
(keepalive probes while a statement waits for its answer, ``tcp_user_timeout`` in ms while
data waits for an acknowledgement) instead of the system's default of many minutes; each
one applies unless the location sets its own."""
TEXT_ENCODING = "UTF8"
_MIGRATION_LOCK = 7_284_125_001
"""``pg_advisory_xact_lock`` key: two programs opening a new project migrate one at a time."""

INSTALL_HINT = (
    "a PostgreSQL project needs the psycopg driver: pip install 'annotator[postgres]' "
    "(from a checkout: pip install -e '.[postgres]')"
)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(INSTALL_HINT) from None
    return psycopg


def describe(settings: dict[str, Any]) -> str:
    """``PostgreSQL database corpus on db.example.org:5432 as ana``, without the password."""
    host = settings.get("host") or settings.get("hostaddr") or "the local socket"
    port = settings.get("port")
    where = f"{host}:{port}" if port else str(host)
    if "service" in settings and "host" not in settings:
        where = f"service {settings['service']}"
    dbname = settings.get("dbname") or settings.get("user") or "(default)"
    user = f" as {settings['user']}" if settings.get("user") else ""
    return f"PostgreSQL database {dbname} on {where}{user}"


def connect(url: str) -> psycopg.Connection[Any]:
    """A new autocommit connection, or a StoreError naming the server it could not reach."""
    psycopg = _psycopg()
    try:
        settings = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError(f"{url}: not a PostgreSQL connection string: {first_line(exc)}") from None
    defaults = {"connect_timeout": CONNECT_TIMEOUT, **DEAD_NETWORK_SETTINGS}
    extra: dict[str, Any] = {key: value for key, value in defaults.items() if key not in settings}
    try:
        raw = psycopg.connect(url, autocommit=True, client_encoding=TEXT_ENCODING, **extra)
    except psycopg.OperationalError as exc:
        raise StoreError(
            f"{describe(settings)}: cannot connect to the server: {first_line(exc)}"
        ) from None
    try:
        _check_encoding(raw)
    except StoreError:
        raw.close()
        raise
    return raw


def _check_encoding(raw: psycopg.Connection[Any]) -> None:
    """Refuse a database that cannot hold every character of a text as the store counts them
    (code points): SQL_ASCII stores bytes and counts them, LATIN1 and the like cannot hold an
    emoji at all. Texts travel as UTF8 (``connect`` asks for it at start-up, which neither the
    location, its ``options`` nor ``PGCLIENTENCODING`` override)."""
    server = raw.info.parameter_status("server_encoding")
    if server is not None and server != TEXT_ENCODING:
        raise StoreError(
            f"{_location(raw)}: the database's encoding is {server}, which cannot "
            "hold every text as written (accents, emoji); create the project's database with "
            "CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0 (left untouched)"
        )


def _location(raw: psycopg.Connection[Any]) -> str:
    info = raw.info
    host = info.host if info.host and not info.host.startswith("/") else "the local socket"
    return f"PostgreSQL database {info.dbname} on {host}:{info.port} as {info.user}"


def _applied(db: PgDatabase) -> set[str] | None:
    """The names of the steps applied, or None when the project has no record of them.

    The catalog, not ``information_schema`` (which hides the tables a role may not read),
    says whether the tables are there: a role without access is told so rather than taken
    for the creator of a new project.
    """
    found = db.execute(
        "SELECT has_table_privilege(c.oid, 'SELECT') FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relname = ?",
        [MIGRATIONS_TABLE],
    ).fetchone()
    if found is None:
        return None
    if not found[0]:
        raise no_access(db)
    return {row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}


def _role(db: PgDatabase) -> str:
    return str(db.execute("SELECT session_user").fetchone()[0])


def no_access(db: PgDatabase) -> StoreError:
    role = _role(db)
    return StoreError(
        f"{db.location}: {role} has no access to this project; ask its owner "
        f"(annotator team grant --db … {role} annotator) (left untouched)"
    )


def _other_tables(db: PgDatabase) -> int:
    return int(
        db.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        ).fetchone()[0]
    )


def check_version(db: PgDatabase) -> set[str]:
    """Refuse a project of a newer annotator or a database of another program; reads only."""
    applied = _applied(db)
    if applied is None:
        if _other_tables(db):
            raise StoreError(
                f"{db.location}: holds tables of another program, not an annotator project "
                "(left untouched)"
            )
        return set()
    unknown = applied - set(known_migration_names())
    if unknown:
        raise StoreError(
            f"{db.location}: the project was written by a newer annotator (schema version "
            f"{len(applied)}, this one knows up to {schema_version()}); upgrade annotator to "
            "open it"
        )
    return applied


def migrate(db: PgDatabase) -> None:
    """Apply the pending steps in one transaction (PostgreSQL's DDL is transactional)."""
    with db.atomic():
        db.execute("SELECT pg_advisory_xact_lock(?)", [_MIGRATION_LOCK])
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        applied = check_version(db)
        for name, step in known_steps():
            if name not in applied:
                step(db)
                db.execute(f"INSERT INTO {MIGRATIONS_TABLE}(name) VALUES (?)", [name])


def _migrate_as_allowed(db: PgDatabase, applied: set[str]) -> None:
    """``migrate``, or when the server refuses the role the tables it needs, say who may."""
    import psycopg

    try:
        migrate(db)
    except psycopg.errors.InsufficientPrivilege as exc:
        role = _role(db)
        if applied:
            raise StoreError(
                f"{db.location}: the project needs an upgrade, which {role} may not make "
                f"({first_line(exc)}); an owner must open it once (left untouched)"
            ) from None
        raise StoreError(
            f"{db.location}: {role} may not create a project's tables in this database "
            f"({first_line(exc)}); ask its owner to create the project (annotator init "
            f"--db …) and grant you access (annotator team grant --db … {role} annotator)"
        ) from None


def open_server_project(url: str, *, readonly: bool = False) -> PgDatabase:
    """Open (creating the tables if the database is empty) a project on a PostgreSQL server.

    Refuses, without changing anything, a server that cannot be reached, a database that
    holds another program's tables, and a project of a newer annotator.
    """
    psycopg = _psycopg()
    raw = connect(url)
    db = PgDatabase(raw, url, _location(raw), readonly=readonly)
    try:
        applied = check_version(db)
        if readonly:
            if len(applied) < schema_version():
                raise StoreError(
                    f"{db.location}: the project needs an upgrade, which a read-only open cannot do"
                )
            db.execute("SET default_transaction_read_only = on")
        elif len(applied) < schema_version():
            _migrate_as_allowed(db, applied)
    except psycopg.Error as exc:
        db.close()
        raise StoreError(f"{db.location}: {first_line(exc)}") from None
    except StoreError:
        db.close()
        raise
    return db
