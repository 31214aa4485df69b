"""``annotator team``: who may write what in a project on a PostgreSQL server.

Run by a role that may create roles (a superuser, or the database owner with CREATEROLE).
The server enforces the levels with row-level security (``store.postgres.roles``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from annotator.cli.app import db_option, resolve_db, user_errors
from annotator.store.backend import Location, is_server_location

if TYPE_CHECKING:
    from annotator.store.postgres.database import PgDatabase

LEVEL_HELP = {
    "annotator": "writes their own spans, relations and statuses",
    "curator": "also writes gold, curation decisions, anyone's status and suggestions",
    "owner": "writes everything: documents, schema, assignments, migrations",
}


def _open_server(db_path: Location | None) -> PgDatabase:
    location = resolve_db(db_path)
    if not is_server_location(location):
        raise click.UsageError(
            "team access is for a project on a PostgreSQL server (--db postgresql://…); a "
            "SQLite project file is guarded by the file's own permissions"
        )
    from annotator.seed import ensure_project
    from annotator.store.db import open_db
    from annotator.store.repository import Repository

    repo = Repository(open_db(location))
    ensure_project(repo, with_samples=False)  # the schema row is in place before it is guarded
    return repo.db  # type: ignore[return-value]


@click.group()
def team() -> None:
    """Give people access to a project on a PostgreSQL server, as their own database role."""


@team.command()
@db_option
@click.argument("name")
@click.argument("level", type=click.Choice(list(LEVEL_HELP)))
@user_errors
def grant(db_path: Location | None, name: str, level: str) -> None:
    """Let NAME (a login role, created if missing) work on the project at LEVEL.

    annotator: writes their own spans, relations and statuses; curator: also gold and
    curation decisions; owner: everything, schema and assignments included. The first grant
    secures the project (group roles, row-level security); granting again is harmless. No
    password is set: the person's password comes from libpq (~/.pgpass, a service file or
    PGPASSWORD).
    """
    from annotator.store.postgres.roles import grant as grant_level
    from annotator.store.postgres.roles import group_names

    db = _open_server(db_path)
    try:
        secured_now = grant_level(db, name, level)
        dbname = db.conn.raw.info.dbname
    finally:
        db.close()
    if secured_now:
        groups = ", ".join(group_names(dbname).values())
        click.echo(f"Secured {db.location}: row-level security on every table, groups {groups}.")
    click.echo(f"{name} is {'an' if level != 'curator' else 'a'} {level}: {LEVEL_HELP[level]}.")
    click.echo(
        f"annotator sets no password: an admin runs ALTER ROLE \"{name}\" PASSWORD '…', and "
        f"{name} keeps it in ~/.pgpass (or PGPASSWORD)."
    )


@team.command()
@db_option
@click.argument("name")
@user_errors
def revoke(db_path: Location | None, name: str) -> None:
    """Take NAME's access to the project away (the login role itself stays)."""
    from annotator.store.postgres.roles import revoke as revoke_access

    db = _open_server(db_path)
    try:
        had_access = revoke_access(db, name)
    finally:
        db.close()
    if not had_access:
        raise click.ClickException(f"{name} has no access to {db.location}; nothing changed")
    click.echo(f"{name} no longer has access to {db.location}.")


@team.command(name="list")
@db_option
@user_errors
def list_members(db_path: Location | None) -> None:
    """Everyone with access to the project, and their level."""
    from annotator.store.postgres.roles import members

    db = _open_server(db_path)
    try:
        found = members(db)
    finally:
        db.close()
    if not found:
        click.echo(f"Nobody has been granted access to {db.location} yet.")
    for name, level in found:
        click.echo(f"{name}\t{level}")
