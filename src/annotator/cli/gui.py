"""``annotator gui``: open the app on a project."""

from __future__ import annotations

import sys

import click

from annotator.cli.app import db_option, resolve_db, user_errors
from annotator.config import resolve_annotator
from annotator.store.backend import Location


@click.command()
@db_option
@click.option("--doc", "doc_id", default=None, help="Open this document first.")
@click.option(
    "--annotator",
    default=None,
    help="Name recorded on every edit (default: settings, else OS user).",
)
@user_errors
def gui(db_path: Location | None, doc_id: str | None, annotator: str | None) -> None:
    """Open the app on a project file or a PostgreSQL server project (the default project
    when --db is not given)."""
    from annotator.gui.display import display_problem

    problem = display_problem()
    if problem:
        click.echo(f"annotator: {problem}", err=True)
        sys.exit(2)
    from annotator.gui.app import run_app

    sys.exit(run_app(resolve_db(db_path), doc_id=doc_id, annotator=resolve_annotator(annotator)))
