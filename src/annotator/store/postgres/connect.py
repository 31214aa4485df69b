"""Opening a project on a PostgreSQL server: reach it, refuse what is not ours, migrate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.store.errors import StoreError
from annotator.store.migrations import known_migration_names, known_steps, schema_version
from annotator.store.postgres.database import PgDatabase

if TYPE_CHECKING:
    import psycopg

MIGRATIONS_TABLE = "annotator_migrations"
CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer, unless the location sets its own."""
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


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def connect(url: str) -> psycopg.Connection[Any]:
    """A new autocommit connection, or a StoreError naming the server it could not reach."""
    psycopg = _psycopg()
    try:
        settings = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError(f"{url}: not a PostgreSQL connection string: {_first_line(exc)}") from None
    extra = {} if "connect_timeout" in settings else {"connect_timeout": CONNECT_TIMEOUT}
    try:
        return psycopg.connect(url, autocommit=True, **extra)
    except psycopg.OperationalError as exc:
        raise StoreError(
            f"{describe(settings)}: cannot connect to the server: {_first_line(exc)}"
        ) from None


def _location(raw: psycopg.Connection[Any]) -> str:
    info = raw.info
    host = info.host if info.host and not info.host.startswith("/") else "the local socket"
    return f"PostgreSQL database {info.dbname} on {host}:{info.port} as {info.user}"


def _applied(db: PgDatabase) -> set[str] | None:
    """The names of the steps applied, or None when the project has no record of them."""
    found = db.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_name = ?",
        [MIGRATIONS_TABLE],
    ).fetchone()[0]
    if not found:
        return None
    return {row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}


def _other_tables(db: PgDatabase) -> int:
    return int(
        db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
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


def open_server_project(url: str, *, readonly: bool = False) -> PgDatabase:
    """Open (creating the tables if the database is empty) a project on a PostgreSQL server.

    Refuses, without changing anything, a server that cannot be reached, a database that
    holds another program's tables, and a project of a newer annotator.
    """
    psycopg = _psycopg()
    raw = connect(url)
    db = PgDatabase(raw, url, _location(raw))
    try:
        applied = check_version(db)
        if readonly:
            if len(applied) < schema_version():
                raise StoreError(
                    f"{db.location}: the project needs an upgrade, which a read-only open cannot do"
                )
            db.execute("SET default_transaction_read_only = on")
        elif len(applied) < schema_version():
            migrate(db)
    except psycopg.Error as exc:
        db.close()
        raise StoreError(f"{db.location}: {_first_line(exc)}") from None
    except StoreError:
        db.close()
        raise
    return db
