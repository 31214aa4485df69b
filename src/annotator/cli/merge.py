"""``annotator merge``: annotators' offline copies of a project brought into the team project."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.app import (
    db_option,
    open_repository,
    resolve_db,
    terminal_progress,
    user_errors,
)
from annotator.cli.backup import backup_before
from annotator.config import resolve_annotator
from annotator.store.backend import Location


@click.command()
@db_option
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as",
    "as_name",
    default=None,
    metavar="NAME",
    help="Credit spans, relations and statuses that have no annotator to NAME.",
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Leave out sources that cannot be merged and documents whose text differs; "
    "merge the rest and list what was left out.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@user_errors
def merge(
    db_path: Location | None,
    sources: tuple[Path, ...],
    as_name: str | None,
    skip_bad: bool,
    as_json: bool,
) -> None:
    """Merge annotators' project files (SOURCE.db ...) into the project, in one transaction.

    Documents are matched by id and must have the same text; spans keep their annotator.
    What the project already holds is counted, not added again, so merging a file twice adds
    nothing. Sources are opened read-only; the project is backed up first.
    """
    from annotator.core.team import check_annotator
    from annotator.team.merge import merge_projects

    if as_name is not None:
        check_annotator(as_name)  # refused before anything is backed up or read
    repo = open_repository(db_path)
    if repo.document_ids():  # a merge changes a project that holds work
        backup_before(resolve_db(db_path), "before-merge")
    with terminal_progress("Merging") as progress:
        report = merge_projects(
            repo,
            list(sources),
            as_name=as_name,
            skip_bad=skip_bad,
            by=resolve_annotator(None),
            progress=progress,
        )
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        click.echo(line)
