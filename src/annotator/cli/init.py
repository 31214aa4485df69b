"""``annotator init``: a new project's tables, in a file or on a PostgreSQL server."""

from __future__ import annotations

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.store.backend import Location, describe_location


@click.command()
@db_option
@user_errors
def init(db_path: Location | None) -> None:
    """Create the project (its tables and the default schema), or bring an existing one up to
    date; a project written by a newer annotator is refused untouched.

    On a PostgreSQL server the database must exist and be empty or hold an annotator project
    (createdb corpus; annotator init --db postgresql://user@host/corpus).
    """
    from annotator.store.migrations import schema_version

    repo = open_repository(db_path)
    try:
        documents = len(repo.document_ids())
        click.echo(
            f"{describe_location(repo.db)}: annotator project, schema version "
            f"{schema_version()}, {documents} document(s)"
        )
    finally:
        repo.db.close()
