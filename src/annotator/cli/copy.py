"""``annotator copy``: a whole project moved between a file and a PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.app import as_location, terminal_progress, user_errors
from annotator.store.backend import Location, describe_location, is_server_location


def _location(ctx: click.Context, param: click.Parameter, value: str) -> Location:
    return as_location(value)


def _same_project(source: Location, target: Location) -> bool:
    if is_server_location(source) or is_server_location(target):
        return str(source) == str(target)
    return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()


@click.command()
@click.option(
    "--from",
    "source",
    required=True,
    callback=_location,
    metavar="PROJECT",
    help="The project to copy: a SQLite file or a PostgreSQL connection string.",
)
@click.option(
    "--to",
    "target",
    required=True,
    callback=_location,
    metavar="PROJECT",
    help="A new or empty project (file or connection string) that becomes the copy.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows copied per table as JSON.")
@user_errors
def copy(source: Location, target: Location, as_json: bool) -> None:
    """Copy a whole project to a new one: SQLite to PostgreSQL, back, or file to file.

    Documents, spans, relations, statuses, assignments, gold, curation decisions,
    suggestions, the schema and the edit log are copied as stored (ids and times kept). The
    target must hold no documents; it is written in one transaction, so a failure or Ctrl+C
    leaves it empty. The source is only read.
    """
    from annotator.store.db import open_db
    from annotator.store.project_copy import check_empty_target, copy_project

    if _same_project(source, target):
        raise click.UsageError("--from and --to name the same project; copy to a new one")
    source_db = open_db(source, readonly=True)
    try:
        target_db = open_db(target)
        try:
            check_empty_target(target_db)
            click.echo(
                f"copying {describe_location(source_db)} to {describe_location(target_db)}",
                err=True,
            )
            with terminal_progress("Copying") as progress:
                report = copy_project(source_db, target_db, progress)
        finally:
            target_db.close()
    finally:
        source_db.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"copied {report.source} to {report.target}:")
    for table, count in report.rows.items():
        click.echo(f"  {table:<20} {count:>9}")
