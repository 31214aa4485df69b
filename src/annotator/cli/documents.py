"""``annotator docs``: list the project's documents."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.app import db_option, open_repository, user_errors


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@user_errors
def docs(db_path: Path | None, as_json: bool) -> None:
    """List the documents with their span counts."""
    repo = open_repository(db_path, readonly=True)
    rows = repo.documents()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "lang": r.lang,
                        "status": r.status,
                        "spans": r.span_count,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not rows:
        click.echo("no documents")
        return
    width = max(len(r.id) for r in rows)
    click.echo(f"{'id'.ljust(width)}  {'spans':>6}  {'status':<12} title")
    for r in rows:
        click.echo(f"{r.id.ljust(width)}  {r.span_count:>6}  {r.status:<12} {r.title[:60]}")
